import Foundation
import PortalBytes
import StaffingModel
import Yams

/// Turns one Markdown file's text into a ``ContentDocument``, checking the front matter of its kind.
///
/// Reports every problem it finds with its file, line and column, and says how
/// to fix each. Cross-document checks (enclosures, duplicates) happen later in
/// ``ContentLoader``, once every document is known.
public enum DocumentDecoder {
    static let commonFields: Set<String> = ["title", "kind", "date", "summary", "source_date", "consultation"]
    static let kindFields: [DocumentKind: Set<String>] = [
        .letter: ["from", "to", "statute", "enclosures", "salutation", "closing", "contact", "tracking"],
        .position: ["occupation_code", "grade", "version", "bargaining_unit"],
        .qa: [], .presentation: [], .article: [],
        .response: ["responds_to", "from", "to"],
        .decision: ["decides", "implements_on", "extraordinary_circumstances", "from", "to"],
    ]

    /// No implicit types: every field is read as text, so the default resolver's bool, int, float and
    /// timestamp rules decided nothing, yet each ran its regular expression on every value it compared.
    static let resolver = Resolver.basic

    /// Composing a node tree never constructs values, so one constructor serves every call; it only
    /// holds the default maps, which it never changes.
    nonisolated(unsafe) static let constructor = Constructor.default

    /// Decodes `text`, the whole file at `path` (relative to Content/), shown in diagnostics as `displayPath`.
    public static func decode(_ text: String, path: String, displayPath: String) -> Result<ContentDocument, Diagnostics> {
        let text = LineBreaks.normalized(text)
        return frontMatter(of: text, displayPath: displayPath).flatMap { split, mapping in
            document(from: mapping, split: split, text: text, path: path, displayPath: displayPath)
        }
    }

    /// One diagnostic at `line` and `column` of `text`, with that line shown.
    private static func failure(
        _ message: String, line: Int = 1, column: Int = 1, in text: String, displayPath: String
    ) -> Diagnostics {
        // Cut into lines only on failure: most files decode, and cutting a whole file costs.
        let sourceLines = LineBreaks.lines(text)
        let source = line <= sourceLines.count ? String(sourceLines[line - 1]) : nil
        return Diagnostics([Diagnostic(path: displayPath, line: line, column: column, message: message, sourceLine: source)])
    }

    /// Splits the front matter from the body of normalized `text` and composes it as a YAML mapping.
    private static func frontMatter(
        of text: String, displayPath: String
    ) -> Result<(FrontMatterSplitter.Split, Node.Mapping), Diagnostics> {
        func failure(_ message: String, line: Int = 1, column: Int = 1) -> Result<(FrontMatterSplitter.Split, Node.Mapping), Diagnostics> {
            .failure(Self.failure(message, line: line, column: column, in: text, displayPath: displayPath))
        }
        if text.unicodeScalars.allSatisfy(CharacterSet.whitespacesAndNewlines.contains) {
            return failure("the file is empty; start it with front matter between '---' lines (see docs/authoring-guide.md)")
        }
        let split: FrontMatterSplitter.Split
        switch FrontMatterSplitter.split(text) {
        case .success(let value): split = value
        case .failure(.missingOpeningFence):
            return failure("the file must start with front matter: a '---' line, the fields, and a closing '---' line")
        case .failure(.unterminated):
            return failure("front matter opened here is never closed; add a line with just '---' after the last field")
        }

        if let hidden = LineBreaks.firstHiddenBreak(in: split.yaml) {
            return failure("front matter holds an invisible \(hidden.name), which YAML reads as a line break; replace it with a space", line: hidden.line + 1, column: hidden.column)
        }
        let root: Node?
        do {
            // Named, not defaulted: Yams' default encoding reads the whole process environment on each
            // call, and its default constructor builds three maps.
            root = try Yams.compose(yaml: split.yaml, Self.resolver, Self.constructor, .utf8)
        } catch let error as YamlError {
            let (line, column, problem) = locate(error)
            return failure("invalid YAML in front matter: \(problem); check quoting and indentation", line: line + 1, column: column)
        } catch {
            return failure("invalid YAML in front matter: \(error)")
        }
        guard case .mapping(let mapping) = root else {
            return failure("front matter must be a set of 'field: value' lines, e.g. title: Customer Relations Coordinator")
        }
        return .success((split, mapping))
    }

    /// The document that the front matter `mapping` describes, or every problem with its fields.
    private static func document(
        from mapping: Node.Mapping, split: FrontMatterSplitter.Split, text: String, path: String, displayPath: String
    ) -> Result<ContentDocument, Diagnostics> {
        func failure(_ message: String) -> Result<ContentDocument, Diagnostics> {
            .failure(Self.failure(message, in: text, displayPath: displayPath))
        }
        // Field errors point into the front matter: its fence line and YAML lines are enough.
        let sourceLines = [text.prefix { $0 != "\n" }] + LineBreaks.lines(split.yaml)
        var fields = FrontMatterFields(mapping: mapping, path: displayPath, lineOffset: 1, sourceLines: sourceLines)
        let title = fields.string("title", required: true, hint: "Customer Relations Coordinator")
        let kindText = fields.string("kind", required: true, hint: "letter")
        let kinds = DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")
        var kind: DocumentKind?
        if let kindText {
            kind = DocumentKind(rawValue: kindText)
            if kind == nil {
                fields.report("unknown kind '\(kindText)'; use one of \(kinds)", at: fields.node("kind"))
            }
        }
        let date = decodeDate("date", in: &fields, required: true)
        let summary = fields.string("summary", required: false)
        let sourceDate = fields.string("source_date", required: false)
        let consultation = fields.string("consultation", required: false, hint: "letters/2022-08-30-customer-relations-coordinators.md")
        if let consultation, !isSafeRelativePath(consultation) {
            fields.report("field 'consultation' must be a path inside Content/ ending in .md, without '..'", at: fields.node("consultation"))
        }

        var letter: LetterFields?
        var position: PositionFields?
        var response: ResponseFields?
        var decision: DecisionFields?
        if let kind {
            fields.rejectUnknownFields(allowed: commonFields.union(kindFields[kind] ?? []), kind: kind.rawValue)
            switch kind {
            case .letter: letter = decodeLetter(&fields)
            case .position: position = decodePosition(&fields, path: path)
            case .response: response = decodeResponse(&fields)
            case .decision: decision = decodeDecision(&fields)
            default: break
            }
        }

        if !fields.diagnostics.isEmpty {
            return .failure(Diagnostics(fields.diagnostics))
        }
        guard let title, let kind, let date else {
            return failure("front matter is incomplete")  // unreachable: each nil reported above
        }
        if kind == .letter && letter == nil || kind == .position && position == nil
            || kind == .response && response == nil || kind == .decision && decision == nil {
            return failure("front matter is incomplete")
        }
        var document = ContentDocument(
            path: path, displayPath: displayPath, kind: kind, title: title, date: date, summary: summary,
            sourceDate: sourceDate, consultation: consultation, letter: letter, position: position,
            body: split.body, bodyLineOffset: split.bodyLineOffset, fieldLocations: fields.fieldLocations)
        document.response = response
        document.decision = decision
        return .success(document)
    }

    // MARK: Kinds

    private static func decodeLetter(_ fields: inout FrontMatterFields) -> LetterFields? {
        let from = decodePerson("from", in: &fields)
        let to = decodePerson("to", in: &fields)
        let statute = fields.string("statute", required: true, hint: "39 U.S.C. §1004(d)")
        let hint = "enclosures: [{code: 2345-5035, version: proposed}, {path: presentations/x.md}]"
        var enclosures: [EnclosureReference] = []
        for item in fields.sequence("enclosures", required: true, hint: hint) ?? [] {
            if let enclosure = decodeEnclosure(item, in: &fields, hint: hint) { enclosures.append(enclosure) }
        }
        let salutation = fields.string("salutation", required: false)
        let closing = fields.string("closing", required: false)
        let contact = fields.string("contact", required: false)
        let tracking = fields.string("tracking", required: false)
        guard let from, let to, let statute else { return nil }
        return LetterFields(
            from: from, to: to, statute: statute, enclosures: enclosures, salutation: salutation,
            closing: closing, contact: contact, tracking: tracking)
    }

    /// A response: what it answers, who sent it and to whom (39 U.S.C. §1004(d)(1)(B), (d)(2)(A)).
    private static func decodeResponse(_ fields: inout FrontMatterFields) -> ResponseFields? {
        let respondsTo = decodeReference("responds_to", in: &fields, required: true, example: "letters/2022-08-30-customer-relations-coordinators.md")
        let from = decodePerson("from", in: &fields)
        let to = decodePerson("to", in: &fields)
        guard let respondsTo, let from, let to else { return nil }
        return ResponseFields(respondsTo: respondsTo, from: from, to: to)
    }

    /// A decision: the proposal it decides, when it takes effect, and why the review period was cut short (§1004(d)(2)).
    private static func decodeDecision(_ fields: inout FrontMatterFields) -> DecisionFields? {
        let decides = decodeReference("decides", in: &fields, required: true, example: "letters/2022-08-30-customer-relations-coordinators.md")
        let implementsOn = decodeDate("implements_on", in: &fields, required: false)
        let circumstances = fields.string("extraordinary_circumstances", required: false, hint: "\"The reason, as the decision states it.\"")
        let from = fields.node("from") == nil ? nil : decodePerson("from", in: &fields)
        let to = fields.node("to") == nil ? nil : decodePerson("to", in: &fields)
        guard let decides else { return nil }
        return DecisionFields(decides: decides, implementsOn: implementsOn, extraordinaryCircumstances: circumstances, from: from, to: to)
    }

    /// A path to another document inside Content/, checked for shape; whether it names one is checked later.
    private static func decodeReference(_ key: String, in fields: inout FrontMatterFields, required: Bool, example: String) -> String? {
        guard let value = fields.string(key, required: required, hint: example) else { return nil }
        guard isSafeRelativePath(value) else {
            fields.report("field '\(key)' must be a path inside Content/ ending in .md, without '..', e.g. \(key): \(example)", at: fields.node(key))
            return nil
        }
        return value
    }

    private static func decodePerson(_ key: String, in fields: inout FrontMatterFields) -> Person? {
        let hint = "\(key): {name: Ivan D. Butts, title: President, organization: National Association of Postal Supervisors}"
        guard let node = fields.node(key) else {
            fields.report("missing required field '\(key)'; add e.g. \(hint)", at: nil)
            return nil
        }
        guard case .mapping(let mapping) = node else {
            fields.report("field '\(key)' must be a mapping with name, title, organization and address, e.g. \(hint)", at: node)
            return nil
        }
        let allowed: Set = ["name", "title", "organization", "address"]
        for (subkey, _) in mapping where !allowed.contains(subkey.string ?? "") {
            fields.report("unknown field '\(subkey.string ?? "")' in '\(key)'; allowed are address, name, organization, title", at: subkey)
        }
        func text(_ name: String) -> String? {
            mapping[name].flatMap { fields.string($0, field: "\(key).\(name)") }
        }
        let name = text("name")
        if mapping["name"] == nil {
            fields.report("field '\(key)' has no 'name'; add e.g. name: Ivan D. Butts", at: node)
        }
        var address: [String] = []
        if let addressNode = mapping["address"] {
            switch addressNode {
            case .sequence(let lines):
                address = lines.compactMap { fields.string($0, field: "\(key).address") }
            default:
                if let line = fields.string(addressNode, field: "\(key).address") { address = [line] }
            }
        }
        guard let name else { return nil }
        return Person(name: name, title: text("title"), organization: text("organization"), address: address)
    }

    private static func decodeEnclosure(_ node: Node, in fields: inout FrontMatterFields, hint: String) -> EnclosureReference? {
        let (line, column) = fields.location(of: node)
        guard case .mapping(let mapping) = node else {
            fields.report("each enclosure must be {path: ...} or {code: ..., version: ...}; \(hint)", at: node)
            return nil
        }
        if let pathNode = mapping["path"] {
            guard let path = fields.string(pathNode, field: "enclosures.path") else { return nil }
            guard isSafeRelativePath(path) else {
                fields.report("enclosure path '\(path)' must be a path inside Content/ ending in .md, without '..'", at: pathNode)
                return nil
            }
            return EnclosureReference(target: .path(path), line: line, column: column)
        }
        guard let codeNode = mapping["code"] else {
            fields.report("enclosure needs 'path' or 'code' and 'version'; \(hint)", at: node)
            return nil
        }
        guard let code = fields.string(codeNode, field: "enclosures.code") else { return nil }
        guard ValueShape.isOccupationCode(code) else {
            fields.report("enclosure code '\(code)' is not an occupation code; write four digits, a hyphen and four digits, e.g. 2345-5035", at: codeNode)
            return nil
        }
        guard let versionNode = mapping["version"] else {
            fields.report("enclosure \(code) needs a version: current or proposed", at: node)
            return nil
        }
        guard let versionText = fields.string(versionNode, field: "enclosures.version") else { return nil }
        guard let version = PositionVersion(rawValue: versionText) else {
            fields.report("enclosure version '\(versionText)' must be current or proposed", at: versionNode)
            return nil
        }
        return EnclosureReference(target: .position(code: code, version: version), line: line, column: column)
    }

    private static func decodePosition(_ fields: inout FrontMatterFields, path: String) -> PositionFields? {
        let code = fields.string(
            "occupation_code", required: true, matching: ValueShape.isOccupationCode,
            rule: "four digits, a hyphen and four digits", example: "2345-5035")
        let grade = fields.string(
            "grade", required: true, matching: ValueShape.isGrade,
            rule: "a pay schedule, a hyphen and two digits", example: "EAS-17")
        var version: PositionVersion?
        if let text = fields.string("version", required: true, hint: "current") {
            version = PositionVersion(rawValue: text)
            if version == nil {
                fields.report("field 'version' is '\(text)' but must be current or proposed", at: fields.node("version"))
            }
        }
        let unit = fields.string("bargaining_unit", required: false)
        guard let code, let grade, let version else { return nil }
        guard checkFileName(of: path, code: code, version: version, in: &fields) else { return nil }
        return PositionFields(occupationCode: code, grade: grade, version: version, bargainingUnit: unit)
    }

    /// Reports a position whose file name is not `CODE-VERSION.md`: readers, links and the loader's
    /// follow-on checks find a description by its name, so a name that says another code misleads them all.
    private static func checkFileName(of path: String, code: String, version: PositionVersion, in fields: inout FrontMatterFields) -> Bool {
        let name = path.split(separator: "/").last.map { String($0) } ?? path
        let expected = "\(code)-\(version.rawValue)"
        guard name.dropLast(3) != expected else { return true }
        let field = name.hasPrefix(code + "-") ? "version" : "occupation_code"
        let value = field == "version" ? version.rawValue : code
        fields.report(
            "field '\(field)' is '\(value)' but the file is named '\(name)'; name a position description \(expected).md, or correct the field",
            at: fields.node(field))
        return false
    }

    /// The occupation code and version a position's file name claims (`2345-5035-current.md`), or nil.
    ///
    /// Lets the loader tell which enclosure a position that failed to decode was meant to be.
    public static func claimedPosition(path: String) -> (code: String, version: PositionVersion)? {
        guard ContentLoader.isMarkdownPath(path), let name = path.split(separator: "/").last?.dropLast(3) else { return nil }
        let parts = name.split(separator: "-", maxSplits: 2)
        guard parts.count == 3, let version = PositionVersion(rawValue: String(parts[2])) else { return nil }
        let code = "\(parts[0])-\(parts[1])"
        return ValueShape.isOccupationCode(code) ? (code, version) : nil
    }

    // MARK: Values

    private static func decodeDate(_ key: String, in fields: inout FrontMatterFields, required: Bool) -> String? {
        guard let value = fields.string(key, required: required, hint: "2022-08-30") else { return nil }
        guard let (year, month, day) = ValueShape.dateParts(value),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else {
            fields.report("field '\(key)' is '\(value)' but must be a real date in YYYY-MM-DD form, e.g. \(key): 2022-08-30", at: fields.node(key))
            return nil
        }
        guard yearRange.contains(year) else {
            fields.report("field '\(key)' is '\(value)' but its year must be from \(yearRange.lowerBound) to \(yearRange.upperBound), e.g. \(key): 2022-08-30", at: fields.node(key))
            return nil
        }
        return value
    }

    /// The years a document's date may fall in. Outside them a date is a typo, and pages would show it
    /// badly: year 0 has no valid `datetime` attribute, and a review window 60 days past 9999-12-31 ends
    /// in a five-digit year.
    public static let yearRange = 1900...2199

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A relative path that stays inside Content/: no leading `/`, no `..`, ends in `.md`.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.contains("\\") && ContentLoader.isMarkdownPath(path)
            && !path.split(separator: "/").contains("..") && !path.split(separator: "/").contains(".")
    }

    private static func locate(_ error: YamlError) -> (line: Int, column: Int, problem: String) {
        let problem = YAMLProblem(error)
        return (problem.line ?? 1, problem.column ?? 1, problem.text)
    }
}
