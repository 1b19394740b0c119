import PortalMarkdown

/// Gives an id to each paragraph, list item, table row or heading that mentions an occupation code.
///
/// "Referenced in" lists on code pages link to these ids. The HTML comes from
/// cmark-gfm in safe mode, where every `<` in text is escaped, so the only
/// tags in it are cmark's own and counting them is exact.
package struct MentionAnchors {
    /// Body lines of the places to anchor: a list item's or table row's line, or a block's first line.
    package let lines: Set<Int>
    /// Added to a body line to get the file line the id names.
    package let lineOffset: Int
    /// The id given to each anchored place, by body line.
    package private(set) var ids: [Int: String] = [:]

    package init(lines: Set<Int>, lineOffset: Int) {
        self.lines = lines
        self.lineOffset = lineOffset
    }

    /// The id for a place: `line-37` names line 37 of the source file.
    package func id(forLine line: Int) -> String {
        "line-\(line + lineOffset)"
    }

    /// Records a heading's own id when the heading mentions a code.
    package mutating func heading(_ block: MarkdownBlock, id: String) {
        if lines.contains(block.line) { ids[block.line] = id }
    }

    /// The block's HTML with ids on the mentioning places; unchanged when it mentions none.
    package mutating func html(for block: MarkdownBlock) -> String {
        guard !lines.isEmpty else { return block.html }
        switch block.kind {
        case .table, .other: break
        case .heading, .code, .footnotes: return block.html
        }
        var html = block.html
        if block.parts.isEmpty || lines.contains(block.line) && !block.parts.contains(where: { $0.line == block.line }) {
            if lines.contains(block.line), let index = html.firstIndex(of: "<") {
                html = insertID(id(forLine: block.line), into: html, atTagStart: index)
                ids[block.line] = id(forLine: block.line)
            }
            return html
        }
        let wanted = block.parts.enumerated().filter { lines.contains($0.element.line) }
        guard !wanted.isEmpty else { return html }
        let tag = block.kind == .table ? "tr" : "li"
        // Insert from the last place back, so earlier tag positions stay valid.
        let starts = topLevelTagStarts(tag, in: html)
        for (index, part) in wanted.reversed() where index < starts.count {
            html = insertID(id(forLine: part.line), into: html, atTagStart: starts[index])
            ids[part.line] = id(forLine: part.line)
        }
        return html
    }

    private func insertID(_ id: String, into html: String, atTagStart start: String.Index) -> String {
        var nameEnd = html.index(after: start)
        while nameEnd < html.endIndex, html[nameEnd].isLetter || html[nameEnd].isNumber { nameEnd = html.index(after: nameEnd) }
        var result = html
        result.insert(contentsOf: " id=\"\(id)\"", at: nameEnd)
        return result
    }

    /// Where each `<tr` or outermost-list `<li` tag starts, in order.
    ///
    /// By UTF-8 bytes: tags are ASCII, and stepping through a whole list's HTML by `Character` would
    /// break graphemes over all of it. (A `Character` test also missed an item whose text starts with
    /// a combining mark, which joins the tag's `>` into one character.)
    private func topLevelTagStarts(_ tag: String, in html: String) -> [String.Index] {
        let utf8 = html.utf8
        let tagBytes = Array(tag.utf8)
        var starts: [String.Index] = []
        var depth = 0
        var index = utf8.startIndex
        while let open = utf8[index...].firstIndex(of: UInt8(ascii: "<")) {
            let rest = utf8[utf8.index(after: open)...]
            if rest.starts(with: "ol".utf8) || rest.starts(with: "ul".utf8) {
                depth += 1
            } else if rest.starts(with: "/ol".utf8) || rest.starts(with: "/ul".utf8) {
                depth -= 1
            } else if rest.starts(with: tagBytes), let after = rest.dropFirst(tagBytes.count).first,
                after == UInt8(ascii: ">") || after == UInt8(ascii: " ") {
                if tag == "tr" || depth == 1 { starts.append(open) }
            }
            index = utf8.index(after: open)
        }
        return starts
    }
}
