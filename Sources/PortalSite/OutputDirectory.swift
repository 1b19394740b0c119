import Foundation
import PortalContent

#if canImport(Glibc)
import Glibc
#endif

/// Writes a build into a staging folder beside the output and swaps it in only on success.
///
/// A failed build, or one killed partway, never touches the previous output:
/// the staging folder is named `.<output>.staging-<pid>`, and only `commit()`
/// replaces the output. A lock file beside the output keeps two builds from
/// interleaving.
final class OutputDirectory: @unchecked Sendable {
    let destination: URL
    let staging: URL
    private let lockDescriptor: Int32
    private var committed = false
    /// Folders already made in the staging folder, relative to it; files are written from several threads.
    private var createdFolders: Set<String> = []
    private let foldersLock = NSLock()
    /// Where the previous output went when this one was swapped in, until ``removePrevious()``.
    private var previousOutput: URL?

    struct Locked: Error {
        var lockPath: String
    }

    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let lockPath = parent.appendingPathComponent(".\(name).lock").path
        lockDescriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: lockPath])
        }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(lockDescriptor)
            throw Locked(lockPath: lockPath)
        }
        Self.removeLeftovers(in: parent, name: name)
        staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    deinit {
        if !committed || previousOutput != nil { try? FileManager.default.removeItem(at: staging) }
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    /// Writes `contents` at `path`, relative to the output root, creating folders.
    func write(_ contents: String, to path: String) throws {
        var contents = contents
        try contents.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write($0, to: path) }
    }

    /// Writes with plain POSIX calls: Foundation's `Data.write` syncs every file to
    /// disk, which made writing most of a build's time. The staging folder is
    /// swapped in whole, so a crash mid-build never shows a half-written site.
    private func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let file = staging.path + "/" + path
        try makeParentDirectory(of: path)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file]) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = posixWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
            }
            offset += written
        }
    }

    /// Puts the previous build's file `source` at `path` as a hard link, which costs no copy;
    /// writes `contents()` when the link cannot be made (another file system, say).
    ///
    /// Sharing the inode is safe: no build writes into a file it did not create, and the
    /// previous output is removed once this one is swapped in.
    func link(_ source: String, to path: String, contents: () -> String?) throws {
        try makeParentDirectory(of: path)
        if Glibc.link(source, staging.path + "/" + path) == 0 { return }
        guard let text = contents() else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: source]) }
        try write(text, to: path)
    }

    func copyFile(_ source: URL, to path: String) throws {
        let url = staging.appendingPathComponent(path)
        try makeParentDirectory(of: path)
        try FileManager.default.copyItem(at: source, to: url)
    }

    /// Creates the folder `path` lands in, once per folder per build.
    private func makeParentDirectory(of path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        try foldersLock.withLock {
            if createdFolders.contains(folder) { return }
            try FileManager.default.createDirectory(
                atPath: staging.path + "/" + folder, withIntermediateDirectories: true)
            createdFolders.insert(folder)
        }
    }

    /// Replaces the output with the staged build.
    ///
    /// On Linux `renameat2(RENAME_EXCHANGE)` swaps the two folders in one step,
    /// so there is no moment without an output; elsewhere two renames leave the
    /// old output beside it until the second one succeeds.
    func commit() throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: destination.path) {
            if !Self.exchange(staging.path, destination.path) {
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

    /// Deletes the previous output after ``commit()``; thousands of files, so a caller may do it beside other work.
    func removePrevious() {
        if let previousOutput { try? FileManager.default.removeItem(at: previousOutput) }
        previousOutput = nil
    }

    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        // Glibc's module map hides renameat2 (it needs _GNU_SOURCE), so look it up at run time.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE in linux/fs.h
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Removes staging and old folders that killed builds left behind; safe under the lock.
    private static func removeLeftovers(in parent: URL, name: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}

/// The C `write`, which the methods named `write` above would otherwise hide.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
