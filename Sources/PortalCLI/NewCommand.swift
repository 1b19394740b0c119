import ArgumentParser
import Foundation
import PortalContent

/// `portal new KIND "Title"`: scaffolds a document with complete front matter in the right folder.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new document with complete front matter, ready to fill in.",
        discussion: """
            Letters, presentations, responses and decisions go to letters/, presentations/, responses/ \
            and decisions/ as YYYY-MM-DD-title.md, positions to positions/CODE-VERSION.md, Q-and-As to \
            questions-and-answers/ and articles to articles/ unless --folder says otherwise. A response \
            needs --responds-to with the letter or decision it answers, a decision --decides with the \
            letter it decides; the sender and addressee are taken from that document. The file name comes from the title, with \
            accents folded (Ünïcödé gives unicode). Every value is checked before anything is written: \
            a title is one line of visible text of at most 200 characters, a date a real calendar date \
            from 1900 to 2199. An existing file is never overwritten, and nothing is written outside \
            the content folder.
            """
    )

    @Argument(help: "The kind of document: letter, position, qa, presentation, article, response or decision.")
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

    @Option(name: .customLong("responds-to"), help: "For a response: the letter or decision it answers, e.g. letters/2022-08-30-x.md.")
    var respondsTo: String?

    @Option(name: .long, help: "For a decision: the proposal letter it decides, e.g. letters/2022-08-30-x.md.")
    var decides: String?

    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    /// Checks every value before anything is written; a bad one is a usage error, exit 2, on one line.
    func validate() throws {
        do {
            try checkValues()
        } catch {
            printError("error: \(error.message)")
            throw ExitCode(2)
        }
    }

    private func checkValues() throws(ScaffoldValues.Problem) {
        try ScaffoldValues.checkTitle(title)
        if kind != .position { try ScaffoldValues.checkSlug(ofTitle: title) }
        if kind == .position {
            guard let code else { throw .init(message: "a position needs --code NNNN-NNNN, e.g. --code 2345-5035") }
            try ScaffoldValues.checkCode(code)
            if let grade { try ScaffoldValues.checkGrade(grade) }
        } else if code != nil || grade != nil || version != nil {
            throw .init(message: "--code, --grade and --version apply to positions only")
        }
        if let date { try ScaffoldValues.checkDate(date) }
        if let folder {
            guard kind == .qa || kind == .article else { throw .init(message: "--folder applies to qa and article documents only") }
            _ = try ScaffoldValues.checkedFolder(folder)
        }
        if content.isEmpty { throw .init(message: "--content is empty; give the content folder, e.g. --content Content") }
        try checkTarget()
    }

    /// `--responds-to` for a response and `--decides` for a decision, each naming a document of the right kind.
    private func checkTarget() throws(ScaffoldValues.Problem) {
        if respondsTo != nil && kind != .response { throw .init(message: "--responds-to applies to responses only") }
        if decides != nil && kind != .decision { throw .init(message: "--decides applies to decisions only") }
        switch kind {
        case .response:
            guard let respondsTo else {
                throw .init(message: "a response needs --responds-to with the letter or decision it answers, e.g. --responds-to letters/2022-08-30-customer-relations-coordinators.md")
            }
            _ = try ScaffoldValues.checkedTarget(respondsTo, option: "--responds-to", content: contentRoot, kinds: [.letter, .decision])
        case .decision:
            guard let decides else {
                throw .init(message: "a decision needs --decides with the proposal letter, e.g. --decides letters/2022-08-30-customer-relations-coordinators.md")
            }
            _ = try ScaffoldValues.checkedTarget(decides, option: "--decides", content: contentRoot, kinds: [.letter])
        default:
            break
        }
    }

    /// The content folder as given, without a trailing slash.
    private var contentRoot: String {
        content.count > 1 && content.hasSuffix("/") ? String(content.dropLast()) : content
    }

    func run() throws {
        var scaffold = DocumentScaffold(
            kind: kind, title: title, date: date ?? Self.today(), code: code, version: version ?? .proposed, grade: grade,
            folder: try folder.map { folder throws(ScaffoldValues.Problem) in try ScaffoldValues.checkedFolder(folder) })
        let root = contentRoot
        if let given = respondsTo ?? decides {
            let target = try ScaffoldValues.checkedTarget(
                given, option: kind == .response ? "--responds-to" : "--decides", content: root,
                kinds: kind == .response ? [.letter, .decision] : [.letter])
            scaffold.target = target.path
            scaffold.people = target.people.map { kind == .response ? (from: $0.to, to: $0.from) : $0 }
        }
        do {
            try NewFileWriter(root: root).create(scaffold.text, at: scaffold.path)
        } catch {
            printError(message(for: error))
            throw ExitCode(1)
        }
        print("Created \(root)/\(scaffold.path)")
    }

    /// The located, one-line message for a file that was not created.
    private func message(for failure: NewFileWriter.Failure) -> String {
        switch failure.reason {
        case .exists:
            "\(failure.path):1:1: error: this file already exists and was left as it was; edit it, or choose another title\(kind == .position ? " or version" : "")"
        case .leavesContentFolder(let target):
            "\(failure.path): error: this folder is a symbolic link to \(ScaffoldValues.shown(target)), outside the content folder; nothing was written"
        case .notAFolder:
            "\(failure.path): error: this is a file, not a folder; nothing was written"
        case .system(let reason):
            "\(failure.path): error: cannot create this: \(reason)"
        }
    }

    /// Today's date in the local time zone, as authors read their calendar.
    static func today() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

extension DocumentKind: ExpressibleByArgument {}
extension PositionVersion: ExpressibleByArgument {}
