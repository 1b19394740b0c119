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
/// - `search/d/N.js`: document N's title, date, link and part texts, loaded
///   only when the document is shown as a result.
/// - `search/c/N.js`: code shard N, occupation codes in code order with their
///   code page (when the site has one) and their position descriptions,
///   split like the term shards so a partial code loads one small file.
public struct SearchIndexFiles: Sendable {
    public static let directory = "search"
    /// About this many bytes of postings per shard.
    public var shardBudget: Int
    /// About this many bytes of occupation codes per code shard.
    public var codeShardBudget: Int

    /// The page that lists everything about one occupation code, e.g. `codes/2345-5035.html`, if the site has one.
    public var codePage: @Sendable (String) -> String?
    /// Codes the content mentions without a position description; a query for one still finds its code page.
    public var mentionedCodes: [String]

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
    public func files(for index: SearchIndex) -> [(path: String, contents: String)] {
        let terms = index.sortedTerms
        var encoded: [String: String] = [:]
        for term in terms { encoded[term] = Self.entry(term, index.postings[term]!, prunedFrom: index.prunedCounts[term]) }
        let plan = ShardPlan(terms: terms, budget: shardBudget) { encoded[$0]!.utf8.count + 1 }
        var files: [(path: String, contents: String)] = []
        let codes = codeTable(index)
        let entries = Dictionary(uniqueKeysWithValues: codes.map { ($0.key, $0.value) })
        let codePlan = ShardPlan(terms: codes.map(\.key), budget: codeShardBudget) { entries[$0]!.utf8.count + $0.utf8.count + 4 }
        files.append(("\(Self.directory)/manifest.js", manifest(index, plan: plan, codePlan: codePlan)))
        for (number, shard) in plan.shards.enumerated() {
            let body = "{" + shard.terms.map { encoded[$0]! }.joined(separator: ",") + "}"
            files.append(("\(Self.directory)/s/\(number).js", "PortalSearch.addShard(\(number),\(body));\n"))
        }
        for (number, document) in index.documents.enumerated() {
            files.append(("\(Self.directory)/d/\(number).js", "PortalSearch.addDocument(\(number),\(Self.document(document)));\n"))
        }
        for (number, shard) in codePlan.shards.enumerated() where !shard.terms.isEmpty {
            let body = JavaScriptLiteral.object(shard.terms.map { ($0, entries[$0]!) })
            files.append(("\(Self.directory)/c/\(number).js", "PortalSearch.addCodes(\(number),\(body));\n"))
        }
        return files
    }

    /// `"term":[documentDelta,part,impact,…]`, led by `-count` when the list keeps only the best of `count` parts.
    static func entry(_ term: String, _ postings: [SearchIndex.Posting], prunedFrom count: Int? = nil) -> String {
        var numbers: [String] = count.map { ["-\($0)"] } ?? []
        numbers.reserveCapacity(postings.count * 3 + 1)
        var previous = 0
        for posting in postings {
            numbers += [String(posting.document - previous), String(posting.part), String(posting.impact)]
            previous = posting.document
        }
        return JavaScriptLiteral.string(term) + ":[" + numbers.joined(separator: ",") + "]"
    }

    func manifest(_ index: SearchIndex, plan: ShardPlan, codePlan: ShardPlan) -> String {
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
        ]
        return "PortalSearch.manifest(\(JavaScriptLiteral.object(members)));\n"
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

    static func document(_ document: SearchDocument) -> String {
        let parts = document.parts.map { part in
            JavaScriptLiteral.array([part.anchor, part.heading, part.text].map(JavaScriptLiteral.string))
        }
        return JavaScriptLiteral.object([
            ("title", JavaScriptLiteral.string(document.title)),
            ("kind", JavaScriptLiteral.string(document.kind)),
            ("date", JavaScriptLiteral.string(document.date)),
            ("dateText", JavaScriptLiteral.string(document.dateText)),
            ("url", JavaScriptLiteral.string(document.url)),
            ("code", JavaScriptLiteral.optional(document.occupationCode)),
            ("grade", JavaScriptLiteral.optional(document.grade)),
            ("text", JavaScriptLiteral.string(document.text)),
            ("parts", JavaScriptLiteral.array(parts)),
        ])
    }

    /// Single characters for the document table; none needs escaping in a string literal.
    static let digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

    static func encode(_ value: Int, width: Int) -> String {
        let characters = Array(digits)
        var value = value
        var out = ""
        for _ in 0..<width {
            out = String(characters[value % characters.count]) + out
            value /= characters.count
        }
        return out
    }

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
