import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a plain socket, so a test can send a request line exactly as written.
///
/// URL-based clients normalize `/../` away before sending; a traversal test
/// must put it on the wire unchanged.
enum RawHTTP {
    struct Response {
        var status: Int
        var headers: String
        var body: String
    }

    enum Failure: Error {
        case connect(Int32)
        case malformed(String)
    }

    static func get(_ target: String, port: UInt16, method: String = "GET") throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect(errno) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.connect(errno) }
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if let response = complete(data, hasBody: method != "HEAD") { return response }
        }
        guard let response = complete(data, hasBody: method != "HEAD", atEnd: true) else {
            throw Failure.malformed(String(decoding: data, as: UTF8.self))
        }
        return response
    }

    /// The response once its headers and `Content-Length` bytes of body have arrived.
    private static func complete(_ data: Data, hasBody: Bool, atEnd: Bool = false) -> Response? {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self)
        let body = data[split.upperBound...]
        let statusLine = head.split(separator: "\r\n").first ?? ""
        guard let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
        if !hasBody { return Response(status: status, headers: head, body: String(decoding: body, as: UTF8.self)) }
        if let length, body.count < length { return nil }
        if length == nil && !atEnd { return nil }
        return Response(status: status, headers: head, body: String(decoding: body, as: UTF8.self))
    }
}
