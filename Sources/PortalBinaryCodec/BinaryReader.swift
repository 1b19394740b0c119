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
