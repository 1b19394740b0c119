#if canImport(Glibc)
import Glibc
#endif

/// The two renames `rename(2)` cannot do: swapping two paths, and moving without replacing what is there.
package enum FileRename {
    /// Swaps `a` and `b` in one step; false when the system cannot (then nothing changed).
    package static func exchange(_ a: String, _ b: String) -> Bool {
        renameat2(a, b, flags: 2)  // RENAME_EXCHANGE in linux/fs.h
    }

    /// Moves `a` to `b` only when nothing is at `b`; false with `errno` set otherwise.
    ///
    /// `rename(2)` would silently replace a file at `b`, which may be someone else's.
    package static func withoutReplacing(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        if renameat2(a, b, flags: 1) { return true }  // RENAME_NOREPLACE
        if errno != ENOSYS && errno != EINVAL { return false }
        #endif
        // Without renameat2: a hard link fails on an existing name; folders cannot be linked, and rename
        // replaces only an empty folder with a folder, which holds nothing to lose.
        var info = stat()
        guard lstat(a, &info) == 0 else { return false }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            if lstat(b, &info) == 0 {
                errno = EEXIST
                return false
            }
            return rename(a, b) == 0
        }
        guard link(a, b) == 0 else { return false }
        return unlink(a) == 0
    }

    private static func renameat2(_ a: String, _ b: String, flags: UInt32) -> Bool {
        #if os(Linux)
        // Glibc's module map hides renameat2 (it needs _GNU_SOURCE), so look it up at run time.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
            errno = ENOSYS
            return false
        }
        let call = unsafeBitCast(symbol, to: RenameAt2.self)
        return call(AT_FDCWD, a, AT_FDCWD, b, flags) == 0
        #else
        errno = ENOSYS
        return false
        #endif
    }
}
