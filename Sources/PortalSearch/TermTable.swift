/// Numbers distinct terms 0, 1, 2… in order of first insertion, keyed by their UTF-8 bytes.
///
/// Indexing looks up every word of every document; a `[String: Int]` would
/// build a `String` and SipHash it each time, while this table hashes the
/// tokenizer's bytes where they lie and compares them with `memcmp`-like loops.
struct TermTable {
    /// Every term's bytes, back to back; term `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private(set) var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing with linear probing: a term number, or -1 when empty. The count is a power of two.
    private var slots: [Int32]
    private var hashes: [UInt64] = []

    var count: Int { starts.count - 1 }

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        hashes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
    }

    /// The term's number, inserting it when it is new.
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(term)
        if let found = find(term, hash: hash) { return found }
        if (count + 1) * 2 > slots.count { grow() }
        let number = count
        bytes.append(contentsOf: term)
        starts.append(bytes.count)
        hashes.append(hash)
        place(number, hash: hash)
        return number
    }

    mutating func insert(_ term: String) -> Int {
        var term = term
        return term.withUTF8 { insert($0) }
    }

    /// The term's number if it was inserted.
    func find(_ term: UnsafeBufferPointer<UInt8>) -> Int? {
        find(term, hash: Self.hash(term))
    }

    func string(_ number: Int) -> String {
        String(decoding: bytes[starts[number]..<starts[number + 1]], as: UTF8.self)
    }

    private func find(_ term: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let number = Int(slots[slot])
                if number < 0 { return nil }
                if hashes[number] == hash {
                    let start = starts[number]
                    let length = starts[number + 1] - start
                    if length == term.count && (length == 0 || memoryEqual(stored.baseAddress! + start, term.baseAddress!, length)) {
                        return number
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func place(_ number: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(number)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for number in 0..<count { place(number, hash: hashes[number]) }
    }

    /// FNV-1a, then a multiply-xorshift finish so the low bits used for slots are mixed.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash ^= hash >> 32
        hash = hash &* 0xd6e8_feb8_6659_fd93
        return hash ^ (hash >> 32)
    }
}

private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for offset in 0..<count where a[offset] != b[offset] { return false }
    return true
}
