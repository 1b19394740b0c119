import Foundation
import PortalBytes

/// Notices changes under a set of folders by polling their files' sizes and modification times.
///
/// Polling needs no platform API and sees every editor's way of saving
/// (in place, or write-and-rename). A listing costs one `stat` per file,
/// far less than the poll interval.
struct SourceWatcher {
    let folders: [URL]

    /// A value that changes whenever a file under the folders is added, removed or modified.
    func fingerprint() -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        let manager = FileManager.default
        for folder in folders {
            guard let enumerator = manager.enumerator(
                at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey])
            else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]),
                    values.isRegularFile == true
                else { continue }
                stamps[url.path] = FileStamp(
                    modified: values.contentModificationDate?.timeIntervalSinceReferenceDate ?? 0, size: values.fileSize ?? 0)
            }
        }
        return stamps
    }

    struct FileStamp: Equatable {
        var modified: Double
        var size: Int
    }
}
