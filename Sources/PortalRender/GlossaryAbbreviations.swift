import Foundation
import PortalContent
import PortalMarkdown

/// Marks the first use of each glossary term in a body with `<abbr title="…">`, around another linker.
///
/// A term counts as used where it stands as a whole word, as written in the
/// glossary or in capitals ("Mgr", "MGR"), or with a plural "s" ("NBAs").
/// Text nodes reach the linker in document order, so "first" is the first in
/// reading order; words the inner linker made into links are left alone.
package struct GlossaryAbbreviations: Sendable {
    package let glossary: Glossary
    /// Which words may name a term at all, so that most words of ASCII text need no lookup.
    let filter: TermFilter

    package init(glossary: Glossary) {
        self.glossary = glossary
        filter = TermFilter(glossary)
    }

    /// The terms one body has marked so far; one body is parsed on one thread, the lock only satisfies `Sendable`.
    final class Marked: @unchecked Sendable {
        private let lock = NSLock()
        private var terms: Set<String> = []

        func insert(_ term: String) -> Bool { lock.withLock { terms.insert(term).inserted } }
    }

    /// A linker for one body: `inner`'s runs, with each term's first use marked.
    package func linker(wrapping inner: TextLinker) -> TextLinker {
        guard !glossary.entries.isEmpty else { return inner }
        let marked = Marked()
        let glossary = glossary
        let filter = filter
        return TextLinker({ text, line in
            let innerRuns = inner.link(text, line)
            var changed = innerRuns != nil
            var runs: [TextRun] = []
            for run in innerRuns ?? [.text(text)] {
                guard case .text(let plain) = run else {
                    runs.append(run)
                    continue
                }
                let split = plain.utf8.allSatisfy({ $0 < 0x80 })
                    ? Self.markASCII(plain, glossary: glossary, filter: filter, marked: marked)
                    : Self.mark(plain, glossary: glossary, marked: marked)
                if split.count != 1 { changed = true }
                runs += split
            }
            return changed ? runs : nil
        }, inTable: { text, line in
            // A table cell takes no <abbr>; the term's first use is then the next one outside a table.
            inner.link(text, line)
        })
    }

    static func mark(_ text: String, glossary: Glossary, marked: Marked) -> [TextRun] {
        var cutter = RunCutter(text)
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isLetter || text[index].isNumber else {
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex && (text[end].isLetter || text[end].isNumber) { end = text.index(after: end) }
            let word = text[index..<end]
            cutter.mark(index..<end, entry: entry(for: word, count: word.count, in: glossary), marked: marked)
            index = end
        }
        return cutter.finish()
    }

    /// The entry a word names as written or in capitals, or as the plural of a term ("NBAs").
    static func entry(for word: Substring, count: Int, in glossary: Glossary) -> Glossary.Entry? {
        glossary.entry(for: word) ?? (count > 2 && word.last == "s" ? glossary.entry(for: word.dropLast()) : nil)
    }

    /// One text node cut into runs: plain text, and each term's first use in the body marked.
    struct RunCutter {
        private let text: String
        private var runs: [TextRun] = []
        private var plainStart: String.Index

        init(_ text: String) {
            self.text = text
            plainStart = text.startIndex
        }

        /// Marks the word at `range` when it names `entry` and is the entry's first use in the body.
        mutating func mark(_ range: Range<String.Index>, entry: Glossary.Entry?, marked: Marked) {
            guard let entry, marked.insert(entry.term) else { return }
            if plainStart < range.lowerBound { runs.append(.text(String(text[plainStart..<range.lowerBound]))) }
            runs.append(.abbreviation(text: String(text[range]), title: entry.title))
            plainStart = range.upperBound
        }

        /// The runs, ending with the plain text after the last mark.
        mutating func finish() -> [TextRun] {
            if plainStart < text.endIndex || runs.isEmpty { runs.append(.text(String(text[plainStart...]))) }
            return runs
        }
    }
}
