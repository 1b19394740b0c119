import Foundation
@testable import PortalSearch
import PortalWork
import Testing

/// The process's kept stems are the stemmer's own, whether a word is kept or not, and no stripe outgrows its limit.
@Suite struct StemMemoTests {
    private func stem(_ memo: StemMemo, _ word: String) -> String {
        let bytes = Array(word.utf8)
        return String(decoding: bytes.withUnsafeBufferPointer { memo.stem($0) }, as: UTF8.self)
    }

    @Test func keptStemsAreTheStemmersAskedOnceOrTwice() throws {
        let memo = StemMemo()
        let words = try EnglishStemmerTests.pairs().map(\.word).filter { $0.utf8.allSatisfy { $0 &- 0x61 < 26 } }
        #expect(words.count > 2000)
        for _ in 0..<2 {
            let wrong = words.filter { stem(memo, $0) != EnglishStemmer.stem($0) }
            #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        }
        #expect(memo.count == Set(words).count)
    }

    @Test func aFullStripeStillStemsButKeepsNoMore() throws {
        let memo = StemMemo(limit: 2)
        let words = try EnglishStemmerTests.pairs().map(\.word).filter { $0.utf8.allSatisfy { $0 &- 0x61 < 26 } }
        let wrong = words.filter { stem(memo, $0) != EnglishStemmer.stem($0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        #expect(memo.count <= 16 * 2)
    }

    @Test func threadsAskingAtOnceGetTheSameStems() throws {
        let memo = StemMemo()
        let words = try EnglishStemmerTests.pairs().map(\.word).filter { $0.utf8.allSatisfy { $0 &- 0x61 < 26 } }
        let results = ParallelWork(jobs: 4).map(Array(repeating: words, count: 8)) { batch in batch.map { stem(memo, $0) } }
        let expected = words.map { EnglishStemmer.stem($0) }
        #expect(results.allSatisfy { $0 == expected })
    }
}
