import Foundation
import Mustache
import PortalContent
import PortalMarkdown
import PortalRender
import PortalSearch
import PortalWork
import StaffingModel

/// One finished output file: where it goes, relative to the output root, and its text.
public struct OutputFile: Sendable {
    public var path: String
    /// The text; empty for a file reused from the previous build (see `reusedFrom`).
    public var contents: String
    /// For a file the previous build wrote and this one keeps as it is (``PageMemo``): the folder that build
    /// wrote it in, where it has the same `path`. Its text is read from there only when something needs it.
    package var reusedFromFolder: String?
    /// For a file the previous build wrote and this one keeps as it is: the path of that file.
    ///
    /// Worked out when asked: a rebuild reuses 28,000 files and needs the path of almost none.
    public var reusedFrom: String? { reusedFromFolder.map { $0 + "/" + path } }
    /// The device and inode of `reusedFrom` when ``PageMemo`` checked it, so linking it needs no second `stat`.
    package var reusedIdentity: FileIdentity?
    /// Set once a ``PageSink`` has taken the file: its text is then on disk, or dropped by a check.
    package var streamed = false
    /// For a file a ``PageSink`` took: whether it was reused from the previous build (`reusedFrom`, which
    /// the taken file no longer keeps).
    package var tookReused = false
    /// For a streamed page that a link with a `#fragment` leads to: its anchors, which the link check needs.
    package var anchors: Set<String>?

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    package init(path: String, reusedFromFolder folder: String, identity: FileIdentity? = nil) {
        self.path = path
        self.contents = ""
        reusedFromFolder = folder
        reusedIdentity = identity
    }

    /// The text, read from the previous build's file when reused; nil when that file cannot be read.
    package func text() -> String? {
        guard let reusedFrom else { return contents }
        return FileManager.default.contents(atPath: reusedFrom).flatMap { String(data: $0, encoding: .utf8) }
    }
}
