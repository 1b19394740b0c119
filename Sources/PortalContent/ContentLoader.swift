import Foundation
import PortalBytes
import PortalWork

#if canImport(Glibc)
import Glibc
#endif

/// Loads and checks every document and data file under a content folder.
///
/// It reads files in sorted order so that output and diagnostics are
/// deterministic, rejects files that are not safe to publish (not UTF-8,
/// empty, too large, symlinked from outside the folder), decodes each
/// document, then checks references between documents.
public struct ContentLoader: Sendable {
    /// Files larger than this are refused: no consultation document comes near it,
    /// and it keeps a stray binary from exhausting memory.
    public static let maximumFileSize = 10 * 1024 * 1024

    public let directory: URL
    /// How paths appear in diagnostics: `Content/letters/x.md`.
    public let displayRoot: String
    /// Threads that read and decode files; any number gives the same site.
    public let jobs: Int
    /// Documents decoded by an earlier build, by path, without bodies (the build cache's); a file whose
    /// front matter and display path still match is not decoded again.
    public var knownDocuments: [String: ContentDocument] = [:]
    /// Gives ``knownDocuments`` instead, when set: called once the folder is listed and its files' statuses
    /// taken, so that decoding the cache's documents can overlap them on another core.
    public var knownDocumentsLoading: (@Sendable () -> [String: ContentDocument])?
    /// How old, in seconds, a file's times must be when it is read for its stamp to be kept and trusted
    /// next time (see ``SourceFileStamp``). File times are coarser than the clock, so a change made just
    /// after a read could leave them as they were; tests set 0.
    public var minimumStampAge: Double = 2

    public init(directory: URL, displayRoot: String? = nil, jobs: Int = ParallelWork.defaultJobs) {
        self.directory = directory.standardizedFileURL
        self.jobs = jobs
        self.displayRoot = displayRoot ?? directory.standardizedFileURL.lastPathComponent
    }

    public func load() throws(Diagnostics) -> ContentSite {
        var diagnostics: [Diagnostic] = []
        let root = directory.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostics([Diagnostic(path: displayRoot, line: 1, message: "content folder not found; pass --content DIR or create \(displayRoot)/")])
        }

        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let stampsBefore = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - Int64(minimumStampAge * 1e9)
        // Each file's status first, on every core, while the documents an earlier build decoded may still be
        // read (knownDocumentsLoading); then files are read and decoded on every core, taken in sorted order.
        let listed = listFiles(root: root)
        // Only a source that an earlier build decoded can be taken without reading it; without a cache
        // (a full build) no status is needed here, and reading a file takes its own.
        let mayBeKnown = knownDocumentsLoading != nil || !knownDocuments.isEmpty
        let statuses = ParallelWork(jobs: jobs).map(listed) { file -> stat? in
            guard mayBeKnown, !file.needsResolving, Self.isSource(file.path) else { return nil }
            var info = stat()
            return stat(root + "/" + file.path, &info) == 0 ? info : nil
        }
        let known = knownDocumentsLoading?() ?? knownDocuments
        let loaded = ParallelWork(jobs: jobs).map(Array(zip(listed, statuses))) { file, status in
            load(file, status: status, known: known, root: root, stampsBefore: stampsBefore)
        }
        var gathered = Gathered()
        for (listing, file) in zip(listed, loaded) { gathered.add(file, at: listing.path) }
        diagnostics += gathered.diagnostics
        if gathered.documents.isEmpty && diagnostics.isEmpty {
            diagnostics.append(Diagnostic(path: displayRoot, line: 1, message: "no Markdown documents found; add .md files (see docs/authoring-guide.md)"))
        }
        var site = ContentSite(config: gathered.config, documents: gathered.documents, dataFiles: gathered.dataFiles)
        site.unreadDocuments = gathered.unread
        site.failedPaths = gathered.failedPaths
        // Side by side: each check reads the whole site and none depends on another.
        let checks = ReferenceChecker.checks + ConsultationLinkCheck.checks + [BidiControlCheck.check, PlaceholderCheck.check, GlossaryCheck.check]
        diagnostics += ParallelWork(jobs: jobs).map(checks) { $0(site) }.joined()
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw Diagnostics(diagnostics)
        }
        // The same site with its warnings: making it again indexed every document a second time.
        site.warnings = diagnostics.sorted()
        return site
    }

    /// What the loaded files add up to, taken in listing order.
    private struct Gathered {
        var config = SiteConfig.default
        var documents: [ContentDocument] = []
        var dataFiles: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        /// Documents taken from the cache without reading their files.
        var unread = 0
        /// Markdown files that could not be read or decoded (``ContentSite/failedPaths``).
        var failedPaths: Set<String> = []

        mutating func add(_ file: LoadedFile, at path: String) {
            switch file {
            case .skipped: break
            case .unreadable(let diagnostic):
                diagnostics.append(diagnostic)
                failedPaths.insert(path)
            case .config(.success(let value)): config = value
            case .data(let name, let text): dataFiles[name] = text
            case .unread(let document):
                documents.append(document)
                unread += 1
            case .document(.success(let document)): documents.append(document)
            case .config(.failure(let found)): diagnostics += found.items
            case .document(.failure(let found)):
                diagnostics += found.items
                failedPaths.insert(path)
            }
        }
    }

    /// What one file under the content folder turned out to be.
    private enum LoadedFile {
        case skipped
        case unreadable(Diagnostic)
        case config(Result<SiteConfig, Diagnostics>)
        case data(name: String, text: String)
        case document(Result<ContentDocument, Diagnostics>)
        /// A document taken from ``knownDocuments`` without reading its file, whose stamp is unchanged.
        case unread(ContentDocument)
    }

    /// - Parameters:
    ///   - status: the file's status (through a link) as the listing took it; nil when it could not be taken.
    ///   - known: ``knownDocuments``, or what ``knownDocumentsLoading`` gave.
    private func load(
        _ file: ListedFile, status: stat?, known knownDocuments: [String: ContentDocument], root: String, stampsBefore: Int64
    ) -> LoadedFile {
        let relative = file.path
        let display = "\(displayRoot)/\(relative)"
        let isData = relative.hasPrefix("data/")
        guard Self.isSource(relative) else { return .skipped }
        if let problem = Self.nameProblem(relative) {
            return .unreadable(Diagnostic(path: display, line: 1, message: problem))
        }
        if !file.needsResolving, let known = knownDocuments[relative], known.displayPath == display, let stamp = known.fileStamp {
            if let info = status, (info.st_mode & S_IFMT) == S_IFREG, stamp.file == FileStamp(info) {
                var document = known
                document.bodyInFile(path: root + "/" + relative, offset: stamp.bodyOffset)
                return .unread(document)
            }
        }
        let text: String, info: stat
        switch readText(file, root: root, display: display) {
        case .success(let value): (text, info) = value
        case .failure(let diagnostic): return .unreadable(diagnostic)
        }
        if relative == "site.yaml" {
            return .config(SiteConfig.decode(text, displayPath: display))
        } else if isData {
            return .data(name: String(relative.dropFirst("data/".count)), text: text)
        }
        let sourceHash = StableHash.of(text)
        // What the next build needs to trust this file without reading it; nothing for a file changed so recently
        // that a further change could keep its times.
        func noteFile(_ document: inout ContentDocument) {
            document.keepBodySource(path: root + "/" + relative, text: text)
            document.noteBodyFacts()
            let stamp = FileStamp(info)
            if !file.needsResolving, max(stamp.modified, stamp.changed) < stampsBefore, let offset = document.bodyOffsetInFile {
                document.fileStamp = SourceFileStamp(file: stamp, bodyOffset: offset)
            }
        }
        if var known = knownDocuments[relative], known.displayPath == display {
            // Decoding reads only the front matter, so the same lines up to the closing fence give the same
            // fields, however the body changed; the body is everything after them.
            let frontMatter = Self.lines(known.bodyLineOffset, of: text)
            if known.sourceHash == sourceHash || StableHash.of(String(frontMatter)) == known.frontMatterHash {
                known.body = String(text[frontMatter.endIndex...])
                known.sourceHash = sourceHash
                noteFile(&known)
                return .document(.success(known))
            }
        }
        return .document(DocumentDecoder.decode(text, path: relative, displayPath: display).map { document in
            var document = document
            document.sourceHash = sourceHash
            document.frontMatterHash = StableHash.of(String(Self.lines(document.bodyLineOffset, of: text)))
            noteFile(&document)
            return document
        })
    }

    /// Whether the loader reads the file at `relative`: a Markdown document, a data file or the site's settings.
    ///
    /// `.MD` and `.Md` are Markdown too: a file an author saved with an upper-case extension is read, never skipped.
    private static func isSource(_ relative: String) -> Bool {
        isMarkdownPath(relative) || relative.hasPrefix("data/") || relative == "site.yaml"
    }

    /// The longest file name, in bytes, that Linux and macOS file systems allow (`NAME_MAX`).
    static let maximumNameBytes = 255

    /// Why a Markdown file's page could not be written under its name, or nil: `name.md` becomes
    /// `name.html`, two bytes longer, which must still fit ``maximumNameBytes``.
    static func nameProblem(_ relative: String) -> String? {
        guard isMarkdownPath(relative), let name = relative.split(separator: "/").last else { return nil }
        let pageBytes = name.utf8.count - 3 + ".html".utf8.count
        guard pageBytes > maximumNameBytes else { return nil }
        return "file name is \(name.utf8.count) bytes long, so its page would be \(pageBytes) bytes, over the \(maximumNameBytes)-byte limit of file systems; shorten the name to at most \(maximumNameBytes - 2) bytes"
    }

    /// Whether `path` ends in `.md`, in any case.
    public static func isMarkdownPath(_ path: String) -> Bool {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        return path[dot...].lowercased() == ".md"
    }

    /// The first `count` lines of `text`, with their line breaks.
    static func lines(_ count: Int, of text: String) -> Substring {
        // Found with memchr in the UTF-8 bytes: every document is read on every build, and stepping a String.Index
        // byte by byte is far slower.
        let end = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            var (seen, offset) = (0, 0)
            while seen < count, let found = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: offset) {
                offset = found + 1
                seen += 1
            }
            return seen < count ? bytes.count : offset
        }
        guard let end else {
            var seen = 0
            var index = text.utf8.startIndex
            while seen < count, index < text.utf8.endIndex {
                if text.utf8[index] == UInt8(ascii: "\n") { seen += 1 }
                index = text.utf8.index(after: index)
            }
            return text[..<index]
        }
        return text[..<text.utf8.index(text.utf8.startIndex, offsetBy: end)]
    }

    /// A file found below the content folder.
    private struct ListedFile: Sendable {
        /// Relative to the content folder.
        var path: String
        /// Whether the file is a symbolic link, so its real place must be checked.
        var needsResolving: Bool
    }

    /// Every regular file and symbolic link below `root`, relative, sorted, skipping hidden files and folders.
    ///
    /// Walked with `readdir`, whose entries carry their type: Foundation's enumerator
    /// asked for every file's attributes. Links are listed, never followed.
    private func listFiles(root: String) -> [ListedFile] {
        var files: [ListedFile] = []
        func walk(_ relative: String) {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            guard let directory = opendir(absolute) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(".") { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFREG: type = UInt8(DT_REG)
                    case S_IFLNK: type = UInt8(DT_LNK)
                    default: type = UInt8(DT_FIFO)
                    }
                }
                switch type {
                case UInt8(DT_DIR): walk(path)
                case UInt8(DT_REG): files.append(ListedFile(path: path, needsResolving: false))
                case UInt8(DT_LNK): files.append(ListedFile(path: path, needsResolving: true))
                default: break
                }
            }
        }
        walk("")
        return files.sorted { $0.path < $1.path }
    }

    /// Reads a file with plain POSIX calls: Foundation's path and attribute calls make a
    /// dozen system calls per file, and a build that reuses every page does little else.
    private func readText(_ file: ListedFile, root: String, display: String) -> Result<(String, stat), Diagnostic> {
        var path = root + "/" + file.path
        if file.needsResolving {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard resolved == root || resolved.hasPrefix(root + "/") else {
                return .failure(Diagnostic(path: display, line: 1, message: "this is a symlink outside the content folder; copy the file into the content folder instead (it leads to '\(resolved)')"))
            }
            path = resolved
        }
        // Non-blocking, so that a named pipe left in the folder cannot hang the build.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            return .failure(Diagnostic(path: display, line: 1, message: "cannot read this file; check its permissions"))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Diagnostic(path: display, line: 1, message: "this is not a regular file (a pipe, device or folder); replace it with a plain text file"))
        }
        let size = Int(info.st_size)
        guard size <= Self.maximumFileSize else {
            return .failure(Diagnostic(path: display, line: 1, message: "file has \(size) bytes, over the \(Self.maximumFileSize / 1_048_576) MB (\(Self.maximumFileSize) bytes) limit; split it or remove embedded data"))
        }
        let bytes: [UInt8]
        switch FileBytes.read(descriptor, expectedSize: size, limit: Self.maximumFileSize) {
        case .success(let read): bytes = read
        case .failure(.unreadable):
            return .failure(Diagnostic(path: display, line: 1, message: "cannot read this file; check its permissions"))
        case .failure(.tooLarge):
            return .failure(Diagnostic(path: display, line: 1, message: "file has over \(Self.maximumFileSize) bytes, the \(Self.maximumFileSize / 1_048_576) MB limit; split it or remove embedded data"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: Data(bytes))
            return .failure(Diagnostic(path: display, line: line, column: column, message: "file is not valid UTF-8; save it as UTF-8 text"))
        }
        return .success((LineBreaks.normalized(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text), info))
    }

    /// The line and byte column of the first byte that breaks UTF-8.
    private func firstInvalidUTF8(in data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, index - lineStart + 1)
            }
            guard index + length <= bytes.count,
                bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }),
                String(bytes: bytes[index..<(index + length)], encoding: .utf8) != nil
            else { return (line, index - lineStart + 1) }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, 1)
    }
}
