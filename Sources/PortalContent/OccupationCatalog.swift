import PortalBytes

/// The position descriptions in the content, keyed by occupation code: the site's backbone.
///
/// Built from an already checked ``ContentSite``: the loader has refused
/// malformed codes and two files claiming the same code and version, so each
/// code here has at most one current and one proposed version.
public struct OccupationCatalog: Sendable {
    /// How a position changes in the consultations on file.
    public enum Status: String, Sendable, CaseIterable {
        /// Only a proposed version exists: a consultation proposes a new position.
        case new
        /// A current and a proposed version exist and differ.
        case revised
        /// Only a current version exists, or the proposed one is identical to it.
        case unchanged
    }

    /// One version of a position description.
    public struct Version: Sendable, Equatable {
        public var version: PositionVersion
        public var title: String
        public var grade: String
        public var date: String
        /// The letter that proposed or enclosed this version, relative to Content/.
        public var consultation: String?
        /// The document holding this version, relative to Content/.
        public var path: String
    }

    /// Everything on file for one occupation code.
    public struct Entry: Sendable, Equatable {
        public var code: String
        /// The newest title: the proposed version's when there is one.
        public var title: String
        /// The newest grade: the proposed version's when there is one.
        public var grade: String
        public var bargainingUnit: String?
        /// Current first, then proposed.
        public var versions: [Version]
        public var status: Status

        public var current: Version? { versions.first { $0.version == .current } }
        public var proposed: Version? { versions.first { $0.version == .proposed } }
    }

    /// Entries by code.
    public let entries: [String: Entry]

    /// Every code on file, sorted.
    public var codes: [String] { entries.keys.sorted() }

    public init(site: ContentSite) {
        var documents: [String: [ContentDocument]] = [:]
        for document in site.documents {
            if let position = document.position { documents[position.occupationCode, default: []].append(document) }
        }
        var entries: [String: Entry] = [:]
        for (code, group) in documents {
            let sorted = group.sorted { $0.position!.version < $1.position!.version }
            let versions = sorted.map { document in
                Version(
                    version: document.position!.version, title: document.title, grade: document.position!.grade,
                    date: document.date, consultation: document.consultation, path: document.path)
            }
            let newest = sorted.last!
            entries[code] = Entry(
                code: code, title: newest.title, grade: newest.position!.grade,
                bargainingUnit: sorted.reversed().compactMap(\.position?.bargainingUnit).first,
                versions: versions, status: Self.status(of: sorted))
        }
        self.entries = entries
    }

    public subscript(code: String) -> Entry? {
        entries[code]
    }

    /// Whether two bodies match once leading and trailing whitespace is set aside, without copying either.
    ///
    /// Compared byte for byte: the catalog is built on every build, and `String`'s
    /// Unicode-aware comparison walks both long bodies by grapheme.
    /// ASCII whitespace is trimmed on the bytes; other Unicode whitespace at an end
    /// is trimmed as characters.
    private static func sameIgnoringOuterWhitespace(_ a: String, _ b: String) -> Bool {
        let (left, right) = (trimmed(a), trimmed(b))
        return left.count == right.count && left.elementsEqual(right)
    }

    /// `text` without leading and trailing whitespace.
    private static func trimmed(_ text: String) -> Substring.UTF8View {
        let isASCIISpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        var slice = Substring(text).utf8
        while let first = slice.first, isASCIISpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isASCIISpace(last) { slice = slice.dropLast() }
        if let first = slice.first, let last = slice.last, first < 0x80, last < 0x80 { return slice }
        var characters = Substring(slice)
        while let first = characters.first, first.isWhitespace { characters = characters.dropFirst() }
        while let last = characters.last, last.isWhitespace { characters = characters.dropLast() }
        return characters.utf8
    }

    /// A ``StableHash`` of a body without its outer whitespace: two bodies with different hashes differ.
    ///
    /// The loader notes it for every body it reads, and the build cache keeps it, so the status of
    /// codes whose files were not read again is worked out without reading them.
    static func outerTrimmedHash(_ body: String) -> UInt64 {
        let bytes = trimmed(body)
        var hash = StableHash()
        if bytes.withContiguousStorageIfAvailable({ hash.combine(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { hash.combine($0) }
        }
        return hash.value
    }

    private static func status(of versions: [ContentDocument]) -> Status {
        let current = versions.first { $0.position?.version == .current }
        guard let proposed = versions.first(where: { $0.position?.version == .proposed }) else { return .unchanged }
        guard let current else { return .new }
        let same = current.title == proposed.title && current.position?.grade == proposed.position?.grade
            && current.position?.bargainingUnit == proposed.position?.bargainingUnit
            // The hashes first: they come from the cache for files not read again, whose bodies are still on disk.
            && current.bodyOuterTrimmedHash == proposed.bodyOuterTrimmedHash
            && sameIgnoringOuterWhitespace(current.body, proposed.body)
        return same ? .unchanged : .revised
    }
}
