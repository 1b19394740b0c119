import Foundation
import PortalBytes
import PortalContent

/// One finished output file: where it goes, relative to the output root, and where its bytes come from.
///
/// A generator makes a file from its text. The build cache may hand back the
/// previous build's file instead (``Reused``), and the writer hands back each
/// file it wrote without its text (``Written``); generators see neither.
public struct OutputFile: Sendable {
    /// The previous build's file, kept as it is: the folder that build wrote it in, where it has the same path.
    package struct Reused: Sendable {
        package var folder: String
        /// The file's device and inode when the cache checked it, so linking it needs no second `stat`.
        package var identity: FileIdentity?

        package init(folder: String, identity: FileIdentity?) {
            self.folder = folder
            self.identity = identity
        }
    }

    /// What the writer keeps of a file it has written: whether it was the previous build's, and its anchors
    /// when a link with a `#fragment` leads to it (the link check needs them).
    package struct Written: Sendable {
        package var wasReused: Bool
        package var anchors: Set<String>?

        package init(wasReused: Bool, anchors: Set<String>? = nil) {
            self.wasReused = wasReused
            self.anchors = anchors
        }
    }

    public var path: String
    /// The text; empty for a reused or written file, or one made of bytes.
    public var contents: String
    /// The bytes of a file that is not text (a ZIP, an EPUB); nil for a page.
    package var bytes: [UInt8]?
    package var reused: Reused?
    package var written: Written?

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.contents = ""
        self.bytes = bytes
    }

    package init(path: String, reused: Reused) {
        self.path = path
        self.contents = ""
        self.reused = reused
    }

    package init(path: String, written: Written) {
        self.path = path
        self.contents = ""
        self.written = written
    }

    /// For a file the previous build wrote and this one keeps as it is: the path of that file.
    ///
    /// Worked out when asked: a rebuild reuses most files and needs the path of almost none.
    public var reusedFrom: String? { reused.map { $0.folder + "/" + path } }

    /// Whether this build took the file from the previous one rather than rendering it.
    package var wasReused: Bool { written?.wasReused ?? (reused != nil) }

    /// The bytes, read from the previous build's file when reused; nil when that file cannot be read.
    package func data() -> Data? {
        if let reusedFrom { return FileManager.default.contents(atPath: reusedFrom) }
        return bytes.map { Data($0) } ?? Data(contents.utf8)
    }

    /// The text, read from the previous build's file when reused; nil when that file cannot be read.
    package func text() -> String? {
        guard let reusedFrom else { return contents }
        return FileManager.default.contents(atPath: reusedFrom).flatMap { String(data: $0, encoding: .utf8) }
    }
}
