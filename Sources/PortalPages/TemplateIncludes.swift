import Mustache
import PortalContent
import PortalRender

/// The includes (`{{> name}}`) between a theme's templates, checked before any page is rendered.
///
/// Rendering would give no text for an include of a template that does not
/// exist, and would recurse until the stack overflows for a template that
/// includes itself, directly or through others. Every include must name a
/// template of the theme, and the includes must form no cycle. Parent templates
/// (`{{< name}}`) and dynamic names (`{{>*name}}`) are refused: their targets
/// or what they expand depend on the values rendered, so neither check could
/// prove them safe.
package struct TemplateIncludes {
    /// One parsed template of the theme.
    package struct Template {
        /// How its file appears in diagnostics: `Theme/templates/layout.mustache`.
        package var display: String
        /// The text as the author wrote it.
        package var text: String
        /// Its partial tags.
        package var tags: [MustachePartialTag]
        /// Where ``text`` starts in what was parsed, in UTF-8 bytes: the tags' offsets count the
        /// content-type pragma put before it.
        package var textStart: Int
    }

    /// The templates by name.
    package let templates: [String: Template]
    /// How the templates' folder appears in diagnostics: `Theme/templates`.
    package let folderDisplay: String

    /// How many includes one render of a template may lead to, counting those inside the included
    /// templates: without cycles the count is finite, but fifteen templates that each include the next
    /// twice already render 32,767 templates, and thirty a billion, a build that never ends.
    package static let maximumIncludes = 10_000

    /// A located error for each include that names no template, cannot be checked, closes a cycle,
    /// or takes the count of includes over ``maximumIncludes``.
    package func problems() -> [Diagnostic] {
        var found: [Diagnostic] = []
        for name in templates.keys.sorted() {
            let template = templates[name]!
            for tag in template.tags {
                if let message = unsupported(tag) {
                    found.append(diagnostic(message, at: tag, in: template))
                }
            }
        }
        let cycles = cycles()
        // Counting follows the includes, so it would never end on a cycle.
        if cycles.isEmpty { found += tooManyIncludes() }
        var seen = Set<String>()
        return (found + cycles).filter { seen.insert($0.description).inserted }
    }

    /// Why `tag` cannot be rendered safely, or nil when it names an existing template.
    private func unsupported(_ tag: MustachePartialTag) -> String? {
        if tag.isParent {
            return "parent templates ({{< \(tag.name)}}) are not supported in a theme; include the template with {{> \(tag.name)}} instead"
        }
        if tag.isDynamic {
            return "dynamic partial names ({{>*\(tag.name)}}) are not supported in a theme; name the template, e.g. {{> nav}}"
        }
        if templates[tag.name] == nil {
            return "no template named '\(tag.name)' to include; add \(folderDisplay)/\(tag.name).mustache or correct the name"
        }
        return nil
    }

    /// An error for every cycle a depth-first walk meets, at the include that starts it.
    ///
    /// The walk takes templates and includes in a fixed order (names sorted, tags
    /// as written), so the same theme always reports the same cycles.
    private func cycles() -> [Diagnostic] {
        enum Mark { case open, done }
        var marks: [String: Mark] = [:]
        /// The templates being walked, each with the include taken out of it.
        var path: [(name: String, tag: MustachePartialTag?)] = []
        var found: [Diagnostic] = []
        func visit(_ name: String) {
            marks[name] = .open
            path.append((name, nil))
            for tag in templates[name]!.tags where !tag.isParent && !tag.isDynamic && templates[tag.name] != nil {
                path[path.count - 1].tag = tag
                switch marks[tag.name] {
                case .open: found.append(cycle(closedBy: tag.name, along: path))
                case .done: break
                case nil: visit(tag.name)
                }
            }
            path.removeLast()
            marks[name] = .done
        }
        for name in templates.keys.sorted() where marks[name] == nil {
            visit(name)
        }
        return found
    }

    /// An error at the first include of each template whose count of includes is over the limit
    /// while those of the templates it includes are not: where the count crosses it.
    private func tooManyIncludes() -> [Diagnostic] {
        var counts: [String: Int] = [:]
        /// Includes one render of `name` leads to, stopping just over the limit so the sum cannot overflow.
        func count(_ name: String) -> Int {
            if let known = counts[name] { return known }
            var total = 0
            for tag in templates[name]!.tags where !tag.isParent && !tag.isDynamic && templates[tag.name] != nil {
                total = min(total + 1 + count(tag.name), Self.maximumIncludes + 1)
            }
            counts[name] = total
            return total
        }
        var found: [Diagnostic] = []
        for name in templates.keys.sorted() where count(name) > Self.maximumIncludes {
            let template = templates[name]!
            let included = template.tags.filter { templates[$0.name] != nil }
            guard let first = included.first, included.allSatisfy({ count($0.name) <= Self.maximumIncludes }) else { continue }
            found.append(diagnostic(
                "this template's includes, with the includes inside them, render over \(Self.maximumIncludes) templates; include fewer, or fewer times",
                at: first, in: template))
        }
        return found
    }

    /// The error for the cycle from `start`, which is on `path`, along `path` and back to `start`.
    private func cycle(closedBy start: String, along path: [(name: String, tag: MustachePartialTag?)]) -> Diagnostic {
        let first = path.firstIndex { $0.name == start }!
        let names = path[first...].map(\.name) + [start]
        let fix = names.count == 2 ? "remove the include" : "remove one of the includes"
        return diagnostic(
            "template include cycle \(names.joined(separator: " → ")); \(fix)",
            at: path[first].tag!, in: templates[start]!)
    }

    private func diagnostic(_ message: String, at tag: MustachePartialTag, in template: Template) -> Diagnostic {
        let (line, column, source) = Self.location(of: tag.offset - template.textStart, in: template.text)
        return Diagnostic(path: template.display, line: line, column: column, message: message, sourceLine: source)
    }

    /// Line and column (in characters, both from 1) of a UTF-8 offset in `text`, and that line's text.
    package static func location(of offset: Int, in text: String) -> (line: Int, column: Int, source: String) {
        let utf8 = text.utf8
        let position = utf8.index(utf8.startIndex, offsetBy: min(max(0, offset), utf8.count))
        let before = utf8[..<position]
        let line = before.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let lineEnd = utf8[position...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        let column = text[lineStart..<position].count + 1
        var source = String(text[lineStart..<lineEnd])
        if source.hasSuffix("\r") { source.removeLast() }
        return (line, column, source)
    }
}
