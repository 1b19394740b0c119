import Foundation
import PortalBytes
import PortalContent
import PortalPages
import PortalSearch
import PortalWork

#if canImport(Glibc)
import Glibc
#endif

/// Reuses the pages of the previous build whose inputs did not change; the heart of incremental builds.
///
/// Pages are made in units: one document page, one code page, the whole
/// search index. While a unit renders, every document body it reads through
/// ``SiteModel/body(of:)`` is recorded as a dependency. Everything else a page
/// may show (front matter, code mentions, data files, the theme, the build
/// date) is folded into one site key, so a unit is reused only when the site
/// key and the sources of all its recorded documents are what they were.
/// A change to a title, a mention or a data file therefore renders every page
/// again, which is slow but never stale.
///
/// A reused file must still have the size and modification time recorded when
/// it was written, so a hand-edited or missing output file is rendered again
/// instead of copied; it is never read unless a link check needs its anchors.
package final class PageMemo: PageReuse, @unchecked Sendable {
    /// What the cache keeps about one unit between builds.
    package struct Unit: Sendable {
        package var key: UInt64
        /// Content paths of the documents whose bodies the unit read, sorted.
        package var dependencies: [String]
        package var files: [File]
    }

    /// An output file as it was left on disk: a hand edit or a lost file changes its size or time.
    package struct File: Sendable {
        package var path: String
        package var size: Int
        /// Modification time in nanoseconds since 1970.
        package var modified: Int
    }

    private var previous: [String: Unit]
    /// The previous units while they are still being read (see ``init(loading:previousOutput:jobs:)``).
    private var loading: BackgroundWork<[String: Unit]>?
    private let previousOutputPath: String
    /// The previous output folder, open, so each reused file's `stat` walks only its path within it;
    /// -1 until ``start(globalKey:site:siteKey:)``, or when there is no previous output.
    private var previousOutputDescriptor: Int32 = -1
    /// Units made in this build, not reused; only their files need their size and time noted.
    private var rendered: Set<String> = []
    /// The global key (binary, theme, options) combined with ``SiteModel/siteKey``; set before any unit runs.
    private var baseKey: UInt64 = 0
    /// Each document's path and source hash, hashed together once: what a unit's key takes for each document it read.
    private var dependencyHashes: [String: UInt64] = [:]
    private let lock = NSLock()
    private var units: [String: Unit] = [:]
    /// Files of the units reused so far: counted as they are, since unit names are unique within a build.
    private var reusedFiles = 0

    /// - Parameters:
    ///   - previous: the units the last successful build recorded, by name.
    ///   - previousOutput: where that build's files are.
    package init(previous: [String: Unit], previousOutput: URL) {
        self.previous = previous
        previousOutputPath = previousOutput.path
    }

    deinit {
        if previousOutputDescriptor >= 0 { close(previousOutputDescriptor) }
    }

    /// Reads the previous units with `load` on another core while the content is loaded and the model made;
    /// they are first needed once the model exists (``start(globalKey:site:siteKey:)``).
    package init(loading load: @escaping @Sendable () -> [String: Unit], previousOutput: URL, jobs: Int) {
        previous = [:]
        loading = BackgroundWork(jobs: jobs, load)
        previousOutputPath = previousOutput.path
    }

    /// Fixes the key every unit's key starts from; called once the site model exists, before any unit.
    package func start(globalKey: UInt64, site: ContentSite, siteKey: UInt64) {
        if let loading {
            previous = loading.result()
            self.loading = nil
        }
        var hash = StableHash()
        hash.combine(globalKey)
        hash.combine(siteKey)
        baseKey = hash.value
        dependencyHashes = Dictionary(
            site.documents.map { ($0.path, Self.dependencyHash(path: $0.path, sourceHash: $0.sourceHash)) },
            uniquingKeysWith: { first, _ in first })
        // Most units are reused: growing the table unit by unit rehashed it a dozen times under the lock.
        units.reserveCapacity(previous.count)
        if !previous.isEmpty {
            previousOutputDescriptor = open(previousOutputPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
    }

    /// Every unit this build made or reused, to save for the next build.
    package var recordedUnits: [String: Unit] { lock.withLock { units } }

    /// The files of unit `name`: the previous build's when nothing they depend on changed, else `render()`'s.
    ///
    /// Names must be unique within a build; the first file's path is a good one.
    ///
    /// - Parameter extraKey: what else the unit's files depend on, besides the site key and the bodies it reads.
    package func files<E: Error>(unit name: String, extraKey: UInt64 = 0, _ render: () throws(E) -> [OutputFile]) throws(E) -> [OutputFile] {
        if let old = previous[name], old.key == key(for: old.dependencies, extraKey), let files = unchangedPrevious(old.files) {
            DependencyRecorder.note(old.dependencies)
            lock.withLock {
                units[name] = old
                reusedFiles += files.count
            }
            return files
        }
        let recorder = DependencyRecorder.begin()
        let files: [OutputFile]
        do {
            files = try render()
        } catch {
            recorder.end()
            throw error
        }
        let dependencies = recorder.end()
        // Sizes and times are filled in by `recordFiles(in:)` once the files are written.
        let unit = Unit(
            key: key(for: dependencies, extraKey), dependencies: dependencies,
            files: files.map { File(path: $0.path, size: -1, modified: 0) })
        lock.withLock {
            units[name] = unit
            rendered.insert(name)
        }
        return files
    }

    /// How many output files were copied from the previous build rather than rendered.
    package var reusedCount: Int { lock.withLock { reusedFiles } }

    /// Whether any unit was rendered rather than reused: when none was, the saved units are still right.
    package var renderedAny: Bool { lock.withLock { !rendered.isEmpty } }

    /// Notes the size and time of the files of every unit rendered in this build as written in `directory`,
    /// for the next build's checks. Reused files are hard links to the ones already noted.
    package func recordFiles(in directory: URL) {
        lock.withLock {
            for name in rendered {
                guard var unit = units[name] else { continue }
                unit.files = unit.files.map { file in
                    let (size, modified) = Self.stat(directory.path + "/" + file.path).map { ($0.size, $0.modified) } ?? (-1, 0)
                    return File(path: file.path, size: size, modified: modified)
                }
                units[name] = unit
            }
        }
    }

    private func key(for dependencies: [String], _ extraKey: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.combine(baseKey)
        hash.combine(extraKey)
        for path in dependencies {
            // One lookup of a number worked out once per build: a path many units read is hashed once, not once
            // for each unit that read it.
            hash.combine(dependencyHashes[path] ?? Self.dependencyHash(path: path, sourceHash: nil))
        }
        return hash.value
    }

    /// A document's path with its source hash, or with a mark that it no longer exists, which must not match any hash.
    private static func dependencyHash(path: String, sourceHash: UInt64?) -> UInt64 {
        var hash = StableHash()
        hash.combine(path)
        hash.combine(sourceHash ?? 0)
        hash.combine(sourceHash == nil ? 1 : 0)
        return hash.value
    }

    /// The previous build's files, or nil when any is missing or was changed since that build wrote it.
    private func unchangedPrevious(_ files: [File]) -> [OutputFile]? {
        var result: [OutputFile] = []
        result.reserveCapacity(files.count)
        for file in files {
            guard file.size >= 0, let (size, modified, identity) = Self.stat(file.path, in: previousOutputDescriptor),
                size == file.size, modified == file.modified
            else { return nil }
            result.append(OutputFile(path: file.path, reused: .init(folder: previousOutputPath, identity: identity)))
        }
        return result
    }

    /// Size, modification time (nanoseconds) and identity of a regular file, or nil.
    ///
    /// - Parameter folder: an open folder that a relative `path` starts from; an absolute path ignores it.
    private static func stat(_ path: String, in folder: Int32 = AT_FDCWD) -> (size: Int, modified: Int, identity: FileIdentity)? {
        // A relative path with no folder to start from would be looked up in the working directory.
        guard folder >= 0 || folder == AT_FDCWD || path.hasPrefix("/") else { return nil }
        var info = Glibc.stat()
        guard fstatat(folder, path, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (
            Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
            FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        )
    }
}
