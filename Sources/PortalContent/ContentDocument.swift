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
    /// Path relative to the content folder, with `/` separators: `letters/x.md`.
    public var path: String
    /// The path as diagnostics show it: `Content/letters/x.md`.
    public var displayPath: String
    public var kind: DocumentKind
    public var title: String
    /// The date in `YYYY-MM-DD` form, already checked to be a real calendar day.
    public var date: String
    public var summary: String?
    /// Set when the source has no date of its own (e.g. `undated`); `date` is then when it was added.
    public var sourceDate: String?
    /// The path of the letter that proposed or enclosed this document, relative to Content/.
    public var consultation: String?
    public var letter: LetterFields?
    public var position: PositionFields?
    /// The Markdown after the front matter.
    public var body: String
    /// Add this to a line number within `body` to get the line in the file.
    public var bodyLineOffset: Int
    /// Where each front-matter field's value starts in the file.
    public var fieldLocations: [String: SourceLocation]
    /// ``StableHash`` of the whole file as loaded; the build cache compares it between builds.
    public var sourceHash: UInt64 = 0
    /// ``StableHash`` of the lines before the body: every field other pages may show comes from them.
    public var frontMatterHash: UInt64 = 0

    /// The location of a front-matter field, or line 1 when the field is absent.
    public func location(ofField field: String) -> SourceLocation {
        fieldLocations[field] ?? SourceLocation(line: 1, column: 1)
    }

    /// The page's path in the output: the source path with `.html` for `.md`.
    public var outputPath: String {
        String(path.dropLast(3)) + ".html"
    }
}
