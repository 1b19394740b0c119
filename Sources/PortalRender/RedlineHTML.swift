import PortalRedline
import StaffingModel

/// Writes a ``PositionRedline`` as HTML: the inline redline and the side-by-side table.
///
/// Every deletion is a `<del>` and every insertion an `<ins>`, each starting
/// with visually hidden "deleted:" or "inserted:" text, so screen readers say
/// what changed; the struck and underlined styles carry it on a greyscale
/// printout. Item numbers stand apart from the text, so a renumbered item
/// reads "renumbered from 4." instead of a struck number.
package enum RedlineHTML {
    /// The inline redline: one section per heading, one entry per paragraph or item.
    package static func inline(_ redline: PositionRedline) -> String {
        var html = ""
        var slugger = Slugger()
        for section in redline.sections {
            let id = "redline-" + slugger.unique(section.title.isEmpty ? "introduction" : section.title)
            html += "<section class=\"redline-section redline-\(section.change.rawValue)\" aria-labelledby=\"\(id)\">\n"
            html += "<h3 id=\"\(id)\">\(HTML.escape(title(section)))\(sectionNote(section.change))</h3>\n"
            html += "<ul class=\"redline-rows\">\n"
            for row in section.rows {
                html += "<li class=\"redline-row redline-\(row.change.rawValue)\">"
                html += number(row) + note(row)
                html += "<div class=\"redline-text\">\(text(row.segments, sides: [.equal, .deleted, .inserted]))</div></li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        return html
    }

    /// The two versions in two columns, aligned row by row; the old side marks deletions, the new side insertions.
    package static func sideBySide(_ redline: PositionRedline, oldLabel: String, newLabel: String) -> String {
        var html = "<div class=\"table-wrap redline-side-by-side\" tabindex=\"0\">\n<table>\n"
        html += "<caption>\(HTML.escape(oldLabel)) beside \(HTML.escape(newLabel)), aligned section by section and item by item</caption>\n"
        html += "<thead><tr><th scope=\"col\">\(HTML.escape(oldLabel))</th><th scope=\"col\">\(HTML.escape(newLabel))</th></tr></thead>\n"
        for section in redline.sections {
            html += "<tbody>\n<tr class=\"redline-heading\"><th scope=\"colgroup\" colspan=\"2\">\(HTML.escape(title(section)))\(sectionNote(section.change))</th></tr>\n"
            for row in section.rows {
                html += "<tr class=\"redline-\(row.change.rawValue)\">"
                html += cell(row.old, row.segments, side: .deleted, note: row.change == .moved ? "Moved from here." : nil)
                html += cell(row.new, row.segments, side: .inserted, note: nil)
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n</div>\n"
    }

    /// How many rows of each kind changed, for the page's summary line.
    package static func counts(_ redline: PositionRedline) -> [(label: String, count: Int)] {
        let rows = redline.sections.flatMap(\.rows)
        let entries: [(String, Int)] = [
            ("changed", rows.filter { $0.change == .changed }.count),
            ("moved", rows.filter { $0.change == .moved }.count),
            ("deleted", rows.filter { $0.change == .deleted }.count),
            ("inserted", rows.filter { $0.change == .inserted }.count),
            ("renumbered only", rows.filter { $0.change == .unchanged && $0.isRenumbered }.count),
            ("unchanged", rows.filter { $0.change == .unchanged && !$0.isRenumbered }.count),
        ]
        return entries.filter { $0.1 > 0 }
    }

    // MARK: Pieces

    private enum Side { case equal, deleted, inserted }

    private static func title(_ section: PositionRedline.SectionDiff) -> String {
        section.title.isEmpty ? "Introduction" : section.title
    }

    private static func sectionNote(_ change: PositionRedline.Change) -> String {
        switch change {
        case .deleted: " <span class=\"redline-note\">(section deleted)</span>"
        case .inserted: " <span class=\"redline-note\">(new section)</span>"
        case .moved: " <span class=\"redline-note\">(section moved)</span>"
        case .changed: " <span class=\"redline-note\">(changed)</span>"
        case .unchanged: " <span class=\"redline-note\">(unchanged)</span>"
        }
    }

    private static func number(_ row: PositionRedline.Row) -> String {
        if let number = row.new?.number {
            return "<span class=\"redline-number\">\(number).</span> "
        }
        if let number = row.old?.number {
            return "<span class=\"redline-number\"><del><span class=\"visually-hidden\">deleted: </span>\(number).</del></span> "
        }
        return ""
    }

    private static func note(_ row: PositionRedline.Row) -> String {
        let text: String?
        switch row.change {
        case .moved: text = row.old?.number.map { "Moved from item \($0)." } ?? "Moved."
        case .deleted: text = "Deleted."
        case .inserted: text = "Inserted."
        case .changed: text = row.isRenumbered ? "Changed; was item \(row.old!.number!)." : "Changed."
        case .unchanged: text = row.isRenumbered ? "Renumbered from item \(row.old!.number!); text unchanged." : nil
        }
        return text.map { "<span class=\"redline-note\">\($0)</span> " } ?? ""
    }

    private static func cell(_ unit: PositionRedline.Unit?, _ segments: [WordDiff.Segment], side: Side, note: String?) -> String {
        guard let unit else {
            return "<td class=\"redline-empty\"><span class=\"visually-hidden\">Not in this version.</span></td>"
        }
        let number = unit.number.map { "<span class=\"redline-number\">\($0).</span> " } ?? ""
        let noteHTML = note.map { "<span class=\"redline-note\">\($0)</span> " } ?? ""
        return "<td>\(number)\(noteHTML)\(text(segments, sides: [.equal, side]))</td>"
    }

    /// The segments as HTML, keeping the sides asked for: equal text plain, deletions in `<del>`, insertions in `<ins>`.
    private static func text(_ segments: [WordDiff.Segment], sides: Set<Side>) -> String {
        var writer = Writer()
        let deletions = sides.contains(.deleted), insertions = sides.contains(.inserted)
        for segment in segments {
            switch segment {
            case .equal(let tokens):
                writer.plain(tokens)
            case .change(let deleted, let inserted):
                if deletions { writer.marked(deleted, tag: .deletion) }
                if insertions { writer.marked(inserted, tag: .insertion) }
            }
        }
        return String(decoding: writer.out, as: UTF8.self)
    }

    /// Joins tokens back into text with their spaces, escaping each one.
    ///
    /// Into bytes: a redline page is hundreds of thousands of tokens, and appending each to a `String`
    /// would check and grow the string for every one.
    private struct Writer {
        package enum Mark {
            case deletion, insertion

            var open: [UInt8] { self == .deletion ? Writer.deletionOpen : Writer.insertionOpen }
            package var close: [UInt8] { self == .deletion ? Writer.deletionClose : Writer.insertionClose }
        }

        private static let deletionOpen = Array("<del><span class=\"visually-hidden\">deleted: </span>".utf8)
        private static let insertionOpen = Array("<ins><span class=\"visually-hidden\">inserted: </span>".utf8)
        private static let deletionClose = Array("</del>".utf8)
        private static let insertionClose = Array("</ins>".utf8)
        private static let lineBreak = Array("<br>".utf8)

        package var out: [UInt8] = []
        private var atLineStart = true
        private var afterDeletion = false

        private mutating func append(_ token: WordDiff.Token, allowSpace: Bool) {
            afterDeletion = false
            if token.text == "\n" {
                out += Self.lineBreak
                atLineStart = true
                return
            }
            if allowSpace && token.spaceBefore && !atLineStart { out.append(UInt8(ascii: " ")) }
            HTML.appendEscaped(token.text, to: &out)
            atLineStart = false
        }

        package mutating func plain(_ tokens: [WordDiff.Token]) {
            for token in tokens { append(token, allowSpace: true) }
        }

        package mutating func marked(_ tokens: [WordDiff.Token], tag: Mark) {
            guard let first = tokens.first else { return }
            // The space before a change stays outside the mark; a deletion and an insertion side by side get one between them.
            if !atLineStart && (first.spaceBefore || afterDeletion) { out.append(UInt8(ascii: " ")) }
            out += tag.open
            for (index, token) in tokens.enumerated() { append(token, allowSpace: index > 0) }
            out += tag.close
            afterDeletion = tag == .deletion
        }
    }
}
