/// Lines up two versions of a list (sections, list items) so that each element meets its counterpart.
///
/// Equal elements are matched with a Myers diff first. Elements left over on
/// both sides are then paired by similarity, best pair first, so a rewritten
/// duty still meets its old self. Pairs that keep their relative order (the
/// longest run of them) stay in place; the others have moved. Renumbering is
/// no change at all here: callers compare elements without their numbers.
public enum SequenceAligner {
    public enum Step: Sendable, Equatable {
        /// The element is in both versions at the same relative place; it may have changed.
        case kept(old: Int, new: Int)
        /// The element is in both versions but has moved relative to the others.
        case moved(old: Int, new: Int)
        case deleted(old: Int)
        case inserted(new: Int)
    }

    /// The steps from `old` to `new` in reading order: the new order, with each deletion where it stood.
    ///
    /// - Parameters:
    ///   - similarity: how alike two unequal elements are, from 0 to 1.
    ///   - threshold: the least similarity for two unequal elements to count as one changed element.
    ///   - replacementThreshold: the least similarity for a lone deletion followed by a lone insertion
    ///     at the same place to count as one changed element; a rewrite in place needs less in common.
    ///   - bound: a cheap upper bound of `similarity`; pairs it rules out are never compared in full.
    public static func align<Element: Hashable>(
        old: [Element], new: [Element], threshold: Double = 0.5, replacementThreshold: Double = 0.25,
        bound: ((Element, Element) -> Double)? = nil, similarity: (Element, Element) -> Double
    ) -> [Step] {
        let steps = alignByContent(old: old, new: new, threshold: threshold, bound: bound, similarity: similarity)
        var result: [Step] = []
        func step(_ index: Int) -> Step? { steps.indices.contains(index) ? steps[index] : nil }
        for (index, current) in steps.enumerated() {
            // Exactly one deletion, then exactly one insertion: the same element rewritten.
            if case .inserted(let j) = current, case .deleted(let i)? = step(index - 1),
                !isDeletion(step(index - 2)), !isInsertion(step(index + 1)),
                (bound?(old[i], new[j]) ?? 1) >= replacementThreshold, similarity(old[i], new[j]) >= replacementThreshold
            {
                result[result.count - 1] = .kept(old: i, new: j)
                continue
            }
            result.append(current)
        }
        return result
    }

    private static func isDeletion(_ step: Step?) -> Bool {
        if case .deleted? = step { return true }
        return false
    }

    private static func isInsertion(_ step: Step?) -> Bool {
        if case .inserted? = step { return true }
        return false
    }

    static func alignByContent<Element: Hashable>(
        old: [Element], new: [Element], threshold: Double, bound: ((Element, Element) -> Double)?,
        similarity: (Element, Element) -> Double
    ) -> [Step] {
        var newForOld = [Int?](repeating: nil, count: old.count)
        var oldForNew = [Int?](repeating: nil, count: new.count)
        for (oldIndex, newIndex) in equalPairs(old, new) {
            newForOld[oldIndex] = newIndex
            oldForNew[newIndex] = oldIndex
        }
        var candidates: [(score: Double, old: Int, new: Int)] = []
        for i in old.indices where newForOld[i] == nil {
            for j in new.indices where oldForNew[j] == nil {
                if old[i] != new[j], let bound, bound(old[i], new[j]) < threshold { continue }
                let score = old[i] == new[j] ? 1 : similarity(old[i], new[j])
                if score >= threshold { candidates.append((score, i, j)) }
            }
        }
        candidates.sort { ($0.score, -$0.old, -$0.new) > ($1.score, -$1.old, -$1.new) }
        for candidate in candidates where newForOld[candidate.old] == nil && oldForNew[candidate.new] == nil {
            newForOld[candidate.old] = candidate.new
            oldForNew[candidate.new] = candidate.old
        }

        let staying = longestIncreasingRun(new.indices.compactMap { j in oldForNew[j].map { (j, $0) } })
        // For each new position, the old index of the next element that stays, so deletions come before insertions.
        var nextStayingOld = [Int](repeating: old.count, count: new.count + 1)
        for j in stride(from: new.count - 1, through: 0, by: -1) {
            nextStayingOld[j] = staying.contains(j) ? oldForNew[j]! : nextStayingOld[j + 1]
        }
        var steps: [Step] = []
        var nextDeleted = 0
        func emitDeletions(before limit: Int) {
            while nextDeleted < min(limit, old.count) {
                if newForOld[nextDeleted] == nil { steps.append(.deleted(old: nextDeleted)) }
                nextDeleted += 1
            }
        }
        for j in new.indices {
            emitDeletions(before: nextStayingOld[j])
            if let i = oldForNew[j] {
                steps.append(staying.contains(j) ? .kept(old: i, new: j) : .moved(old: i, new: j))
            } else {
                steps.append(.inserted(new: j))
            }
        }
        emitDeletions(before: old.count)
        return steps
    }

    /// Matching pairs of equal elements, in order, from a Myers diff.
    static func equalPairs<Element: Hashable>(_ old: [Element], _ new: [Element]) -> [(Int, Int)] {
        // The diff compares elements many times over; compare small integers, each element hashed once.
        var ids: [Element: Int] = [:]
        func id(_ element: Element) -> Int {
            if let known = ids[element] { return known }
            ids[element] = ids.count
            return ids.count - 1
        }
        let oldIDs = old.map(id), newIDs = new.map(id)
        let changes = MyersDiff.changes(from: oldIDs, to: newIDs)
        let removed = Set(changes.removals), inserted = Set(changes.insertions)
        let keptOld = old.indices.filter { !removed.contains($0) }
        let keptNew = new.indices.filter { !inserted.contains($0) }
        return Array(zip(keptOld, keptNew))
    }

    /// The new indices of the longest run of pairs whose old indices increase with the new ones.
    static func longestIncreasingRun(_ pairs: [(new: Int, old: Int)]) -> Set<Int> {
        guard !pairs.isEmpty else { return [] }
        var length = [Int](repeating: 1, count: pairs.count)
        var previous = [Int?](repeating: nil, count: pairs.count)
        for k in pairs.indices {
            for l in 0..<k where pairs[l].old < pairs[k].old && length[l] + 1 > length[k] {
                length[k] = length[l] + 1
                previous[k] = l
            }
        }
        var k: Int? = length.indices.max { (length[$0], -$0) < (length[$1], -$1) }
        var run: Set<Int> = []
        while let current = k {
            run.insert(pairs[current].new)
            k = previous[current]
        }
        return run
    }
}
