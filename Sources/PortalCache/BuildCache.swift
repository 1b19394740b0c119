import Foundation
import PortalBytes
import PortalContent
import PortalOutput
import PortalPages
import PortalSearch

#if canImport(Glibc)
import Glibc
#endif

/// The folder where a build keeps what the next build needs to reuse pages (``PageMemo``).
///
/// It holds `manifest.bin` (``CacheFile``): a global key, and for every unit of
/// pages its key, the documents it read and the hash of each file written.
/// The global key covers the `portal` binary, every theme file and the build
/// options, so changing any of them renders everything again. The manifest is
/// written only after the output has been swapped in, and replaced atomically;
/// a missing, unreadable or outdated manifest just means a full build.
public struct BuildCache: Sendable {
    /// Bump when what the keys mean changes, so that older caches are ignored
    /// (the record layouts have their own version, ``CacheFile/formatVersion``).
    /// 2: StableHash is XXH3-64; 3: the site key takes the whole configuration rather than three of its fields.
    package static let keyVersion = 3

    package struct Manifest {
        package var globalKey: UInt64
        package var units: [String: PageMemo.Unit]

        package init(globalKey: UInt64, units: [String: PageMemo.Unit]) {
            self.globalKey = globalKey
            self.units = units
        }
    }

    package let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    package var manifestURL: URL { directory.appendingPathComponent("manifest.bin") }

    /// Rendered bodies and what rendering them found (``DocumentCache``).
    package var documents: DocumentCache { DocumentCache(directory: directory.appendingPathComponent("documents")) }

    /// The manifest of the last build, when it is usable with `globalKey`.
    package func load(globalKey: UInt64) -> Manifest? {
        guard var reader = CacheFile.read(manifestURL, tag: "PMAN"),
            let key = try? reader.uint64(), key == globalKey,
            let units = try? reader.dictionary(PageMemo.Unit.self), reader.isAtEnd
        else { return nil }
        return Manifest(globalKey: key, units: units)
    }

    /// Writes the manifest through a temporary file, so a crash leaves the old one or the new one.
    package func save(_ manifest: Manifest) throws {
        var writer = CacheFile.writer(tag: "PMAN", capacity: manifest.units.count * 128)
        writer.write(manifest.globalKey)
        // In the table's own order, not by name as `write(_: [String: Value])` does: the reader makes a table
        // again, so the order means nothing, and sorting every page's name would sit at the end of every build.
        writer.write(manifest.units.count)
        for (name, unit) in manifest.units {
            writer.write(name)
            writer.write(unit)
        }
        try CacheFile.replace(manifestURL, with: writer.bytes)
    }

    /// The cache directory tag (bford.info/cachedir) that marks the folder as the portal's cache, so that
    /// backup tools skip it and `--clean` never removes a folder the portal did not make.
    package static let tagName = "CACHEDIR.TAG"
    static let tagText = """
        Signature: 8a477f597d28d172789f06886806bc55
        # This folder is the build cache of Consultation Portal (portal build); deleting it only makes the next build slower.

        """

    /// Checks that the cache folder is missing, empty or tagged as the portal's, and tags it; nothing else is written.
    package func claim(protecting protected: OutputClaim.Protected) throws(OutputClaim.Refusal) {
        let path = directory.standardizedFileURL.path
        let resolved = OutputClaim.resolve(path)
        for folder in [protected.content, protected.theme].map({ OutputClaim.resolve($0.standardizedFileURL.path) })
        where resolved == folder || OutputClaim.isInside(resolved, folder) || OutputClaim.isInside(folder, resolved) {
            throw OutputClaim.Refusal(path: path, message: "the build cache would mix with \(folder); choose another --cache, or --no-cache")
        }
        var info = stat()
        if lstat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw OutputClaim.Refusal(path: path, message: "the build cache must be a folder; choose another --cache, or --no-cache")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if Self.isOwnCache(path) { return }
            guard entries.isEmpty else {
                throw OutputClaim.Refusal(
                    path: path, message: "holds files the portal did not write, and is not its build cache (no portal \(Self.tagName));"
                        + " choose another --cache, or --no-cache")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputClaim.Refusal(path: path, message: "cannot make the build cache folder; choose another --cache, or --no-cache")
        }
        var text = Self.tagText
        let made = text.withUTF8 { POSIXFile.create(UnsafeRawBufferPointer($0), at: path + "/" + Self.tagName) }
        guard made != .failed else {
            throw OutputClaim.Refusal(path: path, message: "cannot write \(Self.tagName); choose another --cache, or --no-cache")
        }
    }

    /// Forgets everything, for `--clean`: only a folder tagged as the portal's cache is removed.
    package func remove() throws {
        guard Self.isOwnCache(directory.path) else { return }
        try FileManager.default.removeItem(at: directory)
    }

    /// Whether the folder at `path` holds the portal's own tag: other tools (cargo, pip, backup programs) tag
    /// their caches with the same file name, and a folder of theirs must never pass for the portal's.
    private static func isOwnCache(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path + "/" + tagName, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 4096,
            let text = try? String(contentsOfFile: path + "/" + tagName, encoding: .utf8)
        else { return false }
        return text == tagText
    }

    /// The default cache for an output folder: `.portal-cache/<output name>` beside it, e.g. `.portal-cache/Public`.
    public static func defaultDirectory(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".portal-cache")
            .appendingPathComponent(output.lastPathComponent)
    }

    /// What every page depends on besides the content: this binary and the theme's files.
    package static func globalKey(themeDirectory: URL) -> UInt64 {
        var hash = StableHash()
        hash.combine("portal-cache-\(keyVersion)")
        // The binary by identity, not content: a rebuilt binary gets a new modification time.
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        hash.combine(executable)
        if let attributes = try? FileManager.default.attributesOfItem(atPath: executable) {
            hash.combine((attributes[.size] as? Int) ?? 0)
            hash.combine(Int((((attributes[.modificationDate] as? Date) ?? .distantPast).timeIntervalSince1970 * 1_000_000).rounded()))
        }
        let theme = themeDirectory.standardizedFileURL.resolvingSymlinksInPath()
        for path in (FileManager.default.subpaths(atPath: theme.path) ?? []).sorted() {
            guard let data = FileManager.default.contents(atPath: theme.path + "/" + path) else { continue }
            hash.combine(path)
            data.withUnsafeBytes { hash.combine($0) }
            hash.combine(data.count)
        }
        return hash.value
    }
}
