import PortalWork

/// Serializes a ``SearchIndex`` into the script files the browser loads from `file://`.
///
/// Every file is a call to one global, `PortalSearch`, defined by
/// `assets/search.js`; the browser adds `<script src>` elements on demand
/// because `file://` pages may not fetch. Paths are relative to the site root:
///
/// - `search/manifest.js`: shard starts, kinds, grades, each document's kind
///   and grade (for filtering before anything else loads), code prefixes.
/// - `search/s/N.js`: the postings of shard N, per term a flat list of
///   (document delta, part, impact) triples, led by a negative count when
///   only the best parts of a very common term were kept.
/// - `search/p/N.js`: the positions of shard N's postings, per term a flat
///   list that gives, for each posting in order, its count of positions and
///   then the first position and the gaps to the next (a count of 0: none
///   known, read the text); a quoted phrase loads these for its words and
///   settles most parts without reading their text.
/// - `search/h/N.js`: head shard N, each term's best ``headLength`` parts,
///   cut like the term shards; a typed prefix whose words span more term
///   shards than a query may load reads these instead, so it still finds
///   every word that starts with it.
/// - `search/d/N.js`: document N's title, date, link and part texts, loaded
///   only when the document is shown as a result.
/// - `search/c/N.js`: code shard N, occupation codes in code order with their
///   code page (when the site has one) and their position descriptions,
///   split like the term shards so a partial code loads one small file.
public struct SearchIndexFiles: Sendable {
    public static let directory = "search"
    /// How many of its best parts a term keeps in the head shards.
    public static let headLength = 24
    /// About this many bytes of postings per shard.
    public var shardBudget: Int
    /// About this many bytes of occupation codes per code shard.
    public var codeShardBudget: Int

    /// The page that lists everything about one occupation code, e.g. `codes/2345-5035.html`, if the site has one.
    public var codePage: @Sendable (String) -> String?
    /// Codes the content mentions without a position description; a query for one still finds its code page.
    public var mentionedCodes: [String]
    /// Abbreviations and what they stand for (the glossary), so a query for either also finds the other.
    public var abbreviations: [(term: String, expansions: [String])] = []

    public init(
        shardBudget: Int = 24_000, codeShardBudget: Int = 12_000, mentionedCodes: [String] = [],
        codePage: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.shardBudget = shardBudget
        self.codeShardBudget = codeShardBudget
        self.mentionedCodes = mentionedCodes
        self.codePage = codePage
    }

    /// Every index file as (path relative to the site root, contents), in a stable order.
    /// - Parameter includingDocuments: false leaves out the per-document scripts (`d/N.js`), for a caller
    ///   that writes them itself, so they are not made here only to be dropped.
    /// - Parameter jobs: threads that encode the terms' entries side by side; the files are the same for any number.
    public func files(for index: SearchIndex, includingDocuments: Bool = true, jobs: Int = 1) -> [(path: String, contents: String)] {
        let terms = index.sortedTerms
        let (entries, entryEnds) = Self.encodedEntries(of: terms, in: index, jobs: jobs)
        let entrySizes = entryEnds.indices.map { entryEnds[$0] - ($0 == 0 ? 0 : entryEnds[$0 - 1]) + 1 }
        let plan = ShardPlan(terms: terms, budget: shardBudget, sizes: entrySizes)
        var files: [(path: String, contents: String)] = []
        files.reserveCapacity(1 + plan.shards.count + index.documents.count)
        let codes = codeTable(index)
        let codePlan = ShardPlan(
            terms: codes.map(\.key), budget: codeShardBudget, sizes: codes.map { $0.value.utf8.count + $0.key.utf8.count + 4 })
        let (heads, headEnds) = Self.headEntries(of: terms, in: index)
        let headPlan = ShardPlan(
            terms: terms, budget: shardBudget, sizes: headEnds.indices.map { headEnds[$0] - ($0 == 0 ? 0 : headEnds[$0 - 1]) + 1 })
        files.append(("\(Self.directory)/manifest.js", manifest(index, plan: plan, codePlan: codePlan, headPlan: headPlan)))
        Self.appendTermShards(plan, entries: entries, entryEnds: entryEnds, to: &files)
        Self.appendPositionShards(plan, positions: index.positions, to: &files)
        Self.appendTermShards(headPlan, entries: heads, entryEnds: headEnds, to: &files, folder: "h", function: "addHeads")
        if includingDocuments {
            for (number, document) in index.documents.enumerated() {
                files.append((Self.documentPath(number: number), Self.documentScript(number: number, document: document)))
            }
        }
        Self.appendCodeShards(codePlan, codes: codes, to: &files)
        return files
    }

    /// Every term's entry, back to back: entry `i` ends at `ends[i]` and starts where `i - 1` ends.
    ///
    /// Encoded a run of terms per thread, then put together in term order.
    private static func encodedEntries(of terms: [String], in index: SearchIndex, jobs: Int) -> (bytes: [UInt8], ends: [Int]) {
        var postingsThrough: [Int] = []
        postingsThrough.reserveCapacity(terms.count)
        for term in terms { postingsThrough.append((postingsThrough.last ?? 0) + 16 + index.postings[term]!.count * 8) }
        let runs = SearchIndex.Builder.runs(count: terms.count, parts: jobs) { postingsThrough[$0] }
        let encoded = ParallelWork(jobs: jobs).map(runs) { run -> (bytes: [UInt8], ends: [Int]) in
            var bytes: [UInt8] = []
            bytes.reserveCapacity((run.isEmpty ? 0 : postingsThrough[run.upperBound - 1]) - (run.lowerBound == 0 ? 0 : postingsThrough[run.lowerBound - 1]))
            var ends: [Int] = []
            ends.reserveCapacity(run.count)
            for term in terms[run] {
                Self.appendEntry(term, index.postings[term]!, prunedFrom: index.prunedCounts[term], to: &bytes)
                ends.append(bytes.count)
            }
            return (bytes, ends)
        }
        var entries: [UInt8] = []
        entries.reserveCapacity(encoded.reduce(0) { $0 + $1.bytes.count })
        var entryEnds: [Int] = []
        entryEnds.reserveCapacity(terms.count)
        for run in encoded {
            let base = entries.count
            entries += run.bytes
            entryEnds += run.ends.map { $0 + base }
        }
        return (entries, entryEnds)
    }

    /// Each term's entry with only its best ``headLength`` parts (in part order), back to back as in ``encodedEntries(of:in:jobs:)``.
    private static func headEntries(of terms: [String], in index: SearchIndex) -> (bytes: [UInt8], ends: [Int]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(terms.count)
        for term in terms {
            let postings = index.postings[term]!
            if postings.count <= headLength {
                appendEntry(term, postings, prunedFrom: index.prunedCounts[term], to: &bytes)
            } else {
                let best = postings.sorted { ($0.impact, $1.document, $1.part) > ($1.impact, $0.document, $0.part) }
                appendEntry(term, best.prefix(headLength).sorted(), prunedFrom: index.prunedCounts[term] ?? postings.count, to: &bytes)
            }
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }

    /// Appends `search/FOLDER/N.js` for each shard of `plan`: its terms' entries, cut from `entries` at `entryEnds`.
    private static func appendTermShards(
        _ plan: ShardPlan, entries: [UInt8], entryEnds: [Int], to files: inout [(path: String, contents: String)],
        folder: String = "s", function: String = "addShard"
    ) {
        var first = 0
        for (number, shard) in plan.shards.enumerated() {
            let last = first + shard.terms.count
            let start = first == 0 ? 0 : entryEnds[first - 1]
            let end = last == 0 ? 0 : entryEnds[last - 1]
            var out: [UInt8] = []
            out.reserveCapacity(end - start + shard.terms.count + 40)
            out += "PortalSearch.\(function)(".utf8
            appendDecimal(number, to: &out)
            out += ",{".utf8
            for term in first..<last {
                if term > first { out.append(0x2C) }
                out += entries[(term == 0 ? 0 : entryEnds[term - 1])..<entryEnds[term]]
            }
            out += "});\n".utf8
            files.append(("\(directory)/\(folder)/\(number).js", String(decoding: out, as: UTF8.self)))
            first = last
        }
    }

    /// Appends `search/p/N.js` for each shard of `plan`: the positions of its terms' postings, in the same order.
    private static func appendPositionShards(
        _ plan: ShardPlan, positions: [String: [UInt16]], to files: inout [(path: String, contents: String)]
    ) {
        for (number, shard) in plan.shards.enumerated() {
            var out: [UInt8] = []
            out += "PortalSearch.addPositions(".utf8
            appendDecimal(number, to: &out)
            out += ",{".utf8
            for (offset, term) in shard.terms.enumerated() {
                if offset > 0 { out.append(0x2C) }
                appendPositionEntry(term, positions[term] ?? [], to: &out)
            }
            out += "});\n".utf8
            files.append(("\(directory)/p/\(number).js", String(decoding: out, as: UTF8.self)))
        }
    }

    /// `"term":[count,first,gap,…,count,…]`: ``SearchIndex/positions``' list with each posting's positions after the first as gaps.
    static func appendPositionEntry(_ term: String, _ positions: [UInt16], to out: inout [UInt8]) {
        JavaScriptLiteral.append(term, to: &out)
        out += ":[".utf8
        var index = 0
        while index < positions.count {
            if index > 0 { out.append(0x2C) }
            let count = Int(positions[index])
            appendDecimal(count, to: &out)
            var previous = 0
            for position in positions[(index + 1)..<min(index + 1 + count, positions.count)] {
                out.append(0x2C)
                appendDecimal(Int(position) - previous, to: &out)
                previous = Int(position)
            }
            index += 1 + count
        }
        out.append(0x5D)
    }

    /// Appends `search/c/N.js` for each non-empty shard of `codePlan`: its slice of the code table, in order.
    private static func appendCodeShards(
        _ codePlan: ShardPlan, codes: [(key: String, value: String)], to files: inout [(path: String, contents: String)]
    ) {
        var codeStart = 0
        for (number, shard) in codePlan.shards.enumerated() where !shard.terms.isEmpty {
            let body = JavaScriptLiteral.object(Array(codes[codeStart..<(codeStart + shard.terms.count)]))
            codeStart += shard.terms.count
            files.append(("\(directory)/c/\(number).js", "PortalSearch.addCodes(\(number),\(body));\n"))
        }
    }

    /// `"term":[documentDelta,part,impact,…]`, led by `-count` when the list keeps only the best of `count` parts.
    static func entry(_ term: String, _ postings: [SearchIndex.Posting], prunedFrom count: Int? = nil) -> String {
        var out: [UInt8] = []
        appendEntry(term, postings, prunedFrom: count, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendEntry(_ term: String, _ postings: [SearchIndex.Posting], prunedFrom count: Int?, to out: inout [UInt8]) {
        JavaScriptLiteral.append(term, to: &out)
        out += ":[".utf8
        var separator = false
        if let count {
            out.append(0x2D)
            appendDecimal(count, to: &out)
            separator = true
        }
        var previous = 0
        for posting in postings {
            if separator { out.append(0x2C) }
            separator = true
            appendDecimal(posting.document - previous, to: &out)
            out.append(0x2C)
            appendDecimal(posting.part, to: &out)
            out.append(0x2C)
            appendDecimal(posting.impact, to: &out)
            previous = posting.document
        }
        out.append(0x5D)
    }

    /// `String(value)`'s bytes without the `String`.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            guard value != .min else { return out += String(value).utf8 }
            out.append(0x2D)
            return appendDecimal(-value, to: &out)
        }
        // Most values a shard holds (document gaps, parts, impacts) have one to three digits: appended one by one,
        // they skip the buffer below and its generic append.
        if value < 10 { return out.append(0x30 + UInt8(value)) }
        if value < 100 {
            out.append(0x30 + UInt8(value / 10))
            return out.append(0x30 + UInt8(value % 10))
        }
        if value < 1000 {
            out.append(0x30 + UInt8(value / 100))
            out.append(0x30 + UInt8(value / 10 % 10))
            return out.append(0x30 + UInt8(value % 10))
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var value = value
            var start = buffer.count
            while value > 0 {
                start -= 1
                buffer[start] = 0x30 + UInt8(value % 10)
                value /= 10
            }
            out += buffer[start...]
        }
    }

    func manifest(_ index: SearchIndex, plan: ShardPlan, codePlan: ShardPlan, headPlan: ShardPlan) -> String {
        let kinds = Array(Set(index.documents.map(\.kind))).sorted()
        let grades = Array(Set(index.documents.compactMap(\.grade))).sorted(by: Self.gradeOrder)
        let width = grades.count + 1 <= Self.digits.count ? 1 : 2
        var table = ""
        for document in index.documents {
            table += Self.encode(kinds.firstIndex(of: document.kind)!, width: 1)
            table += Self.encode(document.grade.flatMap { grades.firstIndex(of: $0) }.map { $0 + 1 } ?? 0, width: width)
        }
        let members: [(key: String, value: String)] = [
            ("version", "1"),
            ("documents", String(index.documents.count)),
            ("shards", JavaScriptLiteral.array(plan.shards.map { JavaScriptLiteral.string($0.start) })),
            ("kinds", JavaScriptLiteral.array(kinds.map(JavaScriptLiteral.string))),
            ("grades", JavaScriptLiteral.array(grades.map(JavaScriptLiteral.string))),
            ("digits", JavaScriptLiteral.string(Self.digits)),
            ("gradeWidth", String(width)),
            ("table", JavaScriptLiteral.string(table)),
            ("codeShards", JavaScriptLiteral.array(
                codePlan.shards.first?.terms.isEmpty == true ? [] : codePlan.shards.map { JavaScriptLiteral.string($0.start) })),
            ("headShards", JavaScriptLiteral.array(headPlan.shards.map { JavaScriptLiteral.string($0.start) })),
            ("abbreviations", abbreviationTable()),
        ]
        return "PortalSearch.manifest(\(JavaScriptLiteral.object(members)));\n"
    }

    /// The abbreviations as index terms: `[[term, [[expansion terms], …]], …]`, leaving out any that tokenize to nothing.
    func abbreviationTable() -> String {
        var rows: [String] = []
        for (term, expansions) in abbreviations {
            let termTerms = SearchTokenizer.terms(in: term)
            guard termTerms.count == 1 else { continue }
            let expanded = expansions.map { SearchTokenizer.terms(in: $0) }.filter { !$0.isEmpty && $0 != termTerms }
            guard !expanded.isEmpty else { continue }
            rows.append(JavaScriptLiteral.array([
                JavaScriptLiteral.string(termTerms[0]),
                JavaScriptLiteral.array(expanded.map { JavaScriptLiteral.array($0.map(JavaScriptLiteral.string)) }),
            ]))
        }
        return JavaScriptLiteral.array(rows)
    }

    /// Each occupation code with its encoded entry `{title, grade, page, documents}`, in code order.
    func codeTable(_ index: SearchIndex) -> [(key: String, value: String)] {
        var documentsByCode: [String: [Int]] = [:]
        for code in mentionedCodes where codePage(code) != nil { documentsByCode[code] = [] }
        for (number, document) in index.documents.enumerated() {
            if let code = document.occupationCode { documentsByCode[code, default: []].append(number) }
        }
        var table: [(key: String, value: String)] = []
        for code in documentsByCode.keys.sorted() {
            let numbers = documentsByCode[code]!
            // The newest version names the code; ties go to the later path (proposed after current).
            let newest = numbers.max { (index.documents[$0].date, $0) < (index.documents[$1].date, $1) }.map { index.documents[$0] }
            let entry = JavaScriptLiteral.object([
                ("title", JavaScriptLiteral.optional(newest?.title)),
                ("grade", JavaScriptLiteral.optional(newest?.grade)),
                ("page", JavaScriptLiteral.optional(codePage(code))),
                ("documents", "[" + numbers.map(String.init).joined(separator: ",") + "]"),
            ])
            table.append((code, entry))
        }
        return table
    }

    /// Where ``documentScript(number:document:)`` goes, relative to the site root: `search/d/N.js`.
    public static func documentPath(number: Int) -> String {
        "\(directory)/d/\(number).js"
    }

    /// The whole `search/d/N.js` file of document `number`, as ``files(for:)`` writes it.
    ///
    /// A document's file depends on nothing but its number and itself, so a
    /// build can rewrite one without indexing the rest.
    public static func documentScript(number: Int, document: SearchDocument) -> String {
        var out = documentBuffer(document, extra: 40)
        out += "PortalSearch.addDocument(".utf8
        appendDecimal(number, to: &out)
        out.append(0x2C)
        appendDocument(document, to: &out)
        out += ");\n".utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// The object literal a document file passes to `PortalSearch.addDocument`: what a result shows.
    public static func document(_ document: SearchDocument) -> String {
        var out = documentBuffer(document, extra: 0)
        appendDocument(document, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// An empty buffer with room for the document's literal, assuming few escapes.
    private static func documentBuffer(_ document: SearchDocument, extra: Int) -> [UInt8] {
        var size = extra + 160 + document.title.utf8.count + document.kind.utf8.count + document.date.utf8.count
            + document.dateText.utf8.count + document.url.utf8.count + document.text.utf8.count
            + (document.occupationCode?.utf8.count ?? 0) + (document.grade?.utf8.count ?? 0)
        for part in document.parts { size += 12 + part.anchor.utf8.count + part.heading.utf8.count + part.text.utf8.count }
        var out: [UInt8] = []
        out.reserveCapacity(size + size / 32)
        return out
    }

    private static func appendDocument(_ document: SearchDocument, to out: inout [UInt8]) {
        func member(_ key: StaticString, _ value: String?, to out: inout [UInt8]) {
            out += UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
            if let value { JavaScriptLiteral.append(value, to: &out) } else { out += "null".utf8 }
        }
        member("{\"title\":", document.title, to: &out)
        member(",\"kind\":", document.kind, to: &out)
        member(",\"date\":", document.date, to: &out)
        member(",\"dateText\":", document.dateText, to: &out)
        member(",\"url\":", document.url, to: &out)
        member(",\"code\":", document.occupationCode, to: &out)
        member(",\"grade\":", document.grade, to: &out)
        member(",\"text\":", document.text, to: &out)
        out += ",\"parts\":[".utf8
        for (index, part) in document.parts.enumerated() {
            out += (index == 0 ? "[" : ",[").utf8
            JavaScriptLiteral.append(part.anchor, to: &out)
            out.append(0x2C)
            JavaScriptLiteral.append(part.heading, to: &out)
            out.append(0x2C)
            JavaScriptLiteral.append(part.text, to: &out)
            out.append(0x5D)
        }
        out += "]}".utf8
    }

    /// Single characters for the document table; none needs escaping in a string literal.
    static let digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

    static func encode(_ value: Int, width: Int) -> String {
        var value = value
        var out = ""
        for _ in 0..<width {
            out = String(digitCharacters[value % digitCharacters.count]) + out
            value /= digitCharacters.count
        }
        return out
    }

    private static let digitCharacters = Array(digits)

    /// `EAS-9` before `EAS-17`: by the text before the number, then by the number.
    public static func gradeOrder(_ a: String, _ b: String) -> Bool {
        func split(_ grade: String) -> (String, Int) {
            let digits = grade.reversed().prefix { $0.isNumber }
            return (String(grade.dropLast(digits.count)), Int(String(digits.reversed())) ?? 0)
        }
        let (left, right) = (split(a), split(b))
        return left.0 != right.0 ? left.0 < right.0 : (left.1 != right.1 ? left.1 < right.1 : a < b)
    }
}
