/// Writes the build cache's binary records: little-endian integers, length-prefixed UTF-8 strings.
///
/// JSON through `Codable` made reading and writing the cache most of the time
/// of an incremental build; these records are written and read field by field.
/// Each type lists its fields in `write(to:)` and reads them back in the same
/// order in `init(from:)`; a round-trip test per type keeps the two in step.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Int) {
        write(UInt64(bitPattern: Int64(value)))
    }

    public mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    public mutating func write(_ text: String) {
        var text = text
        write(text.utf8.count)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ text: String?) {
        write(text, String.write)
    }

    public mutating func write(_ data: [UInt8]) {
        write(data.count)
        bytes.append(contentsOf: data)
    }

    public mutating func write<Value: BinaryCodable>(_ value: Value) {
        value.write(to: &self)
    }

    public mutating func write<Value>(_ value: Value?, _ each: (Value) -> (inout BinaryWriter) -> Void) {
        write(value != nil)
        if let value { each(value)(&self) }
    }

    public mutating func write<Value: BinaryCodable>(_ value: Value?) {
        write(value != nil)
        value?.write(to: &self)
    }

    public mutating func write<Value: BinaryCodable>(_ values: [Value]) {
        write(values.count)
        for value in values { value.write(to: &self) }
    }

    public mutating func write(_ values: [String]) {
        write(values.count)
        for value in values { write(value) }
    }
}

extension String {
    fileprivate func write(to writer: inout BinaryWriter) { writer.write(self) }
}

/// Reads what ``BinaryWriter`` wrote; throws ``Truncated`` rather than read past the end or trust a bad length.
public struct BinaryReader {
    public struct Truncated: Error {
        public init() {}
    }

    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func uint64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Truncated() }
        var value: UInt64 = 0
        for index in (offset..<(offset + 8)).reversed() { value = value << 8 | UInt64(bytes[index]) }
        offset += 8
        return value
    }

    public mutating func int() throws -> Int {
        Int(Int64(bitPattern: try uint64()))
    }

    public mutating func bool() throws -> Bool {
        guard offset < bytes.count else { throw Truncated() }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    public mutating func string() throws -> String {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Truncated() }
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    public mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    public mutating func data() throws -> [UInt8] {
        try bytes { Array($0) }
    }

    /// Bytes written as ``BinaryWriter/write(_:)-([UInt8])`` writes them, handed to `body` where they lie, uncopied.
    public mutating func bytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Truncated() }
        defer { offset += count }
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
    }

    public mutating func strings() throws -> [String] {
        try array { try $0.string() }
    }

    public mutating func read<Value: BinaryCodable>(_ type: Value.Type = Value.self) throws -> Value {
        try Value(from: &self)
    }

    public mutating func optional<Value: BinaryCodable>(_ type: Value.Type = Value.self) throws -> Value? {
        try bool() ? try Value(from: &self) : nil
    }

    public mutating func array<Value: BinaryCodable>(_ type: Value.Type = Value.self) throws -> [Value] {
        try array { try Value(from: &$0) }
    }

    public mutating func array<Value>(_ each: (inout BinaryReader) throws -> Value) throws -> [Value] {
        let count = try int()
        // Every element takes at least one byte, so a count beyond the rest of the bytes is damage.
        guard count >= 0, count <= bytes.count - offset else { throw Truncated() }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try each(&self)) }
        return values
    }
}

/// A type the build cache stores with ``BinaryWriter`` and ``BinaryReader``.
public protocol BinaryCodable {
    func write(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

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
        let bodyLineOffset = try reader.int()
        let locations = try reader.array { reader in (try reader.string(), try reader.read(SourceLocation.self)) }
        self.init(
            path: path, displayPath: displayPath, kind: kind, title: title, date: date, summary: summary,
            sourceDate: sourceDate, consultation: consultation, letter: letter, position: position, body: "",
            bodyLineOffset: bodyLineOffset,
            fieldLocations: Dictionary(locations, uniquingKeysWith: { first, _ in first }),
            sourceHash: try reader.uint64(), frontMatterHash: try reader.uint64())
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
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(mayContainBidiControl: try reader.bool(), outerTrimmedHash: try reader.uint64())
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
