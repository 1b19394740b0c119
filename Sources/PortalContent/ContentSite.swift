/// Everything loaded from the content folder: the config, every document, and the raw data files.
public struct ContentSite: Sendable {
    public var config: SiteConfig
    /// Documents sorted by path.
    public var documents: [ContentDocument]
    /// Files in `Content/data/`, by name relative to that folder, as text.
    public var dataFiles: [String: String]
    /// Warnings found while loading; errors are thrown instead.
    public var warnings: [Diagnostic]

    public init(config: SiteConfig, documents: [ContentDocument], dataFiles: [String: String], warnings: [Diagnostic] = []) {
        self.config = config
        self.documents = documents
        self.dataFiles = dataFiles
        self.warnings = warnings
    }

    /// The document at `path`, relative to Content/.
    public func document(at path: String) -> ContentDocument? {
        documents.first { $0.path == path }
    }

    /// The position description with this occupation code and version.
    public func position(code: String, version: PositionVersion) -> ContentDocument? {
        documents.first { $0.position?.occupationCode == code && $0.position?.version == version }
    }

    /// The document an enclosure reference names.
    public func document(for enclosure: EnclosureReference) -> ContentDocument? {
        switch enclosure.target {
        case .path(let path): document(at: path)
        case .position(let code, let version): position(code: code, version: version)
        }
    }
}
