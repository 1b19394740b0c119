import Foundation
import PortalContent

extension ScaffoldValues {
    /// The document a new response answers or a new decision decides, as `portal new` writes it in.
    struct Target {
        /// Relative to the content folder, as `responds_to` and `decides` take it.
        var path: String
        /// The target's sender and addressee, when it names both.
        var people: (from: Person, to: Person)?
    }

    /// The largest target file read for its front matter; a document is far smaller.
    static let maximumTargetBytes = 16 * 1_048_576

    /// `value` as a path inside the content folder `content` to a document of one of `kinds`, read for its people.
    ///
    /// `Content/letters/x.md` (as a shell completes it) is taken as `letters/x.md`. The file must be a
    /// regular file inside the content folder, even through a link, and decode as a document.
    static func checkedTarget(_ value: String, option: String, content: String, kinds: Set<DocumentKind>) throws(Problem) -> Target {
        var path = value
        for prefix in ["./", content + "/"] where path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let wanted = kinds.sorted().map(\.rawValue).joined(separator: " or ")
        guard !path.hasPrefix("/"), !path.contains("\\"), ContentLoader.isMarkdownPath(path), !path.unicodeScalars.contains(where: isInvisibleControl),
              !parts.contains(".."), !parts.contains("."), !parts.contains("") else {
            throw Problem(message: "\(option) \(shown(value)) must be the path of a \(wanted) inside the content folder ending in .md, e.g. \(option) letters/2022-08-30-customer-relations-coordinators.md")
        }
        let root = URL(fileURLWithPath: content).resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: content + "/" + path).resolvingSymlinksInPath().path
        var info = stat()
        guard file.hasPrefix(root + "/"), stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw Problem(message: "\(option) \(shown(value)) names no document in \(shown(content)); give the path of a \(wanted) relative to the content folder")
        }
        guard Int(info.st_size) <= maximumTargetBytes, let data = FileManager.default.contents(atPath: file),
              let text = String(data: data, encoding: .utf8) else {
            throw Problem(message: "\(option) \(shown(value)) cannot be read as UTF-8 text; check the file")
        }
        let document: ContentDocument
        switch DocumentDecoder.decode(text, path: path, displayPath: "\(content)/\(path)") {
        case .success(let decoded): document = decoded
        case .failure(let found):
            throw Problem(message: "\(option) names a file with errors; fix it first: \(found.items.first?.description ?? "")")
        }
        guard kinds.contains(document.kind) else {
            throw Problem(message: "\(option) \(shown(value)) is \(document.kind.indefiniteLabel), not a \(wanted)")
        }
        let people: (from: Person, to: Person)?
        if let letter = document.letter {
            people = (letter.from, letter.to)
        } else if let decision = document.decision, let from = decision.from, let to = decision.to {
            people = (from, to)
        } else {
            people = nil
        }
        return Target(path: path, people: people)
    }
}
