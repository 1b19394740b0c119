/// Myers' greedy diff of two integer sequences: a shortest edit script, after the common prefix and suffix.
///
/// The redlines diff every pair of units that may match, so the diff is hot. The standard library's
/// `difference(from:)` is generic: it allocates one array per edit step, calls a closure per
/// comparison, and validates the changes it found. Here the words are small integers already, the
/// steps share one buffer, and a similarity needs only the distance, not the script.
///
/// Where several scripts are equally short, the choice is this one's: the common prefix and suffix
/// are kept, then the search prefers a removal to an insertion at each step. (`difference(from:)`
/// chooses otherwise in some of those cases; both are shortest.) `MyersDiffTests` checks on many
/// random sequences that the script turns one into the other and is as short as the standard library's.
enum MyersDiff {
    /// The offsets removed from `old` and inserted into `new`, ascending, as in `CollectionDifference`.
    static func changes(from old: [Int], to new: [Int]) -> (removals: [Int], insertions: [Int]) {
        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                let (prefix, a, b) = trimmed(a, b)
                let (distance, trace) = descend(a, b, keepingTrace: true)
                let changes = backtrack(a.count, b.count, distance: distance, trace: trace)
                return (changes.removals.map { $0 + prefix }, changes.insertions.map { $0 + prefix })
            }
        }
    }

    /// How many elements must be removed or inserted to turn `old` into `new`.
    static func distance(from old: [Int], to new: [Int]) -> Int {
        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                let (_, a, b) = trimmed(a, b)
                return descend(a, b, keepingTrace: false).distance
            }
        }
    }

    /// The two sequences without their common prefix, then without their common suffix; and the prefix's length.
    ///
    /// A text's unchanged start and end then stay whole even where a word repeats, and the search is shorter.
    private static func trimmed(
        _ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>
    ) -> (prefix: Int, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>) {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        return (prefix, UnsafeBufferPointer(rebasing: a[prefix..<(a.count - suffix)]),
                UnsafeBufferPointer(rebasing: b[prefix..<(b.count - suffix)]))
    }

    /// The furthest x reached on each diagonal k after each number of edits d, all d kept for the backtrack.
    ///
    /// Step d holds the diagonals -d, -d+2, …, d, stored from `d * (d + 1) / 2`.
    struct Trace {
        var furthest: [Int] = []

        static func start(_ d: Int) -> Int { d * (d + 1) / 2 }

        subscript(d: Int, k: Int) -> Int { furthest[Self.start(d) + (k + d) / 2] }
    }

    /// Runs the forward search to the edit distance, keeping every step but the last when asked to.
    private static func descend(
        _ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, keepingTrace: Bool
    ) -> (distance: Int, trace: Trace) {
        var trace = Trace()
        let n = a.count, m = b.count
        // Only the step before is needed for the distance: two rows, swapped.
        var previous = [Int](repeating: 0, count: n + m + 2)
        var current = previous
        for d in 0...(n + m) {
            for k in stride(from: -d, through: d, by: 2) {
                // The row of step d - 1 is indexed by (k + d - 1) / 2 there; its diagonals k - 1 and k + 1.
                var x: Int
                if d == 0 {
                    x = 0
                } else if k == -d {
                    x = previous[(k + 1 + d - 1) / 2]
                } else if k == d {
                    x = previous[(k - 1 + d - 1) / 2] + 1
                } else {
                    let left = previous[(k - 1 + d - 1) / 2], right = previous[(k + 1 + d - 1) / 2]
                    x = left < right ? right : left + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                current[(k + d) / 2] = x
                if x >= n && y >= m { return (d, trace) }
            }
            if keepingTrace { trace.furthest.append(contentsOf: current[0...d]) }
            swap(&previous, &current)
        }
        preconditionFailure("a diff ends within n + m steps")
    }

    /// Walks back from the end: each step came from the neighbouring diagonal the forward search took
    /// it from, the one that had reached further, diagonal k - 1 (a removal) on a tie.
    private static func backtrack(_ n: Int, _ m: Int, distance: Int, trace: Trace) -> (removals: [Int], insertions: [Int]) {
        var removals: [Int] = [], insertions: [Int] = []
        var x = n, y = m
        for d in stride(from: distance, to: 0, by: -1) {
            let k = x - y
            let down = k == -d || (k != d && trace[d - 1, k - 1] < trace[d - 1, k + 1])
            let previousK = down ? k + 1 : k - 1
            let previousX = trace[d - 1, previousK]
            let previousY = previousX - previousK
            if down { insertions.append(previousY) } else { removals.append(previousX) }
            x = previousX
            y = previousY
        }
        return (removals.reversed(), insertions.reversed())
    }
}
