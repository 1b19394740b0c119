import Foundation
import Testing

import PortalBytes
@testable import PortalContent

#if canImport(Glibc)
import Glibc
#endif

/// Whole files read straight into an array: to their end whatever `fstat` said, and refused past a limit or on a failed read.
@Suite struct FileBytesTests {
    func read(_ path: String, expectedSize: Int? = nil, limit: Int = .max) throws -> Result<[UInt8], FileBytes.Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var info = stat()
        try #require(fstat(descriptor, &info) == 0)
        return FileBytes.read(descriptor, expectedSize: expectedSize ?? Int(info.st_size), limit: limit)
    }

    @Test func filesAreReadToTheirEnd() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("file-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let url = folder.appendingPathComponent("file.bin")
        try Data(bytes).write(to: url)
        // The size fstat gave, and sizes that are wrong either way, as for a file that grew or shrank since.
        for expected in [nil, 0, 1, 4095, 9_999, 20_000] {
            #expect(try read(url.path, expectedSize: expected).get() == bytes, "expected \(String(describing: expected))")
        }
        #expect(try read(url.path, limit: 10_000).get() == bytes)
        #expect(throws: FileBytes.Failure.tooLarge) { try read(url.path, limit: 9_999).get() }
        #expect(throws: FileBytes.Failure.unreadable) { try read(folder.path).get() }
        // Files under /proc report a size of 0 and still have contents.
        let version = try #require(FileManager.default.contents(atPath: "/proc/version"))
        #expect(try read("/proc/version").get() == [UInt8](version))
    }
}
