
/// What a build is doing, reported through ``SiteBuilder/Options/progress`` for a terminal display.
public enum BuildProgress: Sendable, Equatable {
    /// A stage began: `Loading content`, `Parsing 14 documents`, `Rendering and writing pages`,
    /// `Finishing 24 pages`.
    case stage(String)
}
