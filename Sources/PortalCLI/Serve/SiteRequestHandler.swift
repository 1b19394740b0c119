import FlyingFox
import Foundation

/// Answers every request `portal serve` gets: files from the output folder, and the `/_portal/` reload files.
///
/// Paths are taken raw from the request line and percent-decoded once here;
/// any `.` or `..` segment, backslash or NUL, in plain or encoded form, is
/// refused with 403 before the file system is touched, and the resolved file
/// must still lie inside the output folder.
struct SiteRequestHandler: HTTPHandler {
    let root: URL
    let state: ServeState
    private let cache = ResponseCache()

    init(root: URL, state: ServeState) {
        self.root = root.standardizedFileURL
        self.state = state
    }

    enum Resolution: Equatable {
        case file(URL)
        /// A folder named without its trailing slash; relative links only work from `folder/index.html`.
        case redirect(String)
        case forbidden
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", headers: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        let rawPath = request.target.path(percentEncoded: true)
        var response: HTTPResponse
        if rawPath.hasPrefix(ServeAssets.prefix) {
            response = portalFile(String(rawPath.dropFirst(ServeAssets.prefix.count)))
        } else if let cached = cache.lookup(rawPath, build: state.current.build) {
            // Only paths that resolved to a file of this build are ever stored.
            response = HTTPResponse(statusCode: .ok, headers: Self.headers(type: cached.contentType), body: cached.body)
        } else {
            switch resolve(rawPath) {
            case .forbidden:
                response = Self.text(.forbidden, "Forbidden: the path leaves the site folder.\n")
            case .file(let url):
                response = file(url, requested: rawPath)
            case .redirect(let location):
                response = Self.text(.movedPermanently, "Moved to \(location)\n", headers: [.location: location])
            }
        }
        if request.method == .HEAD {
            // The headers a GET would send, its length included, and no body.
            var headers = response.headers
            headers[.contentLength] = String(try await response.bodyData.count)
            response = HTTPResponse(statusCode: response.statusCode, headers: headers)
        }
        return response
    }

    /// The file a raw, still percent-encoded request path names, or `.forbidden` for any attempt to leave the folder.
    func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/"), let decoded = rawPath.removingPercentEncoding else { return .forbidden }
        guard !decoded.contains("\\"), !decoded.contains("\0") else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        // Hidden files include the build's lock and staging folders.
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return .forbidden }
        var url = segments.reduce(root) { $0.appendingPathComponent(String($1)) }
        var isDirectory: ObjCBool = false
        if decoded.hasSuffix("/") {
            url = url.appendingPathComponent("index.html")
        } else if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .redirect(rawPath + "/index.html")
        }
        // A symlink inside the output must not lead out of it either.
        let resolvedRoot = root.resolvingSymlinksInPath().path
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(resolvedRoot + "/") else { return .forbidden }
        return .file(url)
    }

    private func file(_ url: URL, requested rawPath: String) -> HTTPResponse {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        let snapshot = state.current
        let isHTML = url.pathExtension == "html"
        if isHTML && snapshot.build == 0 {
            // Nothing has built yet: show the errors on a page of our own.
            return Self.html(.ok, ServeAssets.failurePage(build: 0))
        }
        guard exists, var data = FileManager.default.contents(atPath: url.path) else {
            let message = "Not found. The site has \(FileManager.default.fileExists(atPath: root.path) ? "no such page" : "not been built yet").\n"
            return Self.text(.notFound, message)
        }
        if isHTML {
            data = Self.injectReloadScript(into: data, build: snapshot.build)
        }
        let type = Self.contentType(of: url)
        cache.store(.init(body: data, contentType: type), for: rawPath, build: snapshot.build)
        return HTTPResponse(statusCode: .ok, headers: Self.headers(type: type), body: data)
    }

    private func portalFile(_ name: String) -> HTTPResponse {
        switch name {
        case "reload.js":
            return HTTPResponse(statusCode: .ok, headers: Self.headers(type: "text/javascript; charset=utf-8"), body: Data(ServeAssets.reloadScript.utf8))
        case "serve.css":
            return HTTPResponse(statusCode: .ok, headers: Self.headers(type: "text/css; charset=utf-8"), body: Data(ServeAssets.stylesheet.utf8))
        case "status.js", "status.json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let json = (try? encoder.encode(state.current)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"build\":0,\"errors\":[]}"
            if name == "status.json" {
                return HTTPResponse(statusCode: .ok, headers: Self.headers(type: "application/json"), body: Data(json.utf8))
            }
            let script = "window.portalServeStatus && window.portalServeStatus(\(json));\n"
            return HTTPResponse(statusCode: .ok, headers: Self.headers(type: "text/javascript; charset=utf-8"), body: Data(script.utf8))
        default:
            return Self.text(.notFound, "Not found.\n")
        }
    }

    /// The page with the reload script's tag before `</body>`, or at the end when there is none.
    static func injectReloadScript(into data: Data, build: Int) -> Data {
        let tag = "<script src=\"\(ServeAssets.prefix)reload.js?build=\(build)\"></script>\n"
        var html = String(decoding: data, as: UTF8.self)
        if let range = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            html.insert(contentsOf: tag, at: range.lowerBound)
        } else {
            html += tag
        }
        return Data(html.utf8)
    }

    // Every response is uncacheable: a rebuilt page must show on the next reload.
    private static func headers(type: String) -> HTTPHeaders {
        [.contentType: type, .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff"]
    }

    private static func text(_ status: HTTPStatusCode, _ message: String, headers extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers(type: "text/plain; charset=utf-8")
        for (key, value) in extra { headers[key] = value }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(message.utf8))
    }

    private static func html(_ status: HTTPStatusCode, _ page: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers(type: "text/html; charset=utf-8"), body: Data(page.utf8))
    }

    static func contentType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "txt": "text/plain; charset=utf-8"
        case "xml": "application/xml"
        case "pdf": "application/pdf"
        case "zip": "application/zip"
        case "epub": "application/epub+zip"
        default: "application/octet-stream"
        }
    }
}
