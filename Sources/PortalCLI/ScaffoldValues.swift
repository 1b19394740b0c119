import StaffingModel

/// The checks `portal new` makes of every value it writes into a file or its path, before writing anything.
///
/// Each check throws a ``Problem`` whose message is one line that names the option and shows the value
/// as a terminal can print it, so that a bad value is refused with the reason and a correct example.
enum ScaffoldValues {
    /// A value `portal new` refuses; `message` follows `error: ` on one line.
    struct Problem: Error {
        var message: String
    }

    /// Years a document may bear: the consultations are modern, and a typo such as 0022 or 2202 is caught.
    static let years = 1900...2199
    /// The longest title, in characters; a title is shown on one line in listings and the page heading.
    static let maximumTitleLength = 200
    /// The longest folder name given with `--folder`, per part, in characters.
    static let maximumFolderPartLength = 60

    /// A title is one line of visible text, of at most ``maximumTitleLength`` characters.
    static func checkTitle(_ title: String) throws(Problem) {
        // Spaces, marks and joiners alone would make a title that shows as nothing.
        guard title.contains(where: { $0.isLetter || $0.isNumber || $0.isPunctuation || $0.isSymbol }) else {
            throw Problem(message: "the title \(title.isEmpty ? "is empty" : "\(shown(title)) shows nothing"); give it in quotes, e.g. \"Customer Relations Coordinators\"")
        }
        if let scalar = title.unicodeScalars.first(where: isInvisibleControl) {
            throw Problem(message: "the title \(shown(title)) contains the invisible character \(codePoint(scalar)); a title is one line of visible text")
        }
        if title.count > maximumTitleLength {
            throw Problem(message: "the title is \(title.count) characters long; the limit is \(maximumTitleLength), so shorten it and put the rest in the summary")
        }
    }

    /// A title that gives the file name must leave at least one letter or digit once its diacritics are folded.
    static func checkSlug(ofTitle title: String) throws(Problem) {
        guard DocumentScaffold.slug(title) == nil else { return }
        throw Problem(message: "the title \(shown(title)) has no letter or digit A–Z or 0–9 to make a file name from, even with its accents removed; add a word in Latin letters")
    }

    /// A real calendar date written `YYYY-MM-DD`, in ``years``.
    static func checkDate(_ date: String) throws(Problem) {
        guard let parsed = CivilDate(date) else {
            throw Problem(message: "--date \(shown(date)) is not a calendar date; use YYYY-MM-DD, e.g. 2022-08-30")
        }
        guard years.contains(parsed.year) else {
            throw Problem(message: "--date \(shown(date)) is outside the years \(years.lowerBound)–\(years.upperBound); use YYYY-MM-DD, e.g. 2022-08-30")
        }
    }

    /// An occupation code: four ASCII digits, a hyphen and four ASCII digits.
    static func checkCode(_ code: String) throws(Problem) {
        guard isASCII(code), code.wholeMatch(of: /[0-9]{4}-[0-9]{4}/) != nil else {
            throw Problem(message: "--code \(shown(code)) is not an occupation code; write four digits, a hyphen and four digits, e.g. 2345-5035")
        }
    }

    /// A grade: a pay schedule of capital letters and digits, a hyphen and two digits.
    static func checkGrade(_ grade: String) throws(Problem) {
        guard isASCII(grade), grade.wholeMatch(of: /[A-Z][A-Z0-9]{0,3}-[0-9]{2}/) != nil else {
            throw Problem(message: "--grade \(shown(grade)) must be a pay schedule, a hyphen and two digits, e.g. EAS-17")
        }
    }

    /// The folder as written into the path, without a trailing slash: lowercase words with hyphens, one or
    /// more levels, never `data/` nor anything that leaves the content folder.
    static func checkedFolder(_ folder: String) throws(Problem) -> String {
        let trimmed = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let partIsValid = { (part: Substring) in
            isASCII(part) && part.count <= maximumFolderPartLength && part.wholeMatch(of: /[a-z0-9][a-z0-9-]*/) != nil
        }
        guard !trimmed.isEmpty, parts.allSatisfy(partIsValid) else {
            throw Problem(message: "--folder \(shown(folder)) must be a folder inside the content folder named in lowercase letters, digits and hyphens, e.g. customer-connect")
        }
        if parts.first == "data" { throw Problem(message: "--folder cannot be data/, which holds staffing data") }
        return trimmed
    }

    /// A value as it may be printed in a message: bare when it is one visible word, otherwise in quotes
    /// with invisible characters written as code points, and cut short when long, so that no value can
    /// break the line or hide what follows it.
    static func shown(_ value: String) -> String {
        if !value.isEmpty, value.count <= 40, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "'") }) {
            return value
        }
        var text = ""
        for (offset, character) in value.enumerated() {
            if offset == 40 {
                text += "…"
                break
            }
            if character.unicodeScalars.contains(where: isInvisibleControl) {
                text += character.unicodeScalars.map { isInvisibleControl($0) ? "<\(codePoint($0))>" : String($0) }.joined()
            } else {
                text.append(character)
            }
        }
        return "'\(text)'"
    }

    /// Controls, line and paragraph separators and format characters (which include the bidirectional
    /// controls `portal check` warns of); the zero-width joiner is kept, since emoji sequences need it.
    static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        case .format: scalar.value != 0x200D
        default: false
        }
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func isASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }
}
