import CCmarkGFM
import Foundation

/// Parses GitHub-flavoured Markdown with cmark-gfm and renders it to safe HTML.
///
/// This is the only type in the portal that calls cmark-gfm. Parsing runs in
/// safe mode with the table, strikethrough, autolink, tasklist and footnote
/// extensions. cmark-gfm 0.29's `cmark_parser_finish` writes process-global
/// tables for the strikethrough and autolink extensions, so two parses that
/// finish at once silently drop markup; every parse therefore holds one
/// process-wide lock. Rendering and tree walks work on separate trees and run
/// outside the lock, so callers may call `parse` from many threads.
public struct MarkdownParser: Sendable {
    /// The GFM extensions every parse attaches.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    private let linker: TextLinker?
    private let linkRewriter: LinkRewriter?

    public init(linker: TextLinker? = nil, linkRewriter: LinkRewriter? = nil) {
        self.linker = linker
        self.linkRewriter = linkRewriter
    }

    /// Parses `source` and renders each top-level block.
    public func parse(_ source: String) -> MarkdownDocument {
        CMark.shared.withParsedTree(source) { root, extensions in
            // Authors' links first, so that links the linker adds are never rewritten.
            if let linkRewriter {
                CMark.rewriteLinks(in: root, with: linkRewriter)
            }
            if let linker {
                CMark.linkText(in: root, with: linker)
            }
            // Raw HTML is looked for before the filter unwraps links, so every node is still where it was written.
            let rawHTML = CMark.rawHTML(in: root)
            let notices = (UnsafeURLFilter.neutralize(in: root) + rawHTML).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            return MarkdownDocument(blocks: CMark.blocks(of: root, extensions: extensions), notices: notices)
        }
    }

    /// Renders `source` to one HTML string.
    public func renderHTML(_ source: String) -> String {
        parse(source).html
    }
}

/// Holds the process-wide cmark-gfm state and every C call.
private final class CMark: Sendable {
    static let shared = CMark()

    /// Serializes parsing: see ``MarkdownParser``.
    private let parseLock = NSLock()
    private let options: Int32 = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES

    private init() {
        // Not thread-safe, so it runs once, inside the static initializer's once-guard.
        cmark_gfm_core_extensions_ensure_registered()
    }

    func withParsedTree<R>(
        _ source: String, _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> R
    ) -> R {
        let parser = cmark_parser_new(options)!
        defer { cmark_parser_free(parser) }
        for name in MarkdownParser.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        let root: OpaquePointer = parseLock.withLock {
            var text = source
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return cmark_parser_finish(parser)!
        }
        defer { cmark_node_free(root) }
        return body(root, cmark_parser_get_syntax_extensions(parser))
    }

    // MARK: - Blocks

    static func blocks(of root: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var footnotes: [OpaquePointer] = []
        var node = cmark_node_first_child(root)
        while let current = node {
            node = cmark_node_next(current)
            let type = cmark_node_get_type(current)
            let line = Int(cmark_node_get_start_line(current))
            let column = Int(cmark_node_get_start_column(current))
            if type == CMARK_NODE_FOOTNOTE_DEFINITION {
                footnotes.append(current)
                continue
            }
            let kind: MarkdownBlock.Kind
            var html = render(current, extensions: extensions)
            switch type {
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(current))
                kind = .heading(level: level)
                html = innerHTML(html, tag: "h\(level)")
            case CMARK_NODE_CODE_BLOCK:
                kind = .code(
                    info: string(cmark_node_get_fence_info(current)),
                    literal: string(cmark_node_get_literal(current)))
            default:
                kind = typeString(current) == "table" ? .table : .other
            }
            blocks.append(MarkdownBlock(
                kind: kind, html: html, text: plainText(current), line: line, column: column, parts: parts(of: current)))
        }
        if let first = footnotes.first {
            // Rendered one by one, each definition would open its own list; a
            // scratch document keeps them in one numbered section.
            let scratch = cmark_node_new(CMARK_NODE_DOCUMENT)!
            defer { cmark_node_free(scratch) }
            let text = footnotes.map { plainText($0) }.joined(separator: " ")
            for definition in footnotes {
                cmark_node_unlink(definition)
                cmark_node_append_child(scratch, definition)
            }
            blocks.append(MarkdownBlock(
                kind: .footnotes, html: render(scratch, extensions: extensions), text: text,
                line: Int(cmark_node_get_start_line(first)), column: Int(cmark_node_get_start_column(first))))
        }
        return blocks
    }

    private static func render(_ node: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let cString = cmark_render_html(node, CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES, extensions) else {
            return ""
        }
        defer { free(cString) }
        return String(cString: cString)
    }

    private static func innerHTML(_ html: String, tag: String) -> String {
        var inner = Substring(html)
        if inner.hasPrefix("<\(tag)>") { inner = inner.dropFirst(tag.count + 2) }
        while inner.last == "\n" { inner = inner.dropLast() }
        if inner.hasSuffix("</\(tag)>") { inner = inner.dropLast(tag.count + 3) }
        return String(inner)
    }

    private static func typeString(_ node: OpaquePointer) -> String {
        string(cmark_node_get_type_string(node))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    // MARK: - Text

    /// Block and inline types share the "present" bit, so the mask is compared, not tested.
    private static func isBlockType(_ type: cmark_node_type) -> Bool {
        type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK)
    }

    /// A list's items or a table's rows, each with its line and text; empty for other blocks.
    static func parts(of node: OpaquePointer) -> [MarkdownBlock.Part] {
        var parts: [MarkdownBlock.Part] = []
        let isList = cmark_node_get_type(node) == CMARK_NODE_LIST
        guard isList || typeString(node) == "table" else { return parts }
        let ordered = isList && cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        var number = Int(cmark_node_get_list_start(node))
        var child = cmark_node_first_child(node)
        while let current = child {
            child = cmark_node_next(current)
            let line = Int(cmark_node_get_start_line(current))
            if isList {
                parts.append(.init(line: line, text: plainText(current, lineBreak: "\n"), number: ordered ? number : nil))
                number += 1
            } else {
                var cells: [String] = []
                var cell = cmark_node_first_child(current)
                while let node = cell {
                    cells.append(plainText(node))
                    cell = cmark_node_next(node)
                }
                parts.append(.init(line: line, text: cells.joined(separator: " | "), cells: cells))
            }
        }
        return parts
    }

    /// The text of a subtree: literals joined, breaks as spaces, cells and blocks separated.
    static func plainText(_ node: OpaquePointer) -> String {
        plainText(node, lineBreak: " ")
    }

    /// The text of a subtree, with hard line breaks written as `lineBreak`.
    static func plainText(_ node: OpaquePointer, lineBreak: String) -> String {
        var out = ""
        let iterator = cmark_iter_new(node)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    out += string(cmark_node_get_literal(current))
                case CMARK_NODE_SOFTBREAK:
                    out += " "
                case CMARK_NODE_LINEBREAK:
                    out += lineBreak
                default:
                    break
                }
            } else if event == CMARK_EVENT_EXIT {
                let isBlock = isBlockType(type)
                if isBlock || typeString(current) == "table_cell" {
                    if let last = out.last, last != " " && last != "\n" { out += " " }
                }
            }
        }
        return trimmed(out)
    }

    /// `text` without leading and trailing white space and newlines, as `trimmingCharacters(in:)`
    /// gives it; that one bridges every text through NSString.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let blank = CharacterSet.whitespacesAndNewlines
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }) else { return "" }
        let last = scalars.lastIndex { !blank.contains($0) }!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    // MARK: - Notices

    /// Every raw HTML block and inline under `root`, which safe mode omits from the page.
    static func rawHTML(in root: OpaquePointer) -> [MarkdownNotice] {
        var notices: [MarkdownNotice] = []
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        var block = LinkLocation(line: 1, column: 1)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            if isBlockType(type), line > 0 { block = LinkLocation(line: line, column: max(column, 1)) }
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
            // Inline positions are not always set; the block's position is the next best.
            let place = line > 0 && column > 0 ? LinkLocation(line: line, column: column) : block
            notices.append(MarkdownNotice(kind: .rawHTML(string(cmark_node_get_literal(node))), line: place.line, column: place.column))
        }
        return notices
    }

    // MARK: - Linking

    /// Passes every link's destination to the rewriter and sets the one it returns.
    static func rewriteLinks(in root: OpaquePointer, with rewriter: LinkRewriter) {
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        var block = LinkLocation(line: 1, column: 1)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node))
            let column = Int(cmark_node_get_start_column(node))
            if isBlockType(type) {
                if line > 0 { block = LinkLocation(line: line, column: max(column, 1)) }
            } else if type == CMARK_NODE_LINK {
                // Inline positions are not always set; the block's position is the next best.
                let location = line > 0 && column > 0 ? LinkLocation(line: line, column: column) : block
                // Changing a node's URL leaves the tree's shape, and so the iterator, intact.
                if let url = rewriter.rewrite(string(cmark_node_get_url(node)), location) {
                    cmark_node_set_url(node, url)
                }
            }
        }
    }

    /// Replaces text nodes the linker recognizes with text and link nodes.
    ///
    /// Text inside links and images is left alone, and code spans are separate
    /// node types, so neither ever gets a link.
    static func linkText(in root: OpaquePointer, with linker: TextLinker) {
        var targets: [(node: OpaquePointer, line: Int, inTable: Bool)] = []
        let iterator = cmark_iter_new(root)!
        var insideLink = 0
        var insideTable = 0
        var blockLine = 1
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                insideLink += event == CMARK_EVENT_ENTER ? 1 : -1
            } else if isBlockType(type), typeString(node) == "table" {
                insideTable += event == CMARK_EVENT_ENTER ? 1 : -1
                if event == CMARK_EVENT_ENTER {
                    let line = Int(cmark_node_get_start_line(node))
                    if line > 0 { blockLine = line }
                }
            } else if event == CMARK_EVENT_ENTER, isBlockType(type) {
                let line = Int(cmark_node_get_start_line(node))
                if line > 0 { blockLine = line }
            } else if event == CMARK_EVENT_ENTER, type == CMARK_NODE_TEXT, insideLink == 0 {
                targets.append((node, blockLine, insideTable > 0))
            }
        }
        cmark_iter_free(iterator)
        // The tree changes only after the walk, which keeps the iterator valid.
        for (node, line, inTable) in targets {
            let literal = string(cmark_node_get_literal(node))
            guard let runs = (inTable ? linker.linkInTable ?? linker.link : linker.link)(literal, line) else { continue }
            for run in runs {
                switch run {
                case .text(let text):
                    let textNode = cmark_node_new(CMARK_NODE_TEXT)!
                    cmark_node_set_literal(textNode, text)
                    cmark_node_insert_before(node, textNode)
                case .link(let text, let url):
                    let link = cmark_node_new(CMARK_NODE_LINK)!
                    cmark_node_set_url(link, url)
                    let label = cmark_node_new(CMARK_NODE_TEXT)!
                    cmark_node_set_literal(label, text)
                    cmark_node_append_child(link, label)
                    cmark_node_insert_before(node, link)
                case .abbreviation(let text, let title):
                    // A custom inline renders its enter and exit text as they are, so the title is escaped here.
                    let abbreviation = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                    cmark_node_set_on_enter(abbreviation, "<abbr title=\"\(escapedAttribute(title))\">")
                    cmark_node_set_on_exit(abbreviation, "</abbr>")
                    let label = cmark_node_new(CMARK_NODE_TEXT)!
                    cmark_node_set_literal(label, text)
                    cmark_node_append_child(abbreviation, label)
                    // A GFM table cell may hold no custom inline (``TextLinker/linkInTable`` keeps them out);
                    // should one reach it, the word stays as plain text.
                    if cmark_node_insert_before(node, abbreviation) == 0 {
                        cmark_node_free(abbreviation)
                        let textNode = cmark_node_new(CMARK_NODE_TEXT)!
                        cmark_node_set_literal(textNode, text)
                        cmark_node_insert_before(node, textNode)
                    }
                }
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// `text` safe inside a double-quoted HTML attribute.
    static func escapedAttribute(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
