import Foundation
import PortalBytes
import PortalContent

#if canImport(Glibc)
import Glibc
#endif

/// A theme folder's files, listed and read under the rules the content folder follows.
///
/// A symbolic link may lead to another file inside the theme folder, and then
/// counts as that file; one that leads out of it (to `/etc/passwd`, say), leads
/// nowhere, or leads to a folder, pipe or device is refused with a located error,
/// so that nothing outside the theme is ever published or read as a template.
package struct ThemeFolder {
    /// The theme folder's real path, every link in it resolved; nil when there is no such folder.
    package let root: String?
    /// How the folder appears in diagnostics: `Theme`.
    package let displayRoot: String

    package init(directory: URL, displayRoot: String) {
        root = Self.realPath(directory.standardizedFileURL.path)
        self.displayRoot = displayRoot
    }

    /// A file or folder found below one of the theme's folders.
    package struct Entry {
        /// Relative to the folder that was listed, e.g. `fonts/a.woff2`.
        package var relative: String
        /// Its real path, inside the theme folder.
        package var path: String
    }

    /// The real path of the theme's `name` folder (`templates`, `assets`); nil when it is missing.
    package func subfolder(_ name: String) -> Result<String?, Diagnostic> {
        guard let root else { return .success(nil) }
        var info = stat()
        guard lstat(root + "/" + name, &info) == 0 else { return .success(nil) }
        return resolved(root + "/" + name, display: "\(displayRoot)/\(name)").flatMap { path in
            var target = stat()
            guard stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFDIR else {
                return .failure(Diagnostic(path: "\(displayRoot)/\(name)", line: 1, message: "this is not a folder; make \(displayRoot)/\(name)/ a folder"))
            }
            return .success(path)
        }
    }

    /// Every file below `folder` (a real path from ``subfolder(_:)``), sorted, skipping hidden ones;
    /// with `recursive` false only its own entries. Each is a regular file in the theme, or an error.
    package func files(in folder: String, display: String, recursive: Bool) -> [Result<Entry, Diagnostic>] {
        var found: [(relative: String, result: Result<Entry, Diagnostic>)] = []
        func walk(_ relative: String) {
            let absolute = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(absolute) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(".") { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                // Only a real folder is walked: a linked one could lead out of the theme or back into itself.
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    if recursive { walk(path) }
                    continue
                }
                found.append((path, regularFile(absolute + "/" + name, display: "\(display)/\(path)").map { Entry(relative: path, path: $0) }))
            }
        }
        walk("")
        return found.sorted { $0.relative < $1.relative }.map(\.result)
    }

    /// The text of a template at `path` (a real path from ``files(in:display:recursive:)``).
    package func readText(_ path: String, display: String) -> Result<String, Diagnostic> {
        // Non-blocking, so that a pipe put in place of the file since it was listed cannot hang the build.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            return .failure(Diagnostic(path: display, line: 1, message: "cannot read this file; check its permissions"))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Self.notRegular(display))
        }
        switch FileBytes.read(descriptor, expectedSize: Int(info.st_size), limit: ContentLoader.maximumFileSize) {
        case .success(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(Diagnostic(path: display, line: 1, message: "template is not valid UTF-8; save it as UTF-8 text"))
            }
            return .success(text)
        case .failure(.tooLarge):
            let limit = ContentLoader.maximumFileSize
            return .failure(Diagnostic(
                path: display, line: 1, message: "file has over \(limit) bytes, the \(limit / 1_048_576) MB limit; make it smaller"))
        case .failure(.unreadable):
            return .failure(Diagnostic(path: display, line: 1, message: "cannot read this file; check its permissions"))
        }
    }

    /// The real path of `path` when it is a regular file inside the theme, itself or through links.
    private func regularFile(_ path: String, display: String) -> Result<String, Diagnostic> {
        resolved(path, display: display).flatMap { real in
            var info = stat()
            guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .failure(Self.notRegular(display)) }
            return .success(real)
        }
    }

    /// The real path of `path`, which must stay inside the theme folder.
    private func resolved(_ path: String, display: String) -> Result<String, Diagnostic> {
        guard let root, let real = Self.realPath(path) else {
            return .failure(Diagnostic(path: display, line: 1, message: "this symbolic link leads nowhere (its target is missing, or it leads back to itself); fix or remove it"))
        }
        guard real == root || real.hasPrefix(root == "/" ? "/" : root + "/") else {
            return .failure(Diagnostic(path: display, line: 1, message: "this is a symlink outside the theme folder; copy the file into the theme folder instead (it leads to '\(real)')"))
        }
        return .success(real)
    }

    private static func notRegular(_ display: String) -> Diagnostic {
        Diagnostic(path: display, line: 1, message: "this is not a regular file (a pipe, device or folder); replace it with a plain file")
    }

    /// `realpath(3)`: every link and `..` resolved; nil when the path or a link's target is missing, or links loop.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
