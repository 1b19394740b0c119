import Foundation
import PortalBytes
import PortalContent
import PortalWork

#if canImport(Glibc)
import Glibc
#endif

/// Writes a build into a staging folder beside the output and swaps it in only on success.
///
/// A failed build, or one killed partway, never touches the previous output:
/// the staging folder is named `.<output>.staging-<pid>`, and only `commit()`
/// replaces the output. A lock file beside the output keeps two builds from
/// interleaving.
///
/// The output before last is kept as `.<output>.recycle` and becomes the next
/// build's staging folder: most of its files are hard links to the current
/// output's, so a rebuild that reuses a page finds it already in place instead
/// of linking every page anew and deleting as many. Whatever the recycled
/// folder holds, every file is either checked to be the very file the build
/// wants (the same inode) or replaced, and files the build does not write are
/// removed (``prune(keeping:)``), so the staged site is always exactly this
/// build's.
package final class OutputDirectory: @unchecked Sendable {
    package let destination: URL
    package let staging: URL
    /// `staging.path`, worked out once rather than through `URL.path` for every page.
    private let stagingPath: String
    private let lockDescriptor: Int32
    private var committed = false
    /// Folders already made in the staging folder, relative to it; files are written from several threads.
    private var createdFolders: Set<String> = []
    private let foldersLock = NSLock()
    /// Where the previous output went when this one was swapped in, until ``removePrevious()``.
    private var previousOutput: URL?
    /// The output before last, kept to be recycled as the next staging folder.
    private let recycle: URL
    /// What the recycled folder held when the build started: each file's inode by its path, and the folder's device.
    ///
    /// Read with `readdir`, which gives every entry's inode: a page reused as the very file already
    /// there then costs no `stat`, which would be a path walk for every page in every rebuild. Only this build
    /// changes the folder afterwards, and it writes each path once.
    ///
    /// Read on another core while the site model is made (``init(destination:jobs:)``), and taken by
    /// ``prepareForPages()`` before pages are written from several threads; until then it is nil and
    /// ``link(_:identity:to:contents:)`` asks `stat`.
    private var recycled: Listing?
    private var recycledReading: BackgroundWork<Listing?>?
    /// Paths this build put in the staging folder other than by finding them in place, while a record of
    /// the recycled folder is to be had: with that record they are all ``prune(keeping:)`` needs to know.
    private var created: [String] = []
    private let createdLock = NSLock()
    /// Whether a record of the recycled folder is being read, so that ``created`` is kept.
    private let tracksCreated: Bool
    /// Whether the staging folder was made new, empty, rather than recycled (then no record is read): nothing
    /// is in it but what this build puts there, so a path needs no look before a page is linked at it.
    private var startedEmpty: Bool { !tracksCreated }

    /// What a folder held: every entry by its path relative to the folder, regular files with their inodes.
    package struct Listing {
        package var device: UInt64
        package var inodes: [String: UInt64]
        package var folders: [String]
        /// Entries that are neither files nor folders (symbolic links, say).
        package var others: [String]
    }

    package struct Locked: Error {
        package var lockPath: String
    }

    /// Something the portal did not make is where its staging folder must go.
    package struct InTheWay: Error {
        package var path: String
    }

    /// Opens the output at `destination`, which ``OutputClaim`` has let the build write.
    ///
    /// Beside it, only what the portal made is ever removed or reused: staging, old and recycled folders
    /// hold the marker from the moment they are made, and one without it is left alone.
    package init(destination: URL, jobs: Int = ParallelWork.defaultJobs) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let lockPath = parent.appendingPathComponent(".\(name).lock").path
        // Never through a symbolic link: the lock file would be made wherever it points.
        lockDescriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard lockDescriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: lockPath])
        }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(lockDescriptor)
            throw Locked(lockPath: lockPath)
        }
        Self.removeLeftovers(in: parent, name: name)
        staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        recycle = parent.appendingPathComponent(".\(name).recycle")
        stagingPath = staging.path
        if Self.isOwnFolder(staging.path) { try? FileManager.default.removeItem(at: staging) }
        // Only a real folder the portal made is recycled: through a symbolic link the pages would be written
        // somewhere else, and a folder without the marker is someone else's.
        let recycledAsStaging = Self.isOwnFolder(recycle.path) && FileRename.withoutReplacing(recycle.path, staging.path)
        if !recycledAsStaging {
            // Thrown before every stored property is set, so `deinit` (which moves or removes the staging
            // folder) never runs on a folder this build did not make.
            let descriptor = lockDescriptor
            func release() {
                flock(descriptor, LOCK_UN)
                close(descriptor)
            }
            guard mkdir(stagingPath, 0o755) == 0 else {
                let reason = errno
                release()
                if reason == EEXIST { throw InTheWay(path: stagingPath) }
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: stagingPath])
            }
            // Marked at once, so that a build killed before it finishes leaves a folder the next one knows as its own.
            guard POSIXFile.write(UnsafeRawBufferPointer(start: nil, count: 0), to: stagingPath + "/" + OutputClaim.markerName) else {
                rmdir(stagingPath)
                release()
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stagingPath])
            }
        }
        tracksCreated = recycledAsStaging
        if recycledAsStaging {
            let stagingPath = stagingPath
            recycledReading = BackgroundWork(jobs: jobs) { Self.listing(of: stagingPath) }
        }
    }

    /// Whether `path` is a real folder (not a link) holding the portal's marker.
    package static func isOwnFolder(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        return lstat(path + "/" + OutputClaim.markerName, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Writes the marker that makes the output the portal's, naming its folders; called last, once every
    /// other file is in place, so that the marker is newer than every folder (``OutputMarker``).
    package func writeMarker(paths: [String]) throws {
        try write(OutputMarker.text(paths: paths), to: OutputClaim.markerName)
        guard OutputMarker.stamp(in: stagingPath) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stagingPath + "/" + OutputClaim.markerName])
        }
    }

    /// Waits for the record of what the recycled folder holds; called once, before any page is written.
    package func prepareForPages() {
        guard let recycledReading else { return }
        recycled = recycledReading.result()
        self.recycledReading = nil
    }

    deinit {
        // The folder is renamed below: the walk over it must be over first (releasing the work waits for it).
        recycledReading = nil
        if !committed {
            // Pages are written while the build runs, so a failed build's staging folder holds a mix of
            // recycled links and new files; kept as the recycle folder, it still spares the next build
            // relinking every page (each file there is checked or replaced before use).
            if !FileRename.withoutReplacing(staging.path, recycle.path) {
                try? FileManager.default.removeItem(at: staging)
            }
        } else if previousOutput != nil {
            try? FileManager.default.removeItem(at: staging)
        }
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    /// Writes `contents` at `path`, relative to the output root, creating folders.
    package func write(_ contents: String, to path: String) throws {
        var contents = contents
        try contents.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    package func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write($0, to: path) }
    }

    /// Writes with plain POSIX calls (``POSIXFile``); the staging folder is swapped in whole,
    /// so a crash mid-build never shows a half-written site.
    private func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let file = stagingPath + "/" + path
        try makeParentDirectory(of: path)
        noteCreated(path)
        var created = POSIXFile.create(bytes, at: file)
        if created == .exists {
            var info = stat()
            if lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 {
                // A recycled file no other name shares: rewriting it in place spares the file system
                // allocating an inode, which on ext4 costs more than the write.
                created = POSIXFile.write(bytes, to: file) ? .written : .failed
            } else {
                // A recycled file may be a hard link to the current output's: never write into it.
                try removeExisting(file)
                created = POSIXFile.create(bytes, at: file)
            }
        }
        guard created == .written else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file]) }
    }

    /// Puts the previous build's file at `path` in `folder` at `path` here as a hard link, which costs no copy;
    /// writes `contents()` when the link cannot be made (another file system, say).
    ///
    /// Sharing the inode is safe: no build writes into a file it did not create, and the
    /// previous output is removed once this one is swapped in.
    ///
    /// - Parameter sourceIdentity: the previous file's device and inode when the caller has just read them.
    package func link(from folder: String, identity sourceIdentity: FileIdentity? = nil, to path: String, contents: () -> Data?) throws {
        // A reused page is nearly always in place already (``recycled``): that answer needs no path built.
        if let sourceIdentity, let recycled, recycled.device == sourceIdentity.device, recycled.inodes[path] == sourceIdentity.inode {
            return
        }
        let source = folder + "/" + path
        try makeParentDirectory(of: path)
        let target = stagingPath + "/" + path
        if let wanted = sourceIdentity ?? Self.identity(source) {
            if let recycled, recycled.device == wanted.device, recycled.inodes[path] == wanted.inode { return }
            // A recycled folder without a record: `stat` tells.
            if recycled == nil, !startedEmpty, let existing = Self.identity(target), existing == wanted { return }
        }
        noteCreated(path)
        // Linked first and cleared only when something is in the way: in a folder made new nothing ever is,
        // and the first rebuild after a build from nothing links every page there, so an `unlink` of the
        // missing name and a `stat` before each would be two wasted system calls a page.
        if Glibc.link(source, target) == 0 { return }
        if errno == EEXIST {
            try removeExisting(target)
            if Glibc.link(source, target) == 0 { return }
        }
        guard let data = contents() else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: source]) }
        try write(data, to: path)
    }

    package func copyFile(_ source: URL, to path: String) throws {
        let url = staging.appendingPathComponent(path)
        try makeParentDirectory(of: path)
        noteCreated(path)
        try removeExisting(url.path)
        try FileManager.default.copyItem(at: source, to: url)
    }

    /// Notes `path` as put here by this build, for ``prune(keeping:)``.
    private func noteCreated(_ path: String) {
        guard tracksCreated else { return }
        createdLock.withLock { created.append(path) }
    }

    /// Removes every file and folder in the staging folder that is not in `paths` (relative to it),
    /// so that a recycled folder holds only this build's files.
    ///
    /// With a record of what the recycled folder held, only its entries and what this build added
    /// can be there, so the folder is not walked again with `readdir`.
    package func prune(keeping paths: Set<String>) throws {
        var folders: Set<String> = [""]
        for path in paths {
            // By UTF-8 bytes: this runs for every page, and searching the characters backwards breaks graphemes.
            var folder = Substring(path)
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if !folders.insert(String(folder)).inserted { break }
            }
        }
        if let recycled {
            let added = createdLock.withLock { created }
            let addedFolders = foldersLock.withLock { createdFolders }
            // Folders first: one this build does not use goes with everything in it.
            for folder in recycled.folders + addedFolders where !folders.contains(folder) && !paths.contains(folder) {
                // A folder made here may have parents made with it that no kept file needs either. The climb stops
                // below a kept file too: a recycled folder where this build put a page (it removed the folder to do
                // so) may have held folders, and the outermost of those is now that page.
                var outermost = Substring(folder)
                while let slash = outermost.utf8.lastIndex(of: UInt8(ascii: "/")) {
                    let parent = String(outermost[..<slash])
                    if folders.contains(parent) || paths.contains(parent) { break }
                    outermost = outermost[..<slash]
                }
                try removeExisting(stagingPath + "/" + outermost)
            }
            for path in [Array(recycled.inodes.keys), recycled.others, added].joined()
            where !paths.contains(path) && !folders.contains(path) {
                try removeExisting(stagingPath + "/" + path)
            }
            return
        }
        func walk(_ relative: String) throws {
            let absolute = relative.isEmpty ? stagingPath : stagingPath + "/" + relative
            // readdir gives each entry's type, so the walk costs no stat per file.
            guard let directory = opendir(absolute) else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: absolute]) }
            var entries: [(name: String, isFolder: Bool)] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    isFolder = lstat(absolute + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                }
                entries.append((name, isFolder))
            }
            closedir(directory)
            for (name, isFolder) in entries {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isFolder, folders.contains(child) {
                    try walk(child)
                } else if isFolder || !paths.contains(child) {
                    try FileManager.default.removeItem(atPath: absolute + "/" + name)
                }
            }
        }
        try walk("")
    }

    /// Clears `path` in the staging folder for a new file, or of a file the build does not keep: a file is
    /// unlinked, anything else removed. Nothing there, or a file where a folder on the path was, is no error.
    private func removeExisting(_ path: String) throws {
        if unlink(path) == 0 || errno == ENOENT || errno == ENOTDIR { return }
        try FileManager.default.removeItem(atPath: path)
    }

    /// Every entry under `root`, with each regular file's inode, and `root`'s device; nil when the folder
    /// cannot be read, or when `readdir` leaves a type unknown (it would take a `stat`).
    private static func listing(of root: String) -> Listing? {
        var info = stat()
        guard lstat(root, &info) == 0 else { return nil }
        var listing = Listing(device: UInt64(info.st_dev), inodes: [:], folders: [], others: [])
        func walk(_ relative: String) -> Bool {
            guard let directory = opendir(relative.isEmpty ? root : root + "/" + relative) else { return false }
            defer { closedir(directory) }
            var folders: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): listing.inodes[child] = UInt64(entry.pointee.d_ino)
                case Int32(DT_DIR): folders.append(child)
                case Int32(DT_UNKNOWN): return false
                default: listing.others.append(child)
                }
            }
            listing.folders += folders
            return folders.allSatisfy(walk)
        }
        guard walk("") else { return nil }
        return listing
    }

    /// Device and inode of the file at `path`, or nil.
    private static func identity(_ path: String) -> FileIdentity? {
        var info = stat()
        guard fstatat(AT_FDCWD, path, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Creates the folder `path` lands in, once per folder per build.
    private func makeParentDirectory(of path: String) throws {
        // By UTF-8 bytes: this runs for every page, and searching the characters backwards breaks graphemes.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let folder = String(path[..<slash])
        try foldersLock.withLock {
            if createdFolders.contains(folder) { return }
            func clearTheWay() {
                var prefix = stagingPath
                for part in folder.split(separator: "/") {
                    prefix += "/" + part
                    var info = stat()
                    if lstat(prefix, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { unlink(prefix) }
                }
            }
            // A recycled folder may hold something else where this build wants a folder: a file, or a
            // symbolic link, through which the pages would be written outside the staging folder (creating
            // the folder would follow it and succeed). Once per folder and build, so the look costs nothing.
            if !startedEmpty { clearTheWay() }
            do {
                try FileManager.default.createDirectory(atPath: stagingPath + "/" + folder, withIntermediateDirectories: true)
            } catch {
                clearTheWay()
                try FileManager.default.createDirectory(atPath: stagingPath + "/" + folder, withIntermediateDirectories: true)
            }
            createdFolders.insert(folder)
        }
    }

    /// Replaces the output with the staged build.
    ///
    /// On Linux `renameat2(RENAME_EXCHANGE)` swaps the two folders in one step,
    /// so there is no moment without an output; elsewhere two renames leave the
    /// old output beside it until the second one succeeds.
    package func commit() throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: destination.path) {
            if !FileRename.exchange(staging.path, destination.path) {
                let old = destination.deletingLastPathComponent()
                    .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
                try fileManager.moveItem(at: destination, to: old)
                try fileManager.moveItem(at: staging, to: destination)
                try? fileManager.removeItem(at: old)
                committed = true
                return
            }
            // After the exchange the staging path holds the previous output; removing it can wait.
            previousOutput = staging
        } else {
            try fileManager.moveItem(at: staging, to: destination)
        }
        committed = true
    }

    /// Keeps the previous output after ``commit()`` to recycle as the next staging folder; deletes it when it cannot be kept.
    package func removePrevious() {
        guard let previousOutput else { return }
        self.previousOutput = nil
        // The previous output passed ``OutputClaim``: it is the portal's, and so is a marked recycled folder.
        if Self.isOwnFolder(recycle.path) { try? FileManager.default.removeItem(at: recycle) }
        if !FileRename.withoutReplacing(previousOutput.path, recycle.path) {
            try? FileManager.default.removeItem(at: previousOutput)
        }
    }

    /// Removes staging and old folders that killed builds left behind; safe under the lock.
    private static func removeLeftovers(in parent: URL, name: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            let path = parent.appendingPathComponent(entry)
            if isOwnFolder(path.path) { try? FileManager.default.removeItem(at: path) }
        }
    }
}
