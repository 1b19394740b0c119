import Foundation
import PortalBytes
import PortalContent

#if canImport(Glibc)
import Glibc
#endif

/// Reads a UTF-8 text file named on the command line, up to the size limit a build applies to content files.
///
/// A regular file over the limit is refused from its size alone, without reading it; any other file (a
/// pipe, `/dev/stdin`) is read in pieces and given up as soon as it passes the limit, so an over-limit
/// input never sits in memory whole.
enum CommandLineTextFile {
    enum Failure: Error {
        /// The file cannot be opened or read.
        case unreadable
        /// The file is over the limit; `size` is its size when known before reading.
        case tooLarge(size: Int?)
        /// The bytes are not UTF-8; line and column (in bytes) of the first bad byte.
        case notUTF8(line: Int, column: Int)
    }

    /// The build's limit (``ContentLoader/maximumFileSize``), so that `portal staffing` accepts exactly
    /// the data files a build accepts.
    static let limit = ContentLoader.maximumFileSize

    /// The text of the file at `path`, without a leading byte-order mark.
    static func read(_ path: String, limit: Int = Self.limit) -> Result<String, Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable) }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        if isRegular && Int(info.st_size) > limit { return .failure(.tooLarge(size: Int(info.st_size))) }
        let bytes: [UInt8]
        switch FileBytes.read(descriptor, expectedSize: isRegular ? Int(info.st_size) : 0, limit: limit) {
        case .success(let read): bytes = read
        case .failure(.unreadable): return .failure(.unreadable)
        case .failure(.tooLarge): return .failure(.tooLarge(size: nil))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidByte(in: bytes)
            return .failure(.notUTF8(line: line, column: column))
        }
        return .success(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    }

    /// The line and byte column of the first byte that breaks UTF-8 (1-based).
    private static func firstInvalidByte(in bytes: [UInt8]) -> (line: Int, column: Int) {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += UTF8.width(scalar)
            }
        }
        return (line, column)
    }
}
