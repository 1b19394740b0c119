import Foundation
import PortalBundle
import PortalCache
import PortalContent
import PortalOutput

extension SiteBuilder {
    /// Where a build reads and writes, and how.
    public struct Options: Sendable {
        public var contentDirectory: URL
        public var themeDirectory: URL
        public var outputDirectory: URL
        /// How the content folder appears in diagnostics, e.g. `Content`.
        public var contentDisplayRoot: String?
        /// Threads for rendering bodies and running generators; nil uses `PORTAL_JOBS` or every core.
        /// Any value gives byte-identical output.
        public var jobs: Int?
        /// The address the site is published at, in ``PublishedAddress``'s normal form; replaces site.yaml's
        /// `base_url` when set (`portal build --base-url`).
        public var baseURL: String?
        /// Warn when site.yaml lacks what publishing needs, an address and the feed ids' authority
        /// (``SiteBuilder/publishingWarnings(_:displayRoot:)``): `portal check`, the gate before publishing,
        /// does; a build to read from disk or to preview needs neither.
        public var checksPublishingSettings = false
        /// Whether to write the offline bundle, a deflated ZIP of the whole site (`OfflineBundle`), and link it from
        /// the home page. Off by default: it costs a pass over every byte of the site, which only a published build
        /// (`portal build --offline-bundle`, as `make site` runs it) needs; an output built without it holds none.
        public var offlineBundle = false
        /// Told what the build is doing, for a progress display; called on the building thread.
        public var progress: (@Sendable (BuildProgress) -> Void)?
        /// Where ``build()`` keeps what the next build needs to reuse unchanged pages
        /// (``BuildCache/defaultDirectory(for:)`` is the usual place); nil renders every page every time.
        public var cacheDirectory: URL?
        /// Forget the cache before building, so every page is rendered; a new cache is still written.
        public var clean = false
        /// Build even where something the portal did not make is in the way, moving it aside (``OutputClaim``).
        public var force = false
        /// How the output folder appears in messages, e.g. `Public`; by default its path.
        public var outputDisplayPath: String?
        /// Leave what ``SiteBuilder/build()`` made allocated when it returns, for a process that exits right after
        /// (`portal build`): freeing it object by object takes time that grows with the site, and the end of the
        /// process frees it all at once. Never for a process that builds again.
        public var keepsMemoryUntilExit = false
        /// ``ContentLoader/minimumStampAge``: how old a source's times must be, in seconds, for the next build
        /// to trust them instead of reading the file again. Tests set 0.
        public var minimumStampAge: Double = 2
        /// Seconds since 1970 (UTC) that fix the build's "today" and the offline bundle's timestamp, as
        /// `SOURCE_DATE_EPOCH` does; nil reads that variable. Tests set it rather than the environment,
        /// which every test running beside them shares.
        public var sourceDateEpoch: Int?

        public init(contentDirectory: URL, themeDirectory: URL, outputDirectory: URL, contentDisplayRoot: String? = nil) {
            self.contentDirectory = contentDirectory
            self.themeDirectory = themeDirectory
            self.outputDirectory = outputDirectory
            self.contentDisplayRoot = contentDisplayRoot
        }
    }
}
