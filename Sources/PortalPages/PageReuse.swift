import Mustache

/// Reuses whole units of pages from the previous build; the build cache provides it (``PortalCache``).
///
/// Generators see only this: a unit is either rendered or reused. What a unit
/// read is recorded by ``DependencyRecorder`` while it renders, and everything
/// else a page may show goes into ``SiteModel/siteKey``.
package protocol PageReuse: AnyObject, Sendable {
    /// The files of unit `name`: the previous build's when nothing they depend on changed, else `render()`'s.
    func files<E: Error>(unit name: String, extraKey: UInt64, _ render: () throws(E) -> [OutputFile]) throws(E) -> [OutputFile]
}
