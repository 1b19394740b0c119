import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The file a build leaves at the top of its output (``OutputClaim/markerName``): it makes the folder the portal's.
///
/// It names every folder of the output. A file added to the output later changes its folder's
/// modification time, so the next build finds what was added by looking only into folders changed
/// since the marker was written, at entries whose status changed since then, and refuses to
/// replace them (``OutputClaim``). Files the build writes in place do not change their folder.
package enum OutputMarker {
    static let header = """
        This folder is the output of Consultation Portal (portal build), which replaces it whole on every build.
        Keep no files of your own here: a build refuses to run while this folder holds files it did not write.

        """

    /// The marker's text for an output whose files are at `paths` (relative to it).
    package static func text(paths: [String]) -> String {
        var folders: Set<String> = ["."]
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !folders.insert(String(folder)).inserted { break }
            }
        }
        return header + "folders:\n" + folders.sorted().map { $0 + "\n" }.joined()
    }

    /// Entries under `folder` (relative to it, sorted) added or changed at or after the marker's time
    /// (``stamp(in:)``), in the folders the marker names.
    package static func addedSinceWritten(folder: String) -> [String] {
        let markerPath = folder + "/" + OutputClaim.markerName
        var marker = stat()
        guard lstat(markerPath, &marker) == 0, let text = try? String(contentsOfFile: markerPath, encoding: .utf8) else { return [] }
        let written = marker.st_mtim
        var listed = text.components(separatedBy: "\n").drop { $0 != "folders:" }.dropFirst().filter { !$0.isEmpty }
        if listed.isEmpty { listed = ["."] }
        var added: [String] = []
        let folders = Set(listed)
        for relative in listed where !relative.split(separator: "/").contains("..") {
            let path = relative == "." ? folder : folder + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, !isLater(written, than: info.st_mtim),
                let entries = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { continue }
            for entry in entries where !(relative == "." && entry == OutputClaim.markerName) {
                let child = relative == "." ? entry : relative + "/" + entry
                // A listed folder changes with what is added inside it; it is looked into itself.
                guard !folders.contains(child), lstat(path + "/" + entry, &info) == 0, !isLater(written, than: info.st_ctim)
                else { continue }
                added.append(child)
            }
        }
        return added.sorted()
    }

    /// Sets the marker's modification time once everything else in `folder` is written, to a tick of the
    /// file system's clock later than every write before it.
    ///
    /// File times come from a coarse clock: a file written in the same tick as the marker would look as old
    /// as the build. Waiting for the next tick (a few milliseconds) makes "at or after the marker" mean
    /// "after the build", both for a folder and for an entry.
    package static func stamp(in folder: String) -> Bool {
        let path = folder + "/" + OutputClaim.markerName
        var info = stat()
        guard utimensat(AT_FDCWD, path, nil, 0) == 0, lstat(path, &info) == 0 else { return false }
        let lastWrite = info.st_mtim
        for _ in 0..<2_000 {
            usleep(500)
            guard utimensat(AT_FDCWD, path, nil, 0) == 0, lstat(path, &info) == 0 else { return false }
            if isLater(info.st_mtim, than: lastWrite) { return true }
        }
        return false
    }

    private static func isLater(_ a: timespec, than b: timespec) -> Bool {
        a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec : a.tv_nsec > b.tv_nsec
    }
}
