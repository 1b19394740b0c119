import ArgumentParser
import Foundation
import PortalContent

/// `portal new KIND "Title"`: scaffolds a document with complete front matter in the right folder.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new document with complete front matter, ready to fill in.",
        discussion: """
            Letters and presentations go to letters/ and presentations/ as YYYY-MM-DD-title.md, \
            positions to positions/CODE-VERSION.md, Q-and-As to questions-and-answers/ and articles \
            to articles/ unless --folder says otherwise. An existing file is never overwritten.
            """
    )

    @Argument(help: "The kind of document: letter, position, qa, presentation or article.")
    var kind: DocumentKind

    @Argument(help: "The document's title, in quotes.")
    var title: String

    @Option(name: .long, help: "The occupation code of a position, NNNN-NNNN.")
    var code: String?

    @Option(name: .long, help: "The position version: current or proposed (default).")
    var version: PositionVersion?

    @Option(name: .long, help: "The grade of a position, e.g. EAS-17.")
    var grade: String?

    @Option(name: .long, help: "The document date, YYYY-MM-DD; today when left out.")
    var date: String?

    @Option(name: .long, help: "The folder under the content folder for a qa or article, e.g. customer-connect.")
    var folder: String?

    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    func validate() throws {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the title is empty; give it in quotes") }
        if kind == .position {
            guard let code else { throw ValidationError("a position needs --code NNNN-NNNN, e.g. --code 2345-5035") }
            guard code.wholeMatch(of: /[0-9]{4}-[0-9]{4}/) != nil else {
                throw ValidationError("--code '\(code)' is not an occupation code; write four digits, a hyphen and four digits")
            }
            if let grade, grade.wholeMatch(of: /[A-Z][A-Z0-9]{0,3}-[0-9]{2}/) == nil {
                throw ValidationError("--grade '\(grade)' must be a pay schedule, a hyphen and two digits, e.g. EAS-17")
            }
        } else if code != nil || grade != nil || version != nil {
            throw ValidationError("--code, --grade and --version apply to positions only")
        }
        if let date, date.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) == nil {
            throw ValidationError("--date '\(date)' must be YYYY-MM-DD, e.g. 2022-08-30")
        }
        if let folder {
            guard kind == .qa || kind == .article else { throw ValidationError("--folder applies to qa and article documents only") }
            let parts = folder.split(separator: "/")
            guard !folder.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0.hasPrefix(".") }) else {
                throw ValidationError("--folder must be a folder inside the content folder, e.g. customer-connect")
            }
            if parts.first == "data" { throw ValidationError("--folder cannot be data/, which holds staffing data") }
        }
    }

    func run() throws {
        let scaffold = DocumentScaffold(
            kind: kind, title: title, date: date ?? Self.today(), code: code, version: version ?? .proposed, grade: grade,
            folder: folder.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
        let root = content.count > 1 && content.hasSuffix("/") ? String(content.dropLast()) : content
        let display = "\(root)/\(scaffold.path)"
        let url = URL(fileURLWithPath: root).appendingPathComponent(scaffold.path)
        if FileManager.default.fileExists(atPath: url.path) {
            printError("\(display):1:1: error: this file already exists and was left as it was; edit it, or choose another title\(kind == .position ? " or version" : "")")
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // withoutOverwriting fails if the file appeared since the check above.
            try Data(scaffold.text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            printError("\(display):1:1: error: cannot create the file: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print("Created \(display)")
    }

    /// Today's date in the local time zone, as authors read their calendar.
    static func today() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

extension DocumentKind: ExpressibleByArgument {}
extension PositionVersion: ExpressibleByArgument {}
