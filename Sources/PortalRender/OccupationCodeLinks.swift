import Foundation
import PortalBytes
import PortalCodeRecognizer
import PortalContent
import PortalMarkdown

/// Turns occupation codes in every body into links to their code pages, and records where each one stands.
///
/// ``SiteModel`` asks for a linker per document before parsing it, then hands
/// over the parsed Markdown; ``record(_:of:log:)`` works out each mention's place,
/// context and anchor line, and checks the title and grade written beside it
/// against the catalog. It keeps no state, so bodies may be parsed in parallel
/// and one document's results can be kept between builds.
package final class OccupationCodeLinks: Sendable {
    package let catalog: OccupationCatalog

    /// What recording one document's mentions yields.
    package struct Recorded {
        /// Body lines of the places to anchor.
        package var anchoring: Set<Int>
        package var mentions: [CodeMention]
        /// Unknown codes, and titles or grades that disagree with the catalog.
        package var warnings: [Diagnostic]
    }

    /// The codes a linker saw in one document, with the line of the block around each.
    package final class MentionLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(code: String, line: Int)] = []

        package init() {}

        package func append(_ code: String, line: Int) {
            lock.withLock { entries.append((code, line)) }
        }

        package var all: [(code: String, line: Int)] { lock.withLock { entries } }
    }

    package init(catalog: OccupationCatalog) {
        self.catalog = catalog
    }

    /// The path of a code's page, relative to the site root.
    package static func pagePath(_ code: String) -> String { "codes/\(code).html" }

    /// A linker that links every code in `document` to its page, relative to the document's page, noting each in `log`.
    package func linker(for document: ContentDocument, log: MentionLog) -> TextLinker {
        let page = document.outputPath
        return TextLinker { text, line in
            let found = OccupationCodeRecognizer.mentions(in: text)
            guard !found.isEmpty else { return nil }
            let chars = Array(text)
            var runs: [TextRun] = []
            var position = 0
            for mention in found {
                log.append(mention.code, line: line)
                if mention.range.lowerBound > position {
                    runs.append(.text(String(chars[position..<mention.range.lowerBound])))
                }
                runs.append(.link(text: mention.code, url: SitePath.link(from: page, to: Self.pagePath(mention.code))))
                position = mention.range.upperBound
            }
            if position < chars.count { runs.append(.text(String(chars[position...]))) }
            return runs
        }
    }

    /// The mentions `log` noted while `document`'s body was parsed into `markdown`, placed and checked.
    package func record(_ markdown: MarkdownDocument, of document: ContentDocument, log: MentionLog) -> Recorded {
        let logged = log.all
        guard !logged.isEmpty else { return Recorded(anchoring: [], mentions: [], warnings: []) }
        let sourceLines = LineBreaks.lines(document.body)
        var found: [CodeMention] = []
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for (code, line) in logged {
            let place = Self.place(of: code, line: line, in: markdown)
            guard seen.insert("\(code) \(place.line)").inserted else { continue }
            let (fileLine, column) = Self.locate(code, from: place.line, in: sourceLines, offset: document.bodyLineOffset)
            found.append(CodeMention(
                code: code, documentPath: document.path, placeLine: place.line,
                context: place.context, fileLine: fileLine, column: column))
            let source = fileLine - document.bodyLineOffset - 1
            let sourceLine = source >= 0 && source < sourceLines.count ? String(sourceLines[source]) : nil
            func warn(_ message: String) {
                problems.append(Diagnostic(.warning, path: document.displayPath, line: fileLine, column: column, message: message, sourceLine: sourceLine))
            }
            guard let entry = catalog[code] else {
                warn("occupation code \(code) has no description on file; add positions/\(code)-current.md or positions/\(code)-proposed.md, or correct the code")
                continue
            }
            let root = document.displayPath.dropLast(document.path.count)
            let described = entry.versions.map { "\(root)\($0.path)" }.joined(separator: " and ")
            for written in place.written where written.code == code {
                if let grade = written.grade, !entry.versions.contains(where: { $0.grade == grade }) {
                    // The fix before the paths: a message is cut at Diagnostic.maximumLength, and the paths can be long.
                    warn("grade \(grade) is written next to \(code), but its position description gives grade \(entry.grade); correct one of them (\(described))")
                }
                if let title = written.title, !entry.versions.contains(where: { PositionTitleMatcher.sameTitle(title, $0.title) }) {
                    warn("'\(title)' is written next to \(code), but its position description is titled '\(entry.title)'; correct one of them (\(described))")
                }
            }
        }
        return Recorded(anchoring: Set(found.map(\.placeLine)), mentions: found, warnings: problems)
    }

    // MARK: Places

    package struct Place {
        package var line: Int
        package var context: String
        /// The codes written in the place, with the titles and grades beside them.
        package var written: [OccupationCodeRecognizer.Mention]
    }

    /// The list item, table row or block that holds a mention logged at `line`.
    package static func place(of code: String, line: Int, in markdown: MarkdownDocument) -> Place {
        let blocks = markdown.blocks.filter { Self.text($0.text, holds: code) }
        let block = blocks.last { $0.line <= line && $0.kind != .footnotes } ?? blocks.first { $0.kind == .footnotes } ?? blocks.first
        guard let block else {
            return Place(line: line, context: code, written: [])
        }
        let parts = block.parts.enumerated().filter { Self.text($0.element.text, holds: code) }
        if let (index, part) = parts.last(where: { $0.element.line <= line }) ?? parts.first {
            if block.kind == .table {
                let header = index > 0 ? block.parts[0].cells : []
                return Place(line: part.line, context: part.text,
                             written: OccupationCodeRecognizer.mentions(inRow: part.cells, header: header))
            }
            return Place(line: part.line, context: sentence(around: code, in: part.text),
                         written: OccupationCodeRecognizer.mentions(in: part.text))
        }
        return Place(line: block.line, context: sentence(around: code, in: block.text),
                     written: OccupationCodeRecognizer.mentions(in: block.text))
    }

    /// Whether `text` holds the bytes of `code`.
    ///
    /// Foundation's `contains` compares by canonical equivalence through
    /// NSString, for every mention of every body; a code is ASCII digits and a hyphen, which no other character
    /// decomposes into, so comparing bytes finds the same places.
    package static func text(_ text: String, holds code: String) -> Bool {
        var text = text, code = code
        return text.withUTF8 { haystack in
            code.withUTF8 { needle in
                guard !needle.isEmpty else { return true }
                guard haystack.count >= needle.count else { return false }
                let first = needle[0]
                // Glibc's module map hides memmem (it needs _GNU_SOURCE); codes are short, so a first-byte scan does.
                for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                    if memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
                }
                return false
            }
        }
    }

    /// The sentence of `text` that holds `code`, on one line, at most about 300 characters.
    package static func sentence(around code: String, in text: String) -> String {
        // Line breaks read as spaces; by bytes where the text allows, without NSString.
        let chars = ASCIIText.characters(of: text)?.map { $0 == "\n" ? " " : $0 }
            ?? Array(text.replacingOccurrences(of: "\n", with: " "))
        let codeChars = Array(code)
        guard let at = chars.indices.first(where: { chars[$0...].starts(with: codeChars) }) else { return text }
        func endsSentence(_ i: Int) -> Bool {
            guard ".?!".contains(chars[i]), i + 1 == chars.count || chars[i + 1] == " " else { return false }
            // "U.S." and "Mr." end abbreviations, not sentences.
            var start = i
            while start > 0, chars[start - 1] != " " { start -= 1 }
            let word = chars[start..<i]
            let letters = word.filter(\.isLetter)
            let isAbbreviation = !word.isEmpty && word.allSatisfy { $0.isLetter || $0 == "." }
                && (word.contains(".") || letters.count <= 2 && letters.first?.isUppercase == true)
            return !isAbbreviation
        }
        var start = at
        while start > 0, !endsSentence(start - 1) { start -= 1 }
        let end = (at + codeChars.count..<chars.count).first(where: endsSentence).map { $0 + 1 } ?? chars.count
        var sentence = String(chars[start..<end]).trimmingCharacters(in: .whitespaces)
        if sentence.count > 300 {
            let offset = at - start
            let lower = max(0, offset - 140)
            let slice = Array(sentence)
            let upper = min(slice.count, offset + codeChars.count + 140)
            sentence = (lower > 0 ? "…" : "") + String(slice[lower..<upper]) + (upper < slice.count ? "…" : "")
        }
        return sentence
    }

    /// The file line and column of `code` at or after body line `line`.
    package static func locate(_ code: String, from line: Int, in sourceLines: [Substring], offset: Int) -> (Int, Int) {
        for index in max(0, line - 1)..<sourceLines.count {
            if let range = sourceLines[index].range(of: code) {
                return (index + 1 + offset, sourceLines[index].distance(from: sourceLines[index].startIndex, to: range.lowerBound) + 1)
            }
        }
        return (line + offset, 1)
    }
}
