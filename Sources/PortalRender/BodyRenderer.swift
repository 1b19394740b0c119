import Foundation
import Mustache
import PortalBytes
import PortalContent
import PortalMarkdown

/// Turns a document's Markdown blocks into a ``RenderedBody``.
package struct BodyRenderer: Sendable {
    /// Renders a fenced block whose info string names a generator, e.g. `staffing bands`;
    /// returns nil for ordinary code blocks. Throws a message for a bad block.
    package typealias FencedBlockRenderer = @Sendable (_ info: String, _ literal: String, _ page: String) throws(FencedBlockError) -> (html: String, text: String)?

    package struct FencedBlockError: Error {
        package var message: String
        /// 1-based column within the info line, when known.
        package var column: Int?
    }

    package let renderFencedBlock: FencedBlockRenderer

    package init(renderFencedBlock: @escaping FencedBlockRenderer) {
        self.renderFencedBlock = renderFencedBlock
    }

    /// - Parameter anchoring: body lines of the places that mention an occupation code; each gets an id.
    package func render(_ markdown: MarkdownDocument, of document: ContentDocument, anchoring: Set<Int> = []) throws(Diagnostics) -> RenderedBody {
        var slugger = Slugger()
        var anchors = MentionAnchors(lines: anchoring, lineOffset: document.bodyLineOffset)
        var body = RenderedBody(intro: "", introText: "", sections: [])
        var diagnostics: [Diagnostic] = []
        var introBlocks: [(html: String, text: String)] = []
        var previousText = ""
        for block in markdown.blocks {
            var html = anchors.html(for: block)
            var text = block.text
            defer { previousText = block.text }
            switch block.kind {
            case .heading(let level) where level == 2:
                let id = slugger.unique(block.text)
                anchors.heading(block, id: id)
                body.sections.append(.init(id: id, title: block.text, titleHTML: block.html, html: "", text: ""))
                continue
            case .heading(let level):
                let id = slugger.unique(block.text)
                anchors.heading(block, id: id)
                html = "<h\(level) id=\"\(id)\">\(block.html)</h\(level)>\n"
            case .code(let info, let literal):
                do {
                    if let generated = try renderFencedBlock(info, literal, document.outputPath) {
                        // The table's words are searched like the rest of the body.
                        html = generated.html
                        text = generated.text
                        body.generatedBlocks.append(info)
                    }
                } catch {
                    let line = block.line + document.bodyLineOffset
                    let source = LineBreaks.lines(document.body)
                    diagnostics.append(Diagnostic(
                        path: document.displayPath, line: line, column: block.column + 3 + (error.column ?? 1) - 1,
                        message: error.message,
                        sourceLine: block.line <= source.count ? String(source[block.line - 1]) : nil))
                    continue
                }
            case .table:
                html = "<div class=\"table-wrap\" tabindex=\"0\">\n" + TableCaption.scopingHeaders(html) + "</div>\n"
                html = TableCaption.add(to: html, leadIn: previousText)
            case .footnotes, .other:
                break
            }
            if body.sections.isEmpty {
                introBlocks.append((html, text))
                body.intro += html
                body.introText += body.introText.isEmpty ? text : " " + text
            } else {
                body.sections[body.sections.count - 1].html += html
                let last = body.sections[body.sections.count - 1].text
                body.sections[body.sections.count - 1].text = last.isEmpty ? text : last + " " + text
            }
        }
        if !diagnostics.isEmpty { throw Diagnostics(diagnostics) }
        body.anchors = anchors.ids
        if document.kind == .letter { body.groupIntoPassages(introBlocks, slugger: &slugger) }
        return body
    }
}
