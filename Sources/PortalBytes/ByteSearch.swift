#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds byte strings in byte arrays with `memchr` and `memcmp`.
///
/// The generic `firstRange(of:)` the standard library and Foundation offer goes element by element
/// through generic collection code; page HTML is searched on every page, so these use the C library's.
public enum ByteSearch {
    /// The first occurrence of `needle` in `bytes[from...]`, as a range of `bytes`' indices.
    public static func firstRange(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Range<Int>? {
        bytes.withUnsafeBytes { firstRange(of: needle, in: $0, from: start) }
    }

    /// ``firstRange(of:in:from:)`` in bytes lent by `Data` or a string.
    public static func firstRange(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Range<Int>? {
        guard let first = needle.first, start <= haystack.count, let base = haystack.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { needle -> Range<Int>? in
            var index = start
            while haystack.count - index >= needle.count {
                guard let found = memchr(base + index, Int32(first), haystack.count - index - needle.count + 1) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(found))
                if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at..<(at + needle.count) }
                index = at + 1
            }
            return nil
        }
    }

    /// The index of the first `byte` in `bytes[from..<to]`.
    public static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int, to end: Int? = nil) -> Int? {
        let end = min(end ?? bytes.count, bytes.count)
        guard start < end else { return nil }
        return bytes.withUnsafeBufferPointer { firstIndex(of: byte, in: UnsafeBufferPointer(rebasing: $0[..<end]), from: start) }
    }

    /// The index of the first `byte` in `bytes[from...]`, for bytes a string or array lent.
    public static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress, let found = memchr(base + start, Int32(byte), bytes.count - start) else {
            return nil
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
