/// What a build is doing, reported through ``SiteBuilder/Options/progress`` for a terminal display.
public enum BuildProgress: Sendable, Equatable {
    /// A stage began: `Loading content`, `Rendering 14 documents`, `Writing 24 pages`.
    case stage(String)
    /// Pages written so far, reported after each page.
    case writing(done: Int, total: Int)
}
