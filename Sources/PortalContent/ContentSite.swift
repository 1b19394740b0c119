/// Everything loaded from the content folder: the config, every document, and the raw data files.
public struct ContentSite: Sendable {
    public var config: SiteConfig
    /// Documents sorted by path.
    public var documents: [ContentDocument] {
        didSet { index = DocumentIndex(documents) }
    }
    /// Files in `Content/data/`, by name relative to that folder, as text.
    public var dataFiles: [String: String]
    /// Warnings found while loading; errors are thrown instead.
    public var warnings: [Diagnostic]
    /// How many documents the loader took from the build cache without reading their files.
    public var unreadDocuments = 0
    /// Markdown files, relative to Content/, that could not be read or decoded; each has its own error,
    /// so a reference to one of them is not reported again as naming no document.
    public var failedPaths: Set<String> = []
    /// Lookups by path and by code, so that a page asking for another document costs no scan of them all.
    private var index: DocumentIndex

    public init(config: SiteConfig, documents: [ContentDocument], dataFiles: [String: String], warnings: [Diagnostic] = []) {
        self.config = config
        self.documents = documents
        self.index = DocumentIndex(documents)
        self.dataFiles = dataFiles
        self.warnings = warnings
    }

    /// The document at `path`, relative to Content/.
    public func document(at path: String) -> ContentDocument? {
        index.byPath[path].map { documents[$0] }
    }

    /// The position description with this occupation code and version.
    public func position(code: String, version: PositionVersion) -> ContentDocument? {
        index.byPosition["\(code) \(version.rawValue)"].map { documents[$0] }
    }

    /// The documents whose `consultation` names the letter at `path`, in path order.
    public func documents(inConsultation path: String) -> [ContentDocument] {
        (index.byConsultation[path] ?? []).map { documents[$0] }
    }

    /// The responses whose `responds_to` names the letter or decision at `path`, in path order.
    public func responses(to path: String) -> [ContentDocument] {
        (index.byRespondsTo[path] ?? []).map { documents[$0] }
    }

    /// The decisions whose `decides` names the letter at `path`, in path order.
    public func decisions(of path: String) -> [ContentDocument] {
        (index.byDecides[path] ?? []).map { documents[$0] }
    }

    /// The document an enclosure reference names.
    public func document(for enclosure: EnclosureReference) -> ContentDocument? {
        switch enclosure.target {
        case .path(let path): document(at: path)
        case .position(let code, let version): position(code: code, version: version)
        }
    }
}
