import Foundation
import PortalBytes
#if canImport(Glibc)
import Glibc
#endif

/// What the loader saw of a document's file when it read it.
///
/// The build cache keeps it, and the next build takes the document from the
/// cache without reading the file when a `stat` gives the same stamp, as make
/// and git do. Only a file whose times were already some seconds old when it
/// was read gets a stamp: a later change could otherwise leave the same size and
/// times, file times being coarser than the clock.
public struct SourceFileStamp: Sendable, Equatable {
    public var file: FileStamp
    /// Where the body starts in the file's text as loaded (after any byte-order mark, line breaks normalized).
    public var bodyOffset: Int

    public init(file: FileStamp, bodyOffset: Int) {
        self.file = file
        self.bodyOffset = bodyOffset
    }
}
