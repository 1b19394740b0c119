import PortalBinaryCodec
import PortalContent
import PortalRender
import PortalSearch

// The build cache's records in the binary form of ``BinaryWriter``: each type
// writes its fields in one order and reads them back in the same order.
// `CacheRecordTests` round-trips every one of them.

extension CodeMention: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(code)
        writer.write(documentPath)
        writer.write(placeLine)
        writer.write(context)
        writer.write(fileLine)
        writer.write(column)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(
            code: try reader.string(), documentPath: try reader.string(), placeLine: try reader.int(),
            context: try reader.string(), fileLine: try reader.int(), column: try reader.int())
    }
}

extension InternalLinks.Link: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(documentPath)
        writer.write(written)
        writer.write(line)
        writer.write(column)
        writer.write(page)
        writer.write(fragment)
        writer.write(problem)
        writer.write(severity.rawValue)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(
            documentPath: try reader.string(), written: try reader.string(), line: try reader.int(), column: try reader.int(),
            page: try reader.optionalString(), fragment: try reader.string(), problem: try reader.optionalString())
        guard let severity = Diagnostic.Severity(rawValue: try reader.string()) else { throw BinaryReader.Truncated() }
        self.severity = severity
    }
}

extension DocumentFacts: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(mentions)
        writer.write(warnings)
        writer.write(links)
        writer.write(generatedBlocks)
        writer.write(anchors: anchors)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(
            mentions: try reader.array(), warnings: try reader.array(), links: try reader.array(),
            generatedBlocks: try reader.strings(), anchors: try reader.anchors())
    }
}

extension RenderedBody.Section: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(title)
        writer.write(titleHTML)
        writer.write(html)
        writer.write(text)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(id: try reader.string(), title: try reader.string(), titleHTML: try reader.string(), html: try reader.string(), text: try reader.string())
    }
}

extension RenderedBody.Passage: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(label)
        writer.write(text)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(id: try reader.string(), label: try reader.string(), text: try reader.string())
    }
}

extension RenderedBody: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(intro)
        writer.write(introText)
        writer.write(sections)
        writer.write(passages)
        writer.write(generatedBlocks)
        writer.write(anchors: anchors)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(intro: try reader.string(), introText: try reader.string(), sections: try reader.array())
        passages = try reader.array()
        generatedBlocks = try reader.strings()
        anchors = try reader.anchors()
    }
}

extension PageMemo.File: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(size)
        writer.write(modified)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(path: try reader.string(), size: try reader.int(), modified: try reader.int())
    }
}

extension PageMemo.Unit: BinaryCodable {
    package func write(to writer: inout BinaryWriter) {
        writer.write(key)
        writer.write(dependencies)
        writer.write(files)
    }

    package init(from reader: inout BinaryReader) throws {
        self.init(key: try reader.uint64(), dependencies: try reader.strings(), files: try reader.array())
    }
}

extension BinaryWriter {
    /// Writes anchor ids by body line, in line order.
    package mutating func write(anchors: [Int: String]) {
        write(anchors.count)
        for line in anchors.keys.sorted() {
            write(line)
            write(anchors[line]!)
        }
    }

    /// Writes a dictionary in key order, so the same contents give the same bytes.
    package mutating func write<Value: BinaryCodable>(_ dictionary: [String: Value]) {
        write(dictionary.count)
        for key in dictionary.keys.sorted() {
            write(key)
            write(dictionary[key]!)
        }
    }
}

extension BinaryReader {
    package mutating func anchors() throws -> [Int: String] {
        Dictionary(try array { reader in (try reader.int(), try reader.string()) }, uniquingKeysWith: { first, _ in first })
    }

    package mutating func dictionary<Value: BinaryCodable>(_ type: Value.Type = Value.self) throws -> [String: Value] {
        let pairs = try array { reader in (try reader.string(), try reader.read(Value.self)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
}
