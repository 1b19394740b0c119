/// A type the build cache stores with ``BinaryWriter`` and ``BinaryReader``.
///
/// Hand-written rather than `Codable` with a JSON or property-list coder: the cache is read on every
/// build, and these records are written and read field by field, with no keys, no intermediate tree
/// and no dynamic casts. Each type lists its fields in `write(to:)` and reads them back in the same
/// order in `init(from:)`; a round-trip test per type keeps the two in step.
public protocol BinaryCodable {
    func write(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}
