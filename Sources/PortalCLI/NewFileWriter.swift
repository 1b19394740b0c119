import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Creates a new file inside a content folder, and never anywhere else: no existing file is replaced and
/// no folder on the way may lead out of the content folder.
///
/// The relative path comes from checked values (``ScaffoldValues``), so it holds no `..`; what is
/// checked here is what is already on disk: a file or dangling link where the new file would go, and
/// a folder on the way that is a symbolic link to somewhere outside the content folder.
struct NewFileWriter {
    /// Why the file was not created; `path` is the file or folder to name in the message.
    struct Failure: Error {
        enum Reason {
            case exists
            case leavesContentFolder(target: String)
            case notAFolder
            case system(String)
        }

        var path: String
        var reason: Reason
    }

    /// The content folder as given (`Content`), which the messages' paths start with.
    let root: String

    /// Writes `text` to `relativePath` under ``root``, creating the folders on the way.
    func create(_ text: String, at relativePath: String) throws(Failure) {
        let parts = relativePath.split(separator: "/").map(String.init)
        let display = ([root] + parts).joined(separator: "/")
        if Self.entryExists(display) { throw Failure(path: display, reason: .exists) }
        try makeFolders(parts.dropLast())
        try Self.writeExclusively(text, to: display)
    }

    /// Creates the content folder and each folder of `parts` under it that is missing; an existing one
    /// must be a folder, and one reached through a symbolic link must resolve inside the content folder.
    private func makeFolders(_ parts: ArraySlice<String>) throws(Failure) {
        // The content folder itself is the author's to name, so its missing parents are made too.
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: root, reason: .system(error.localizedDescription))
        }
        let rootReal = Self.realPath(root) ?? root
        var path = root
        for part in parts {
            path += "/" + part
            try Self.makeFolder(path)
            guard let real = Self.realPath(path) else { throw Failure(path: path, reason: .system(Self.lastError())) }
            guard real == rootReal || real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") else {
                throw Failure(path: path, reason: .leavesContentFolder(target: real))
            }
        }
    }

    /// Creates `path` unless something is there already, which must then be a folder (or a link to one).
    private static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) == 0 { return }
        guard errno == EEXIST else { throw Failure(path: path, reason: .system(lastError())) }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, reason: .notAFolder) }
    }

    /// Opens with `O_EXCL | O_NOFOLLOW`, so that a file or link that appeared since the first look is
    /// left as it is rather than written through.
    private static func writeExclusively(_ text: String, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: errno == EEXIST ? .exists : .system(lastError()))
        }
        var failure: String?
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty && failure == nil {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && errno != EINTR {
                failure = lastError()
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = lastError() }
        if let failure {
            // A part-written scaffold would only mislead; the author runs the command again.
            unlink(path)
            throw Failure(path: path, reason: .system(failure))
        }
    }

    /// Whether anything, a dangling symbolic link included, is at `path`.
    private static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
