import Foundation
import PortalContent

/// One family of output files: document pages, code pages, the search index, and so on.
///
/// ``SiteBuilder`` runs every generator in ``PageGenerators/all`` over one
/// shared ``SiteModel``. A generator returns its files or throws located
/// diagnostics; it never writes to disk itself.
protocol PageGenerator: Sendable {
    func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile]
    /// The name under which an incremental build reuses all of this generator's files at once (``PageMemo``),
    /// or nil for a generator that makes finer units itself with ``SiteModel/memoized(_:_:)``.
    var memoUnit: String? { get }
}

extension PageGenerator {
    var memoUnit: String? { "generator:\(Self.self)" }
}

enum PageGenerators {
    /// Every generator, in output order. Add a new page family here.
    static let all: [any PageGenerator] = [
        DocumentPages(),
        SlidePages(), PacketPages(), SiteFeeds(),
        SearchPages(),
        StaffingPages(),
        OccupationCodePages(),
    ]

    /// Positions in ``all`` in the order generators start: the longest single pieces of work first
    /// (the search index, then the code pages with their redlines), so that neither is left running
    /// alone on one core at the end.
    static let startOrder: [Int] = {
        func rank(_ generator: any PageGenerator) -> Int {
            switch generator {
            case is SearchPages: 0
            case is OccupationCodePages: 1
            default: 2
            }
        }
        return all.indices.sorted { (rank(all[$0]), $0) < (rank(all[$1]), $1) }
    }()
}

/// One finished output file: where it goes, relative to the output root, and its text.
public struct OutputFile: Sendable {
    public var path: String
    /// The text; empty for a file reused from the previous build (see `reusedFrom`).
    public var contents: String
    /// For a file the previous build wrote and this one keeps as it is (``PageMemo``): the folder that build
    /// wrote it in, where it has the same `path`. Its text is read from there only when something needs it.
    var reusedFromFolder: String?
    /// For a file the previous build wrote and this one keeps as it is: the path of that file.
    ///
    /// Worked out when asked: a rebuild reuses 28,000 files and needs the path of almost none.
    public var reusedFrom: String? { reusedFromFolder.map { $0 + "/" + path } }
    /// The device and inode of `reusedFrom` when ``PageMemo`` checked it, so linking it needs no second `stat`.
    var reusedIdentity: FileIdentity?
    /// Set once a ``PageSink`` has taken the file: its text is then on disk, or dropped by a check.
    var streamed = false
    /// For a file a ``PageSink`` took: whether it was reused from the previous build (`reusedFrom`, which
    /// the taken file no longer keeps).
    var tookReused = false
    /// For a streamed page that a link with a `#fragment` leads to: its anchors, which the link check needs.
    var anchors: Set<String>?

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    init(path: String, reusedFromFolder folder: String, identity: FileIdentity? = nil) {
        self.path = path
        self.contents = ""
        reusedFromFolder = folder
        reusedIdentity = identity
    }

    /// The text, read from the previous build's file when reused; nil when that file cannot be read.
    func text() -> String? {
        guard let reusedFrom else { return contents }
        return FileManager.default.contents(atPath: reusedFrom).flatMap { String(data: $0, encoding: .utf8) }
    }
}

/// Which file a path names: its device and inode.
struct FileIdentity: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
}
