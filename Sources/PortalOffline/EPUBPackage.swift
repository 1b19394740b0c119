/// An EPUB 3 package: XHTML chapters, a navigation document, a stylesheet and the package metadata, zipped.
///
/// Knows nothing of the site: the caller hands over each chapter's body as
/// well-formed XHTML (``XHTMLText``), its links already pointing at chapter
/// files or absolute URLs. The container follows the EPUB 3.3 rules epubcheck
/// checks: `mimetype` first and stored, `META-INF/container.xml`, a package
/// document with a `dcterms:modified` and a unique identifier, a nav document
/// with a table of contents. Entries are deflated (``Deflater``) in a fixed order
/// with one timestamp, so the same book always gives the same bytes.
package struct EPUBPackage {
    /// The package document's metadata, from the source's front matter.
    package struct Metadata {
        /// A stable identifier, e.g. `urn:uuid:…`.
        package var identifier: String
        package var title: String
        package var language: String
        package var creators: [String]
        package var publisher: String?
        package var description: String?
        /// `YYYY-MM-DD`.
        package var date: String
        /// `YYYY-MM-DDThh:mm:ssZ`; fixed by the content, never the clock.
        package var modified: String
        package var subjects: [String]

        package init(identifier: String, title: String, language: String, creators: [String], publisher: String?,
                     description: String?, date: String, modified: String, subjects: [String] = []) {
            self.identifier = identifier
            self.title = title
            self.language = language
            self.creators = creators
            self.publisher = publisher
            self.description = description
            self.date = date
            self.modified = modified
            self.subjects = subjects
        }
    }

    /// One XHTML document of the book, listed in the navigation document under `title`.
    package struct Chapter {
        /// The file name inside the book, e.g. `letter.xhtml`; letters, digits, `-` and `.` only.
        package var fileName: String
        package var title: String
        /// Well-formed XHTML for inside `<body>`.
        package var body: String

        package init(fileName: String, title: String, body: String) {
            self.fileName = fileName
            self.title = title
            self.body = body
        }
    }

    package var metadata: Metadata
    package var chapters: [Chapter]
    package var stylesheet: String

    package init(metadata: Metadata, chapters: [Chapter], stylesheet: String) {
        self.metadata = metadata
        self.chapters = chapters
        self.stylesheet = stylesheet
    }

    /// The book's bytes; `dos` is the one timestamp of every entry.
    package func archive(dos: (date: UInt16, time: UInt16)) -> [UInt8] {
        let deflater = Deflater()
        // Only an entry over 4 GiB throws, which a book made in memory never has.
        return try! ZipWriter.archive(dos: dos) { zip in
            // epubcheck requires exactly these bytes first, stored, with no extra field.
            try zip.addFile("mimetype", .stored(Array("application/epub+zip".utf8)))
            try zip.addFile("META-INF/container.xml", deflater.entry(Array(Self.container.utf8)))
            try zip.addFile("OEBPS/package.opf", deflater.entry(Array(packageDocument().utf8)))
            try zip.addFile("OEBPS/nav.xhtml", deflater.entry(Array(navigationDocument().utf8)))
            try zip.addFile("OEBPS/style.css", deflater.entry(Array(stylesheet.utf8)))
            for chapter in chapters {
                try zip.addFile("OEBPS/\(chapter.fileName)", deflater.entry(Array(document(chapter).utf8)))
            }
        }
    }

    private static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles>
            <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
          </rootfiles>
        </container>

        """

    func packageDocument() -> String {
        let meta = metadata
        var lines = [
            "<dc:identifier id=\"book-id\">\(Self.escape(meta.identifier))</dc:identifier>",
            "<dc:title>\(Self.escape(meta.title))</dc:title>",
            "<dc:language>\(Self.escape(meta.language))</dc:language>",
            "<dc:date>\(Self.escape(meta.date))</dc:date>",
            "<meta property=\"dcterms:modified\">\(Self.escape(meta.modified))</meta>",
        ]
        lines += meta.creators.map { "<dc:creator>\(Self.escape($0))</dc:creator>" }
        if let publisher = meta.publisher { lines.append("<dc:publisher>\(Self.escape(publisher))</dc:publisher>") }
        if let description = meta.description { lines.append("<dc:description>\(Self.escape(description))</dc:description>") }
        lines += meta.subjects.map { "<dc:subject>\(Self.escape($0))</dc:subject>" }
        let manifest = ["<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>",
                        "<item id=\"style\" href=\"style.css\" media-type=\"text/css\"/>"]
            + chapters.enumerated().map { "<item id=\"c\($0.offset + 1)\" href=\"\($0.element.fileName)\" media-type=\"application/xhtml+xml\"/>" }
        let spine = chapters.indices.map { "<itemref idref=\"c\($0 + 1)\"/>" }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="\(Self.escape(meta.language))">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            \(lines.joined(separator: "\n"))
            </metadata>
            <manifest>
            \(manifest.joined(separator: "\n"))
            </manifest>
            <spine>
            \(spine.joined(separator: "\n"))
            </spine>
            </package>

            """
    }

    func navigationDocument() -> String {
        let items = chapters.map { "<li><a href=\"\($0.fileName)\">\(Self.escape($0.title))</a></li>" }
        return page(title: metadata.title, body: """
            <nav epub:type="toc" id="toc" role="doc-toc">
            <h1>\(Self.escape(metadata.title))</h1>
            <ol>
            \(items.joined(separator: "\n"))
            </ol>
            </nav>
            """)
    }

    private func document(_ chapter: Chapter) -> String {
        page(title: chapter.title, body: chapter.body)
    }

    private func page(title: String, body: String) -> String {
        let language = Self.escape(metadata.language)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="\(language)" xml:lang="\(language)">
            <head>
            <meta charset="utf-8"/>
            <title>\(Self.escape(title))</title>
            <link rel="stylesheet" type="text/css" href="style.css"/>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    /// Text for XML content and attribute values.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
