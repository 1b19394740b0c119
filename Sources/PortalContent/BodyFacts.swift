import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What checks outside the body's own rendering need from it, kept so that an unread body need not be read.
public struct BodyFacts: Sendable, Equatable {
    /// ``BidiControlCheck/mayContainControl(_:)`` of the body.
    public var mayContainBidiControl: Bool
    /// ``OccupationCatalog/outerTrimmedHash(_:)`` of the body.
    public var outerTrimmedHash: UInt64

    public init(mayContainBidiControl: Bool, outerTrimmedHash: UInt64) {
        self.mayContainBidiControl = mayContainBidiControl
        self.outerTrimmedHash = outerTrimmedHash
    }
}
