import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Decides, before anything is written, whether a build may put its output at a path.
///
/// The rules, which no flag loosens beyond what is stated:
/// - The portal writes into a missing path, an empty folder, or a folder that holds
///   its marker (``markerName``), which every build leaves in its output.
/// - Anything else there (a folder of someone's files, a regular file, a symbolic
///   link) is refused unless `--force` is given; then it is moved aside to
///   `<name>.orig` (or `<name>.orig-2`, …), never deleted.
/// - A marked folder is refused too when files were added to it, or put in place of
///   the portal's, since the portal wrote it: the output is replaced whole, and the
///   next builds would drop them. Only folders whose entries changed are looked into
///   (``OutputMarker``), so a page edited in place in an unchanged folder is rewritten.
/// - Never, even with `--force`: `/`, the home folder, the current folder, the
///   content or theme folder, a repository root, any folder that contains one of
///   them, or a folder inside the content or theme folder.
public struct OutputClaim: Sendable {
    /// The file every build leaves at the top of its output; its presence makes the folder the portal's.
    public static let markerName = ".portal-output"

    /// What the portal found at the output path.
    public enum Standing: Sendable, Equatable {
        /// Nothing there yet, or an empty folder.
        case free
        /// A folder the portal wrote, unchanged since but for edits to its own files.
        case owned
        /// Something else, moved aside because `--force` was given; the path says where it went.
        case movedAside(to: String)
    }

    /// A refusal: where, what is wrong, and the way out, in one line.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let message: String
        public var description: String { "\(path): error: \(message)" }

        package init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// Folders the output must neither be, contain, nor (for content and theme) lie inside.
    public struct Protected: Sendable {
        public var content: URL
        public var theme: URL
        /// The current folder; the repository it is in and the home folder are found from the environment.
        public var workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        public var home: String? = ProcessInfo.processInfo.environment["HOME"]

        public init(content: URL, theme: URL) {
            self.content = content
            self.theme = theme
        }
    }

    /// The output path as given, standardized.
    public let output: URL
    public let standing: Standing

    /// Checks `output` against the rules, moving what is there aside when `force` allows it.
    ///
    /// - Parameter shown: the output path as the user wrote it, for messages.
    public static func claim(_ output: URL, shown: String, protecting protected: Protected, force: Bool) throws(Refusal)
        -> OutputClaim
    {
        let output = output.standardizedFileURL
        let shown = shown.count > 1 && shown.hasSuffix("/") ? String(shown.dropLast()) : shown
        let resolved = resolve(output.path)
        try refuseProtected(resolved, shown: shown, protected)
        let found = try inspect(output.path, shown: shown)
        guard let reason = found else { return OutputClaim(output: output, standing: standing(of: output.path)) }
        guard force else {
            throw Refusal(path: shown, message: "\(reason); choose a new or empty --output, or pass --force to move \(shown) aside")
        }
        let suffix = try moveAside(output, shown: shown)
        return OutputClaim(output: output, standing: .movedAside(to: shown + suffix))
    }

    private static func standing(of path: String) -> Standing {
        var info = stat()
        return lstat(path + "/" + markerName, &info) == 0 ? .owned : .free
    }

    // MARK: Protected folders

    /// Refuses an output that is, contains, or lies inside a folder no build may replace.
    private static func refuseProtected(_ resolved: String, shown: String, _ protected: Protected) throws(Refusal) {
        let content = resolve(protected.content.standardizedFileURL.path)
        let theme = resolve(protected.theme.standardizedFileURL.path)
        for (folder, name) in [(content, "the content folder"), (theme, "the theme folder")] where isInside(resolved, folder) {
            throw Refusal(
                path: shown, message: "the output would lie inside \(name) (\(folder)); choose an --output outside it, such as Public")
        }
        var guarded: [(String, String)] = [
            ("/", "the file system's root"), (content, "the content folder"), (theme, "the theme folder"),
            (resolve(protected.workingDirectory.standardizedFileURL.path), "the current folder"),
        ]
        if let home = protected.home, !home.isEmpty { guarded.append((resolve(home), "the home folder")) }
        for start in [content, theme, resolve(protected.workingDirectory.standardizedFileURL.path)] {
            if let root = repositoryRoot(from: start) { guarded.append((root, "a repository root")) }
        }
        if let root = repositoryRoot(from: resolved), root == resolved { guarded.append((root, "a repository root")) }
        for (folder, name) in guarded where resolved == folder || isInside(folder, resolved) {
            let what = resolved == folder ? "is \(name)" : "contains \(name) (\(folder))"
            throw Refusal(
                path: shown, message: "the output \(what); choose a folder of its own, such as Public (--force does not override this)")
        }
    }

    /// Whether `path` lies strictly inside `folder`.
    package static func isInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) && path != folder
    }

    /// The nearest folder at or above `path` that holds `.git`.
    private static func repositoryRoot(from path: String) -> String? {
        var folder = path
        while true {
            var info = stat()
            if lstat(folder + "/.git", &info) == 0 { return folder }
            if folder == "/" || folder.isEmpty { return nil }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// `path` with every symbolic link in its existing part resolved, and the part that does not exist yet appended.
    ///
    /// The last component is resolved too: an output that is a link to the content folder is that folder.
    package static func resolve(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while !existing.isEmpty, existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return rest.reversed().reduce(base) { ($0 == "/" ? "" : $0) + "/" + $1 }
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let joined = rest.reversed().map { "/" + $0 }.joined()
        return joined.isEmpty ? "/" : joined
    }

    // MARK: What is there

    /// Nil when the build may write at `path`; otherwise why not.
    private static func inspect(_ path: String, shown: String) throws(Refusal) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: return "\(shown) is a symbolic link"
        default: return "\(shown) is a file, not a folder"
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw Refusal(path: shown, message: "cannot read the folder; check its permissions or choose another --output")
        }
        if entries.isEmpty { return nil }
        guard entries.contains(markerName) else {
            let sample = entries.sorted().prefix(3).map { "\(shown)/\($0)" }.joined(separator: ", ")
            return "\(shown) holds files the portal did not write (\(sample)\(entries.count > 3 ? ", …" : ""))"
        }
        let added = OutputMarker.addedSinceWritten(folder: path)
        guard !added.isEmpty else { return nil }
        let sample = added.prefix(3).map { "\(shown)/\($0)" }.joined(separator: ", ")
        return "\(sample)\(added.count > 3 ? ", …" : "") \(added.count == 1 ? "was" : "were") added or changed since the last build,"
            + " which a build would drop; move \(added.count == 1 ? "it" : "them") out"
    }

    /// Renames what is at `output` to the first free `<name>.orig`, `<name>.orig-2`, … beside it; returns the suffix.
    private static func moveAside(_ output: URL, shown: String) throws(Refusal) -> String {
        let parent = output.deletingLastPathComponent().path
        let name = output.lastPathComponent
        for number in 1...1000 {
            let suffix = number == 1 ? ".orig" : ".orig-\(number)"
            let candidate = parent + "/" + name + suffix
            var info = stat()
            if lstat(candidate, &info) == 0 { continue }
            if FileRename.withoutReplacing(output.path, candidate) { return suffix }
            if errno == EEXIST { continue }
            break
        }
        throw Refusal(path: shown, message: "cannot move \(shown) aside (\(String(cString: strerror(errno)))); move it yourself and build again")
    }
}
