/// Splits the sorted terms into shards of about `budget` bytes, each starting at a term prefix.
///
/// Shard *i* holds every term `t` with `starts[i] <= t < starts[i+1]`, where
/// each start is the shortest prefix of the shard's first term that still sorts
/// after the previous shard's last term. The browser finds a term's shard by
/// binary search over the starts, and a prefix's shards as a contiguous run.
public struct ShardPlan: Sendable, Equatable {
    public struct Shard: Sendable, Equatable {
        /// The key the manifest lists; `""` for the first shard.
        public var start: String
        public var terms: [String]
    }

    public var shards: [Shard]

    /// Plans shards over `terms`, which must be sorted by ``SearchIndex/termOrder(_:_:)``.
    /// - Parameter size: the encoded size of one term's entry, in bytes.
    public init(terms: [String], budget: Int, size: (String) -> Int) {
        self.init(terms: terms, budget: budget, sizes: terms.map(size))
    }

    /// Plans shards over `terms` whose encoded sizes are `sizes`, in the same order.
    init(terms: [String], budget: Int, sizes: [Int]) {
        precondition(terms.count == sizes.count)
        var shards: [Shard] = []
        var current: [String] = []
        var currentSize = 0
        for (term, termSize) in zip(terms, sizes) {
            if !current.isEmpty && currentSize + termSize > budget {
                shards.append(Shard(start: "", terms: current))
                current = []
                currentSize = 0
            }
            current.append(term)
            currentSize += termSize
        }
        if !current.isEmpty || shards.isEmpty { shards.append(Shard(start: "", terms: current)) }
        for index in shards.indices.dropFirst() {
            shards[index].start = Self.separator(after: shards[index - 1].terms.last!, upTo: shards[index].terms.first!)
        }
        self.shards = shards
    }

    /// The shortest prefix of `next` that sorts after `previous`.
    static func separator(after previous: String, upTo next: String) -> String {
        var prefix = ""
        for character in next {
            prefix.append(character)
            if SearchIndex.termOrder(previous, prefix) { return prefix }
        }
        return next
    }

    /// The shard that holds `term` if any shard does.
    public func shard(for term: String) -> Int {
        var low = 0
        var high = shards.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if SearchIndex.termOrder(term, shards[middle].start) { high = middle - 1 } else { low = middle }
        }
        return low
    }
}
