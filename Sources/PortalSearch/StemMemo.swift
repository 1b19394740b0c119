import Foundation

/// Stems of a–z words already worked out, shared by every thread of the process.
///
/// A site's vocabulary is small beside its text: most words recur thousands of
/// times, and each recurrence would run the Snowball steps again. Stemming is a
/// pure function of the word, so what is kept can never be stale. Sixteen
/// stripes, picked by the word's bytes, keep two threads from waiting on one
/// lock; each stripe stops taking words at ``limit`` so unusual text cannot grow it without end.
final class StemMemo: @unchecked Sendable {
    static let shared = StemMemo()
    /// Words a stripe keeps at most (4,096 by default: about 64,000 in all, far beyond an English vocabulary).
    let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
    }

    private final class Stripe: @unchecked Sendable {
        let lock = NSLock()
        var stems: [String: [UInt8]] = [:]
    }

    private let stripes = (0..<16).map { _ in Stripe() }

    /// `EnglishStemmer.stem` of a word of a–z bytes.
    func stem(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // Words of up to 15 bytes make strings without allocating.
        let key = String(decoding: word, as: UTF8.self)
        let stripe = stripes[Int((word[0] &+ word[word.count - 1] &+ UInt8(truncatingIfNeeded: word.count)) & 15)]
        if let stem = stripe.lock.withLock({ stripe.stems[key] }) { return stem }
        let stem = EnglishStemmer.stem(Array(word))
        stripe.lock.withLock {
            if stripe.stems.count < limit { stripe.stems[key] = stem }
        }
        return stem
    }

    /// How many words are kept.
    var count: Int { stripes.reduce(0) { total, stripe in total + stripe.lock.withLock { stripe.stems.count } } }
}
