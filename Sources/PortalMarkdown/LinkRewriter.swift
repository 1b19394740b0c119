/// Rewrites the destination of every link an author wrote, such as `other.md` into `other.html`.
///
/// The Markdown wrapper calls it once for each link node in the source, before
/// any ``TextLinker`` adds links of its own, so generated links are never seen
/// here. Images are not links and are not passed. The caller usually records
/// the links it sees, to check later that each one resolves.
public struct LinkRewriter: Sendable {
    public let rewrite: @Sendable (_ url: String, _ location: LinkLocation) -> String?

    /// - Parameter rewrite: returns the new destination, or nil to keep the link as written.
    public init(_ rewrite: @escaping @Sendable (_ url: String, _ location: LinkLocation) -> String?) {
        self.rewrite = rewrite
    }
}
