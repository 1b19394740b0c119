/// Writes the build cache's binary records (``BinaryCodable``): little-endian integers, length-prefixed UTF-8 strings.
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
