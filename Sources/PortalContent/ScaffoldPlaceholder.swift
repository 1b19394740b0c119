import Foundation
import PortalBytes

/// A text `portal new` writes for the author to replace, and what to write instead.
///
/// The one list of them: the scaffold writes these values and `check` finds them, so a half-filled
/// document is caught with the same words it was given. A field matches when its whole value is the
/// text; a body line when, without its heading or list marker, it is the text.
public struct ScaffoldPlaceholder: Sendable, Equatable {
    public let text: String
    /// What to fill in, after "replace it with".
    public let fillIn: String

    // MARK: Front-matter values

    public static let senderName = Self(text: "Name of the sender", fillIn: "the sender's name as the document is signed")
    public static let senderTitle = Self(text: "Title of the sender", fillIn: "the sender's title as the document gives it")
    public static let addresseeName = Self(text: "Name of the addressee", fillIn: "the name of the person the document is addressed to")
    public static let contactName = Self(text: "Name of the person to contact", fillIn: "the contact the document names")
    public static let grade = Self(text: "EAS-00", fillIn: "the grade the source gives, e.g. EAS-17")
    public static let circumstances = Self(
        text: "The extraordinary circumstances, as the decision states them.",
        fillIn: "the decision's own words on why the review period was cut short, or delete the field")

    /// The summary `portal new` writes for `kind`.
    public static func summary(_ kind: DocumentKind) -> Self {
        Self(text: "Describe this \(kind == .qa ? "Q-and-A" : kind.label.lowercased()) in one sentence.",
             fillIn: "one plain sentence that says what the document is")
    }

    // MARK: Body lines

    public static let letterBody = Self(
        text: "The paragraphs of the letter, between the salutation and the closing.", fillIn: "the letter's text as sent")
    public static let purpose = Self(text: "The functional purpose as the source states it.", fillIn: "the position's functional purpose from the source")
    public static let firstDuty = Self(text: "The first duty.", fillIn: "the duties from the source, one list item each")
    public static let slideTitle = Self(text: "Title of the first slide", fillIn: "the slide's title")
    public static let slideContent = Self(text: "The content of the first slide.", fillIn: "the slide's text")
    public static let questionsIntroduction = Self(text: "An introduction to the questions.", fillIn: "the introduction from the source, or delete the line")
    public static let firstQuestion = Self(text: "The first question?", fillIn: "a question from the source")
    public static let answer = Self(text: "The answer.", fillIn: "the answer from the source")
    public static let articleBody = Self(text: "The text of the article.", fillIn: "the article's text")
    public static let responseBody = Self(text: "The recommendations, as NAPS sent them.", fillIn: "the text of the response as sent")
    public static let decisionBody = Self(text: "The decision, as the Postal Service sent it.", fillIn: "the text of the decision as sent")

    /// Every placeholder a front-matter value may hold.
    public static let fieldValues: [Self] = [senderName, senderTitle, addresseeName, contactName, grade, circumstances]
        + DocumentKind.allCases.map(summary)
    /// Every placeholder a body line may hold.
    public static let bodyLines: [Self] = [
        letterBody, purpose, firstDuty, slideTitle, slideContent, questionsIntroduction, firstQuestion, answer, articleBody,
        responseBody, decisionBody,
    ]

    static let byFieldValue = Dictionary(fieldValues.map { ($0.text, $0) }, uniquingKeysWith: { first, _ in first })
    static let byBodyLine = Dictionary(bodyLines.map { ($0.text, $0) }, uniquingKeysWith: { first, _ in first })
    /// Lines longer than this, in bytes with their markers, hold no placeholder; most paragraphs are skipped by length alone.
    static let longestBodyLine = bodyLines.map(\.text.utf8.count).max()! + 16

    /// The placeholder `line` of a body holds, once its heading or list marker and spaces are taken off.
    static func placeholder(inBodyLine line: Substring) -> Self? {
        guard line.utf8.count <= longestBodyLine else { return nil }
        var text = line.drop { $0 == " " || $0 == "\t" || $0 == "#" || $0 == "-" || $0 == "*" || $0 == ">" }
        if let dot = text.firstIndex(of: "."), dot > text.startIndex, text[..<dot].allSatisfy(\.isASCII), text[..<dot].allSatisfy(\.isNumber) {
            text = text[text.index(after: dot)...]
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return byBodyLine[trimmed]
    }

    /// Whether any line of `body` holds a placeholder; kept in ``BodyFacts`` so an unread body need not be read.
    ///
    /// Lines found with memchr, and only short ones made into text: every changed body is scanned on load.
    static func bodyMayHoldPlaceholder(_ body: String) -> Bool {
        var body = body
        return body.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                let end = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: start) ?? bytes.count
                if end - start <= longestBodyLine, end > start,
                   placeholder(inBodyLine: Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) != nil {
                    return true
                }
                start = end + 1
            }
            return false
        }
    }
}
