import Testing

@testable import PortalContent
@testable import PortalRedline

/// `MyersDiff` must find a shortest edit script, as the standard library's `difference(from:)` does.
@Suite struct MyersDiffTests {
    /// `count` pairs of sequences over a small alphabet, so runs repeat and scripts tie; the same on every run.
    static func pairs(count: Int, seed: UInt64) -> [([Int], [Int])] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<count).map { _ in
            let alphabet = Int(next() % 5) + 1
            let old = (0..<Int(next() % 24)).map { _ in Int(next() % UInt64(alphabet)) }
            // Half the pairs are edits of the old sequence, the rest unrelated.
            var new = old
            if next() % 2 == 0 {
                new = (0..<Int(next() % 24)).map { _ in Int(next() % UInt64(alphabet)) }
            } else {
                for _ in 0..<Int(next() % 6) {
                    let at = Int(next() % UInt64(new.count + 1))
                    if next() % 2 == 0 || new.isEmpty { new.insert(Int(next() % UInt64(alphabet)), at: at) } else { new.remove(at: min(at, new.count - 1)) }
                }
            }
            return (old, new)
        }
    }

    @Test func scriptsTurnOldIntoNewAndAreShortest() {
        for (old, new) in Self.pairs(count: 20_000, seed: 0x9E37_79B9_7F4A_7C15) {
            let changes = MyersDiff.changes(from: old, to: new)
            let removed = Set(changes.removals), inserted = Set(changes.insertions)
            // What is left of each side, in order, is the same sequence: the common subsequence.
            let keptOld = old.indices.filter { !removed.contains($0) }.map { old[$0] }
            let keptNew = new.indices.filter { !inserted.contains($0) }.map { new[$0] }
            #expect(keptOld == keptNew, "\(old) → \(new)")
            #expect(changes.removals == changes.removals.sorted() && changes.insertions == changes.insertions.sorted())
            let shortest = new.difference(from: old).count
            #expect(changes.removals.count + changes.insertions.count == shortest, "\(old) → \(new)")
            #expect(MyersDiff.distance(from: old, to: new) == shortest)
        }
    }

    /// Ties: the common prefix and suffix stay whole, then a removal comes before an insertion.
    @Test func tiesKeepTheEndsAndRemoveFirst() {
        #expect(MyersDiff.changes(from: [0], to: [0, 0]) == ([], [1]))
        #expect(MyersDiff.changes(from: [1, 0], to: [0, 0]) == ([0], [0]))
        #expect(MyersDiff.changes(from: [1, 2], to: [3, 4]) == ([0, 1], [0, 1]))
        #expect(MyersDiff.changes(from: [5, 1, 2, 5], to: [5, 2, 1, 5]) == ([1], [2]))
    }

    @Test func edgeCases() {
        #expect(MyersDiff.changes(from: [], to: []).removals.isEmpty)
        #expect(MyersDiff.changes(from: [1, 2], to: []) == ([0, 1], []))
        #expect(MyersDiff.changes(from: [], to: [3]) == ([], [0]))
        #expect(MyersDiff.distance(from: [1, 2, 3], to: [1, 2, 3]) == 0)
        let long = Array(0..<3000), reversed = Array(long.reversed())
        #expect(MyersDiff.distance(from: long, to: reversed) == 2 * 2999)
    }
}

/// The bound that rules out unit pairs before a diff counts shared words as the word-count dictionaries did.
@Suite struct SimilarityBoundTests {
    @Test func mergedBagsCountWhatCountedDictionariesCount() {
        for (old, new) in MyersDiffTests.pairs(count: 5000, seed: 0x2F0E_1D3C_4B5A_6978) {
            let oldCounts = old.reduce(into: [:]) { $0[$1, default: 0] += 1 }, newCounts = new.reduce(into: [:]) { $0[$1, default: 0] += 1 }
            let shared = oldCounts.reduce(0) { $0 + min($1.value, newCounts[$1.key] ?? 0) }
            let expected = old.isEmpty && new.isEmpty ? 1 : Double(2 * shared) / Double(old.count + new.count)
            #expect(WordDiff.similarityBound(WordDiff.bag(old), WordDiff.bag(new)) == expected)
            #expect(WordDiff.similarity(old, new) <= expected)
        }
    }
}
