import Foundation
import PortalBytes
import PortalContent
import PortalDocumentPages
import PortalOffline
import PortalPages
import PortalRedline
import PortalRender
import StaffingModel

/// One proposal to take away: the consultation as a ZIP that opens from disk, and as an EPUB 3 e-book.
///
/// The ZIP holds, under one folder named after the letter, the proposal packet
/// as `index.html` (the letter, every enclosure with the slides as a handout),
/// the redline of each revised position description it encloses, and the theme
/// assets those pages use; links between them stay links, links to the rest of
/// the site go to the published site when `base_url` is set and become plain text
/// otherwise. The EPUB has one chapter for the letter, one per enclosure and one
/// per redline, listed in its navigation document. Both are made from the pages'
/// own HTML, with one timestamp and in a fixed order, so the same content always
/// gives the same bytes. They are files of the packet's unit of pages
/// (``PacketPages``), so an unchanged consultation's are reused, never rebuilt.
package struct ProposalDownloads {
    package let consultation: Consultation
    package let model: SiteModel
    /// The revised positions the consultation encloses, by code, each with its catalog entry and the redline page's
    /// article, rendered once for both the ZIP and the EPUB.
    package let redlines: [(code: String, entry: OccupationCatalog.Entry, content: String)]

    package init(_ consultation: Consultation, model: SiteModel) {
        self.consultation = consultation
        self.model = model
        redlines = Self.revisedPositions(of: consultation, model: model).compactMap { item in
            model.redline(for: item.code).map { (item.code, item.entry, OccupationCodePages().redlineContent($0, item.entry, model)) }
        }
    }

    /// The revised positions among the enclosures, each code once, in the enclosures' order.
    package static func revisedPositions(of consultation: Consultation, model: SiteModel) -> [(code: String, entry: OccupationCatalog.Entry)] {
        var seen = Set<String>()
        return consultation.enclosures.compactMap { document in
            guard let code = document.position?.occupationCode, model.codes.revisedCodes.contains(code), seen.insert(code).inserted,
                  let entry = model.codes.catalog[code] else { return nil }
            return (code, entry)
        }
    }

    /// `packets/letters/<letter>.zip`, beside the packet page.
    package static func zipPath(of letter: ContentDocument) -> String { stem(of: letter) + ".zip" }
    /// `packets/letters/<letter>.epub`, beside the packet page.
    package static func epubPath(of letter: ContentDocument) -> String { stem(of: letter) + ".epub" }

    private static func stem(of letter: ContentDocument) -> String {
        String(Consultation.packetPath(of: letter).dropLast(".html".count))
    }

    /// Whether `path` is one of these downloads, which the whole-site bundle leaves out (it holds their pages).
    package static func isDownload(_ path: String) -> Bool {
        path.hasPrefix("packets/") && (path.hasSuffix(".zip") || path.hasSuffix(".epub"))
    }

    /// The folder the ZIP extracts into: the letter's file name without `.html`.
    package var folder: String {
        String(consultation.letter.outputPath.split(separator: "/").last!.dropLast(".html".count))
    }

    /// Every entry shares the letter's date at midnight UTC: content, never the clock, fixes the bytes.
    private var dos: (date: UInt16, time: UInt16) {
        ZipWriter.dosDateTime((CivilDate(consultation.letter.date) ?? CivilDate(year: 1980, month: 1, day: 1)!, 0))
    }

    // MARK: ZIP

    /// The ZIP, given the packet page as it is to be read offline (without the links to these downloads).
    package func zip(packetPage: String) -> [UInt8] {
        let packetPath = consultation.packetPath
        var assets = Set<String>()
        // Where each page the ZIP holds sits inside it, by its site path.
        var inside: [String: String] = [packetPath: "index.html"]
        for item in redlines { inside[OccupationCodeIndex.redlinePath(item.code)] = OccupationCodeIndex.redlinePath(item.code) }
        let encodedInside = Dictionary(uniqueKeysWithValues: inside.map { (SitePath.encoded($0.key), $0.value) })
        func resolver(from zipPath: String) -> OfflineLinks.Resolver {
            { path, fragment in
                let suffix = fragment.map { "#" + $0 } ?? ""
                if let target = encodedInside[path] { return SitePath.root(from: zipPath) + target + suffix }
                if let anchor = packetAnchor(of: path) {
                    let id = fragment.map { "\(anchor.prefix)\($0)" } ?? anchor.top
                    return (zipPath == "index.html" ? "" : SitePath.root(from: zipPath) + "index.html") + "#" + id
                }
                if path.hasPrefix("assets/"), model.theme.assets.contains(String(path.dropFirst("assets/".count))) {
                    assets.insert(path)
                    return SitePath.root(from: zipPath) + path + suffix
                }
                return online(path) .map { $0 + suffix }
            }
        }
        var files: [(path: String, bytes: [UInt8])] = [
            ("index.html", Array(OfflineLinks.rewrite(packetPage, from: packetPath, resolve: resolver(from: "index.html")).utf8))
        ]
        for item in redlines {
            let path = OccupationCodeIndex.redlinePath(item.code)
            let page = OccupationCodePages().redlinePage(content: item.content, item.entry, model).contents
            files.append((path, Array(OfflineLinks.rewrite(page, from: path, resolve: resolver(from: path)).utf8)))
        }
        for asset in assets.sorted() {
            let name = String(asset.dropFirst("assets/".count))
            // The theme was read when the build started; an asset gone since leaves the copy without it.
            if let data = FileManager.default.contents(atPath: model.theme.assetSource(name).path) {
                files.append((asset, Array(data)))
            }
        }
        let deflater = Deflater()
        let root = folder
        // Only an entry over 4 GiB throws, which a proposal's pages never have.
        return try! ZipWriter.archive(dos: dos) { zip in
            try zip.addDirectory(root + "/")
            var folders = Set<String>()
            for file in files.sorted(by: { $0.path < $1.path }) {
                let parts = file.path.split(separator: "/").dropLast()
                for depth in parts.indices where folders.insert(parts[...depth].joined(separator: "/")).inserted {
                    try zip.addDirectory("\(root)/\(parts[...depth].joined(separator: "/"))/")
                }
                try zip.addFile("\(root)/\(file.path)", deflater.entry(file.bytes))
            }
        }
    }

    /// The packet section a page's link lands on: the letter, or the enclosure it is, with the prefix of its ids there.
    private func packetAnchor(of encodedPath: String) -> (top: String, prefix: String)? {
        if encodedPath == SitePath.encoded(consultation.letter.outputPath) { return ("packet-letter", "letter-") }
        guard let index = consultation.enclosures.firstIndex(where: { SitePath.encoded($0.outputPath) == encodedPath }) else { return nil }
        return ("enclosure-\(index + 1)", "enclosure-\(index + 1)-")
    }

    /// The published page's address when the site has a `base_url`; nil otherwise.
    private func online(_ path: String) -> String? {
        let base = model.site.config.baseURL
        guard !base.isEmpty else { return nil }
        return (base.hasSuffix("/") ? base : base + "/") + path
    }

    // MARK: EPUB

    /// The EPUB: the letter, each enclosure and each redline as chapters.
    package func epub() -> [UInt8] {
        let letter = consultation.letter
        var chapters: [(file: String, title: String, sitePath: String, html: String)] = []
        chapters.append(("letter.xhtml", "Letter: \(letter.title)", letter.outputPath, letterChapter()))
        for (index, document) in consultation.enclosures.enumerated() {
            chapters.append((
                "enclosure-\(index + 1).xhtml", "Enclosure \(index + 1): \(document.title)", document.outputPath,
                enclosureChapter(document, number: index + 1)))
        }
        for item in redlines {
            chapters.append((
                "redline-\(item.code).xhtml", "Redline: \(item.entry.title) (\(item.entry.grade))",
                OccupationCodeIndex.redlinePath(item.code), item.content))
        }
        let files = Dictionary(uniqueKeysWithValues: chapters.map { (SitePath.encoded($0.sitePath), $0.file) })
        let book = EPUBPackage(
            metadata: metadata(),
            chapters: chapters.map { chapter in
                let html = OfflineLinks.rewrite(chapter.html, from: chapter.sitePath) { path, fragment in
                    let suffix = fragment.map { "#" + $0 } ?? ""
                    if let file = files[path] { return file + suffix }
                    return online(path).map { $0 + suffix }
                }
                return EPUBPackage.Chapter(fileName: chapter.file, title: chapter.title, body: XHTMLText.from(html: html))
            },
            stylesheet: model.theme.render("epub-style", [:]))
        return book.archive(dos: dos)
    }

    private func letterChapter() -> String {
        let letter = consultation.letter
        var context = model.summary(of: letter, from: letter.outputPath)
        context.merge(model.letterFields(consultation.fields)) { $1 }
        context["body"] = model.body(of: letter).html
        context.merge(ReadingContext.reviewWindow(consultation, today: model.today, from: letter.outputPath)) { $1 }
        return "<h1>\(HTML.escape(letter.title))</h1>\n<p class=\"epub-meta\">Consultation letter of \(HTML.escape(DateText.long(letter.date))), "
            + "\(consultation.enclosures.count) enclosure\(consultation.enclosures.count == 1 ? "" : "s"). "
            + "Review window ends \(HTML.escape(DateText.long(consultation.window.end.description))).</p>\n"
            + model.theme.render("letter-text", context)
    }

    private func enclosureChapter(_ document: ContentDocument, number: Int) -> String {
        var label = "Enclosure \(number) of \(consultation.enclosures.count) · \(document.kind.label)"
        if let position = document.position {
            label += " · \(position.occupationCode) · \(position.grade) · \(position.version == .current ? "Current" : "Proposed")"
        }
        label += " · \(DateText.long(document.date))"
        return "<p class=\"epub-meta\">\(HTML.escape(label))</p>\n<h1>\(HTML.escape(document.title))</h1>\n"
            + PacketPages.content(of: document, model)
    }

    /// Title, date, author and description from the letter's front matter; the identifier from its path.
    private func metadata() -> EPUBPackage.Metadata {
        let letter = consultation.letter
        let from = consultation.fields.from
        let author = [from.name, from.organization].compactMap { $0 }.joined(separator: ", ")
        var first = StableHash(), second = StableHash()
        first.combine("epub-identifier")
        first.combine(letter.path)
        second.combine(first.value)
        second.combine(letter.path)
        let newest = ([letter] + consultation.enclosures).map(\.date).max() ?? letter.date
        return EPUBPackage.Metadata(
            identifier: "urn:uuid:" + Self.uuid(first.value, second.value),
            title: "Proposal packet: \(letter.title)", language: "en-US", creators: [author],
            publisher: model.site.config.title,
            description: letter.summary ?? "The consultation letter of \(DateText.long(letter.date)) and its enclosures.",
            date: letter.date, modified: "\(newest)T00:00:00Z",
            subjects: consultation.enclosures.compactMap { $0.position.map { "\($0.occupationCode) \($0.grade)" } })
    }

    /// A version-5-shaped UUID from 128 bits of hash, as EPUB readers expect of `urn:uuid:` identifiers.
    static func uuid(_ high: UInt64, _ low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_5000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = String(format: "%016llx%016llx", high, low)
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    // MARK: Links

    /// The download links and sizes a page at `path` shows, rendered with the theme's `downloads` template.
    package static func links(zip: Int, epub: Int, letter: ContentDocument, from path: String, theme: Theme) -> String {
        theme.render("downloads", [
            "zipHref": SitePath.link(from: path, to: zipPath(of: letter)), "zipSize": size(zip),
            "epubHref": SitePath.link(from: path, to: epubPath(of: letter)), "epubSize": size(epub),
        ])
    }

    /// A file size as people read it: bytes, KB or MB (of 1,000).
    package static func size(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) bytes" }
        if bytes < 1_000_000 { return "\(Int((Double(bytes) / 1000).rounded())) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
