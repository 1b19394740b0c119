import PortalRender

/// A file that rendered bodies go to as they are made, read back when a page needs one.
package protocol BodySpilling: AnyObject, Sendable {
    /// The record that stores `body`; made on any thread.
    func record(_ body: RenderedBody, path: String, sourceHash: UInt64) -> [UInt8]
    /// Appends one record, in document order.
    func append(_ record: [UInt8], path: String, sourceHash: UInt64)
    /// The body written for `path`; nil when it was not written or cannot be read.
    func body(_ path: String) -> RenderedBody?
}
