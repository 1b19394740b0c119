import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Turns off Nagle's algorithm on the server's listening socket, which accepted connections inherit on Linux.
///
/// FlyingFox writes a response's header and body in two writes; with Nagle on,
/// the body waits for the client's delayed ACK, which holds every response
/// back by the client's ACK timer. FlyingFox does not expose its sockets, so the listener is found
/// among this process's descriptors by its port.
enum ListenerTuning {
    /// Sets `TCP_NODELAY` on the listening IPv4 socket bound to `port`; returns whether one was found.
    @discardableResult
    static func disableNagle(onListeningPort port: UInt16) -> Bool {
        #if os(Linux)
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return false }
        for name in descriptors {
            guard let fd = Int32(name) else { continue }
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port else { continue }
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening == 1 else { continue }
            var on: Int32 = 1
            return setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size)) == 0
        }
        #endif
        return false
    }
}
