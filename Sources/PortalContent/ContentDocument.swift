import Foundation
import PortalBytes

#if canImport(Glibc)
import Glibc
#endif

/// A line and column in a file, both 1-based.
public struct SourceLocation: Sendable, Equatable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A person in a letter's sender or addressee block.
public struct Person: Sendable, Equatable {
    public var name: String
    public var title: String?
    public var organization: String?
    public var address: [String]
}

/// A letter's reference to one of its enclosures, resolved after every document is loaded.
public struct EnclosureReference: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// A document path relative to Content/, e.g. `presentations/x.md`.
        case path(String)
        /// A position description by occupation code and version.
        case position(code: String, version: PositionVersion)
    }

    public var target: Target
    public var line: Int
    public var column: Int
}

/// Which version of a position description a document holds.
public enum PositionVersion: String, Sendable, CaseIterable, Codable, Comparable {
    case current, proposed

    public static func < (lhs: PositionVersion, rhs: PositionVersion) -> Bool {
        lhs == .current && rhs == .proposed
    }
}

/// The fields only a letter has.
public struct LetterFields: Sendable, Equatable {
    public var from: Person
    public var to: Person
    public var statute: String
    public var enclosures: [EnclosureReference]
    public var salutation: String?
    public var closing: String?
    public var contact: String?
    public var tracking: String?
}

/// The fields only a position description has.
public struct PositionFields: Sendable, Equatable {
    public var occupationCode: String
    public var grade: String
    public var version: PositionVersion
    public var bargainingUnit: String?
}

/// One Markdown file from Content/, with validated front matter and its body.
///
/// The build cache keeps it without its body (``BinaryCodable``): the body is
/// the part of the source after the front matter, which the loader reads anyway.
public struct ContentDocument: Sendable, Equatable {
    // The fields live in one shared box, copied on write: documents are copied into listings, lookups
    // and closures all over a build, and a copy of the struct itself retained every string in it.
    private final class Storage: @unchecked Sendable {
        var path: String {
            didSet { outputPath = Self.outputPath(of: path) }
        }
        /// Worked out with the path, not on each use: pages, links and listings ask for it all through a build.
        private(set) var outputPath: String
        var displayPath: String
        var kind: DocumentKind
        var title: String
        var date: String
        var summary: String?
        var sourceDate: String?
        var consultation: String?
        var letter: LetterFields?
        var position: PositionFields?
        var response: ResponseFields?
        var decision: DecisionFields?
        var body: String?
        /// Where `body` can be read again once released (see ``ContentDocument/releaseBody()``).
        var bodySource: BodySource?
        var bodyLineOffset: Int
        var fieldLocations: [String: SourceLocation]
        var sourceHash: UInt64
        var frontMatterHash: UInt64
        /// What the loader saw of the file; nil when it was not read from one, or too recently changed to trust.
        var fileStamp: SourceFileStamp?
        /// Facts about `body` that other checks need, kept so an unread body need not be read for them.
        var bodyFacts: BodyFacts?

        init(path: String, displayPath: String, kind: DocumentKind, title: String, date: String, summary: String?, sourceDate: String?, consultation: String?, letter: LetterFields?, position: PositionFields?, body: String, bodyLineOffset: Int, fieldLocations: [String: SourceLocation], sourceHash: UInt64, frontMatterHash: UInt64) {
            self.path = path
            outputPath = Self.outputPath(of: path)
            self.displayPath = displayPath
            self.kind = kind
            self.title = title
            self.date = date
            self.summary = summary
            self.sourceDate = sourceDate
            self.consultation = consultation
            self.letter = letter
            self.position = position
            self.body = body
            self.bodyLineOffset = bodyLineOffset
            self.fieldLocations = fieldLocations
            self.sourceHash = sourceHash
            self.frontMatterHash = frontMatterHash
        }

        /// The source path with `.html` for `.md`.
        static func outputPath(of path: String) -> String {
            String(path.dropLast(3)) + ".html"
        }

        func copy() -> Storage {
            let copy = Storage(path: path, displayPath: displayPath, kind: kind, title: title, date: date, summary: summary, sourceDate: sourceDate, consultation: consultation, letter: letter, position: position, body: body ?? "", bodyLineOffset: bodyLineOffset, fieldLocations: fieldLocations, sourceHash: sourceHash, frontMatterHash: frontMatterHash)
            copy.body = body
            copy.bodySource = bodySource
            copy.fileStamp = fileStamp
            copy.bodyFacts = bodyFacts
            copy.response = response
            copy.decision = decision
            return copy
        }
    }

    private var storage: Storage

    init(
        path: String,
        displayPath: String,
        kind: DocumentKind,
        title: String,
        date: String,
        summary: String?,
        sourceDate: String?,
        consultation: String?,
        letter: LetterFields?,
        position: PositionFields?,
        body: String,
        bodyLineOffset: Int,
        fieldLocations: [String: SourceLocation],
        sourceHash: UInt64 = 0,
        frontMatterHash: UInt64 = 0
    ) {
        storage = Storage(path: path, displayPath: displayPath, kind: kind, title: title, date: date, summary: summary, sourceDate: sourceDate, consultation: consultation, letter: letter, position: position, body: body, bodyLineOffset: bodyLineOffset, fieldLocations: fieldLocations, sourceHash: sourceHash, frontMatterHash: frontMatterHash)
    }

    /// The box, first copied when another document shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Path relative to the content folder, with `/` separators: `letters/x.md`.
    public var path: String {
        get { storage.path }
        set { unique().path = newValue }
    }
    /// The path as diagnostics show it: `Content/letters/x.md`.
    public var displayPath: String {
        get { storage.displayPath }
        set { unique().displayPath = newValue }
    }
    public var kind: DocumentKind {
        get { storage.kind }
        set { unique().kind = newValue }
    }
    public var title: String {
        get { storage.title }
        set { unique().title = newValue }
    }
    /// The date in `YYYY-MM-DD` form, already checked to be a real calendar day.
    public var date: String {
        get { storage.date }
        set { unique().date = newValue }
    }
    public var summary: String? {
        get { storage.summary }
        set { unique().summary = newValue }
    }
    /// Set when the source has no date of its own (e.g. `undated`); `date` is then when it was added.
    public var sourceDate: String? {
        get { storage.sourceDate }
        set { unique().sourceDate = newValue }
    }
    /// The path of the letter that proposed or enclosed this document, relative to Content/.
    public var consultation: String? {
        get { storage.consultation }
        set { unique().consultation = newValue }
    }
    public var letter: LetterFields? {
        get { storage.letter }
        set { unique().letter = newValue }
    }
    public var position: PositionFields? {
        get { storage.position }
        set { unique().position = newValue }
    }
    public var response: ResponseFields? {
        get { storage.response }
        set { unique().response = newValue }
    }
    public var decision: DecisionFields? {
        get { storage.decision }
        set { unique().decision = newValue }
    }
    /// The Markdown after the front matter.
    public var body: String {
        get { storage.body ?? storage.bodySource.flatMap { $0.read() } ?? "" }
        set {
            let storage = unique()
            storage.body = newValue
            storage.bodySource = nil
            storage.bodyFacts = nil
            storage.fileStamp = nil
        }
    }
    /// Add this to a line number within `body` to get the line in the file.
    public var bodyLineOffset: Int {
        get { storage.bodyLineOffset }
        set { unique().bodyLineOffset = newValue }
    }
    /// Where each front-matter field's value starts in the file.
    public var fieldLocations: [String: SourceLocation] {
        get { storage.fieldLocations }
        set { unique().fieldLocations = newValue }
    }
    /// ``StableHash`` of the whole file as loaded; the build cache compares it between builds.
    public var sourceHash: UInt64 {
        get { storage.sourceHash }
        set { unique().sourceHash = newValue }
    }
    /// ``StableHash`` of the lines before the body: every field other pages may show comes from them.
    public var frontMatterHash: UInt64 {
        get { storage.frontMatterHash }
        set { unique().frontMatterHash = newValue }
    }

    /// Notes that the body is the end of the file at `path`, whose whole text as loaded is `text`, so that
    /// ``releaseBody()`` may drop it; nothing when the body is not the end of `text`.
    public mutating func keepBodySource(path: String, text: String) {
        var (whole, end) = (text, body)
        // Compared with memcmp: every document's whole source is checked on every build.
        let offset = whole.withUTF8 { whole in
            end.withUTF8 { end -> Int? in
                guard whole.count >= end.count else { return nil }
                let start = whole.count - end.count
                return end.isEmpty || memcmp(whole.baseAddress! + start, end.baseAddress!, end.count) == 0 ? start : nil
            }
        }
        guard let offset else { return }
        unique().bodySource = BodySource(path: path, offset: offset)
    }

    /// What the loader saw of the document's file when it read it (see ``SourceFileStamp``).
    public var fileStamp: SourceFileStamp? {
        get { storage.fileStamp }
        set { unique().fileStamp = newValue }
    }

    /// Facts about the body, worked out once; nil until ``noteBodyFacts()`` or the build cache sets them.
    public var bodyFacts: BodyFacts? {
        get { storage.bodyFacts }
        set { unique().bodyFacts = newValue }
    }

    /// Works out ``bodyFacts`` from the body in memory.
    public mutating func noteBodyFacts() {
        let body = self.body
        unique().bodyFacts = BodyFacts(
            mayContainBidiControl: BidiControlCheck.mayContainControl(body),
            outerTrimmedHash: OccupationCatalog.outerTrimmedHash(body),
            mayHoldPlaceholder: ScaffoldPlaceholder.bodyMayHoldPlaceholder(body))
    }

    /// Whether the body may hold a `portal new` placeholder, from ``bodyFacts`` when known.
    var bodyMayHoldPlaceholder: Bool {
        storage.bodyFacts?.mayHoldPlaceholder ?? ScaffoldPlaceholder.bodyMayHoldPlaceholder(body)
    }

    /// Whether the body may hold a bidirectional control, from ``bodyFacts`` when known, else from the body itself.
    var bodyMayContainBidiControl: Bool {
        storage.bodyFacts?.mayContainBidiControl ?? BidiControlCheck.mayContainControl(body)
    }

    /// ``OccupationCatalog/outerTrimmedHash(_:)`` of the body, from ``bodyFacts`` when known.
    var bodyOuterTrimmedHash: UInt64 {
        storage.bodyFacts?.outerTrimmedHash ?? OccupationCatalog.outerTrimmedHash(body)
    }

    /// Leaves the body in the file, to be read from `path` after `offset` bytes of its text if asked for.
    ///
    /// For a file the loader did not read again because its stamp is unchanged; the document's other fields
    /// (front matter, hashes, ``bodyFacts``) are the ones the cache kept.
    mutating func bodyInFile(path: String, offset: Int) {
        let storage = unique()
        storage.body = nil
        storage.bodySource = BodySource(path: path, offset: offset)
    }

    /// Where the body starts in the file's text as loaded, when it can be read from there again.
    var bodyOffsetInFile: Int? { storage.bodySource?.offset }

    /// Whether the body is in memory, not released; for tests.
    var isBodyResident: Bool { storage.body != nil }

    /// Drops the body from memory once it has been parsed; reading ``body`` afterwards reads the file again.
    ///
    /// Every copy of this document shares the body, so every copy lets it go: the value stays the same
    /// as long as the file does, and nothing reads a body after the site model is made except to
    /// quote a line in an error, or to render a body again whose cached copy could not be read.
    /// A body with no source (see ``keepBodySource(path:text:)``) is kept.
    public func releaseBody() {
        if storage.bodySource != nil { storage.body = nil }
    }

    public static func == (lhs: ContentDocument, rhs: ContentDocument) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let (a, b) = (lhs.storage, rhs.storage)
        return a.path == b.path
            && a.displayPath == b.displayPath
            && a.kind == b.kind
            && a.title == b.title
            && a.date == b.date
            && a.summary == b.summary
            && a.sourceDate == b.sourceDate
            && a.consultation == b.consultation
            && a.letter == b.letter
            && a.position == b.position
            && a.response == b.response
            && a.decision == b.decision
            && lhs.body == rhs.body
            && a.bodyLineOffset == b.bodyLineOffset
            && a.fieldLocations == b.fieldLocations
            && a.sourceHash == b.sourceHash
            && a.frontMatterHash == b.frontMatterHash
    }

    /// The location of a front-matter field, or line 1 when the field is absent.
    public func location(ofField field: String) -> SourceLocation {
        fieldLocations[field] ?? SourceLocation(line: 1, column: 1)
    }

    /// The page's path in the output: the source path with `.html` for `.md`.
    public var outputPath: String {
        storage.outputPath
    }
}

/// Where a document's body can be read again: its file, and the byte where the body starts in the file's
/// text as the loader made it (byte-order mark dropped, line ends made `\n`).
struct BodySource: Sendable, Equatable {
    var path: String
    var offset: Int

    func read() -> String? {
        guard let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = LineBreaks.normalized(text)
        guard offset <= text.utf8.count else { return nil }
        return String(decoding: text.utf8.dropFirst(offset), as: UTF8.self)
    }
}
