import Foundation
import PortalWork
import Testing

/// Values worked out once per build: made once per key, failures not kept, the same value for every thread.
@Suite struct BuildMemoTests {
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [String: Int] = [:]
        func count(_ key: String) { lock.withLock { calls[key, default: 0] += 1 } }
        func calls(_ key: String) -> Int { lock.withLock { calls[key] ?? 0 } }
    }

    private struct Failure: Error {}

    @Test func eachKeyIsMadeOnceAndKept() {
        let memo = BuildMemo<String, String>()
        let counter = Counter()
        for _ in 0..<3 {
            for key in ["a", "b"] {
                let value = memo.value(key) { () -> String in
                    counter.count(key)
                    return key.uppercased()
                }
                #expect(value == key.uppercased())
            }
        }
        #expect(counter.calls("a") == 1 && counter.calls("b") == 1)
    }

    @Test func aFailureIsNotKept() throws {
        let memo = BuildMemo<Int, Int>()
        #expect(throws: Failure.self) { try memo.value(1) { () throws(Failure) -> Int in throw Failure() } }
        #expect(try memo.value(1) { () throws(Failure) -> Int in 7 } == 7)
        #expect(memo.value(1) { 8 } == 7, "the value made after the failure is kept")
    }

    @Test func threadsAskingAtOnceGetEqualValues() {
        let memo = BuildMemo<Int, [Int]>()
        let results = ParallelWork(jobs: 4).map(Array(0..<400)) { index in memo.value(index % 7) { Array(0...(index % 7)) } }
        for (index, value) in results.enumerated() { #expect(value == Array(0...(index % 7))) }
    }
}
