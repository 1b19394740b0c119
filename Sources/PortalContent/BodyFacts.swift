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
    /// ``ScaffoldPlaceholder/bodyMayHoldPlaceholder(_:)`` of the body.
    public var mayHoldPlaceholder: Bool

    public init(mayContainBidiControl: Bool, outerTrimmedHash: UInt64, mayHoldPlaceholder: Bool = false) {
        self.mayContainBidiControl = mayContainBidiControl
        self.outerTrimmedHash = outerTrimmedHash
        self.mayHoldPlaceholder = mayHoldPlaceholder
    }
}
