import PortalBinaryCodec
import PortalBytes

// MARK: The content types the cache keeps

extension SourceLocation: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(line)
        writer.write(column)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(line: try reader.int(), column: try reader.int())
    }
}

extension Person: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(title)
        writer.write(organization)
        writer.write(address)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(name: try reader.string(), title: try reader.optionalString(), organization: try reader.optionalString(), address: try reader.strings())
    }
}

extension EnclosureReference: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        switch target {
        case .path(let path):
            writer.write(0)
            writer.write(path)
        case .position(let code, let version):
            writer.write(1)
            writer.write(code)
            writer.write(version.rawValue)
        }
        writer.write(line)
        writer.write(column)
    }

    public init(from reader: inout BinaryReader) throws {
        let target: Target
        switch try reader.int() {
        case 0: target = .path(try reader.string())
        case 1:
            let code = try reader.string()
            guard let version = PositionVersion(rawValue: try reader.string()) else { throw BinaryReader.Truncated() }
            target = .position(code: code, version: version)
        default: throw BinaryReader.Truncated()
        }
        self.init(target: target, line: try reader.int(), column: try reader.int())
    }
}

extension LetterFields: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(from)
        writer.write(to)
        writer.write(statute)
        writer.write(enclosures)
        writer.write(salutation)
        writer.write(closing)
        writer.write(contact)
        writer.write(tracking)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            from: try reader.read(), to: try reader.read(), statute: try reader.string(), enclosures: try reader.array(),
            salutation: try reader.optionalString(), closing: try reader.optionalString(),
            contact: try reader.optionalString(), tracking: try reader.optionalString())
    }
}

extension PositionFields: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(occupationCode)
        writer.write(grade)
        writer.write(version.rawValue)
        writer.write(bargainingUnit)
    }

    public init(from reader: inout BinaryReader) throws {
        let code = try reader.string(), grade = try reader.string()
        guard let version = PositionVersion(rawValue: try reader.string()) else { throw BinaryReader.Truncated() }
        self.init(occupationCode: code, grade: grade, version: version, bargainingUnit: try reader.optionalString())
    }
}

extension ResponseFields: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(respondsTo)
        writer.write(from)
        writer.write(to)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(respondsTo: try reader.string(), from: try reader.read(), to: try reader.read())
    }
}

extension DecisionFields: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(decides)
        writer.write(implementsOn)
        writer.write(extraordinaryCircumstances)
        writer.write(from)
        writer.write(to)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            decides: try reader.string(), implementsOn: try reader.optionalString(),
            extraordinaryCircumstances: try reader.optionalString(), from: try reader.optional(), to: try reader.optional())
    }
}

/// Everything but the body, which is the part of the source after the front matter.
extension ContentDocument: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(displayPath)
        writer.write(kind.rawValue)
        writer.write(title)
        writer.write(date)
        writer.write(summary)
        writer.write(sourceDate)
        writer.write(consultation)
        writer.write(letter)
        writer.write(position)
        writer.write(response)
        writer.write(decision)
        writer.write(bodyLineOffset)
        writer.write(fieldLocations.count)
        for key in fieldLocations.keys.sorted() {
            writer.write(key)
            writer.write(fieldLocations[key]!)
        }
        writer.write(sourceHash)
        writer.write(frontMatterHash)
        writer.write(fileStamp)
        writer.write(bodyFacts)
    }

    public init(from reader: inout BinaryReader) throws {
        let path = try reader.string(), displayPath = try reader.string()
        guard let kind = DocumentKind(rawValue: try reader.string()) else { throw BinaryReader.Truncated() }
        let title = try reader.string(), date = try reader.string()
        let summary = try reader.optionalString(), sourceDate = try reader.optionalString(), consultation = try reader.optionalString()
        let letter: LetterFields? = try reader.optional()
        let position: PositionFields? = try reader.optional()
        let response: ResponseFields? = try reader.optional()
        let decision: DecisionFields? = try reader.optional()
        let bodyLineOffset = try reader.int()
        let locations = try reader.array { reader in (try reader.string(), try reader.read(SourceLocation.self)) }
        self.init(
            path: path, displayPath: displayPath, kind: kind, title: title, date: date, summary: summary,
            sourceDate: sourceDate, consultation: consultation, letter: letter, position: position, body: "",
            bodyLineOffset: bodyLineOffset,
            fieldLocations: Dictionary(locations, uniquingKeysWith: { first, _ in first }),
            sourceHash: try reader.uint64(), frontMatterHash: try reader.uint64())
        self.response = response
        self.decision = decision
        // After the body, which the initializer sets and which would clear them.
        fileStamp = try reader.optional()
        bodyFacts = try reader.optional()
    }
}

extension FileStamp: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(device)
        writer.write(inode)
        for value in [size, modified, changed] { writer.write(UInt64(bitPattern: value)) }
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            device: try reader.uint64(), inode: try reader.uint64(), size: Int64(bitPattern: try reader.uint64()),
            modified: Int64(bitPattern: try reader.uint64()), changed: Int64(bitPattern: try reader.uint64()))
    }
}

extension SourceFileStamp: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(file)
        writer.write(bodyOffset)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(file: try reader.read(), bodyOffset: try reader.int())
    }
}

extension BodyFacts: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(mayContainBidiControl)
        writer.write(outerTrimmedHash)
        writer.write(mayHoldPlaceholder)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(mayContainBidiControl: try reader.bool(), outerTrimmedHash: try reader.uint64(), mayHoldPlaceholder: try reader.bool())
    }
}

extension Diagnostic: BinaryCodable {
    public func write(to writer: inout BinaryWriter) {
        writer.write(severity.rawValue)
        writer.write(path)
        writer.write(line)
        writer.write(column)
        writer.write(message)
        writer.write(sourceLine)
    }

    public init(from reader: inout BinaryReader) throws {
        guard let severity = Severity(rawValue: try reader.string()) else { throw BinaryReader.Truncated() }
        self.init(
            severity, path: try reader.string(), line: try reader.int(), column: try reader.int(),
            message: try reader.string(), sourceLine: try reader.optionalString())
    }
}
