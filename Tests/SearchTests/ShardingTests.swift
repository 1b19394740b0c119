import Testing
@testable import PortalSearch

@Suite struct ShardingTests {
    static let terms = ["10", "1004", "2345", "a1", "carrier", "coordinator", "customer", "lead", "leader", "ratio", "z", "zz"]
        .sorted(by: SearchIndex.termOrder)

    @Test func everyTermIsFoundInTheShardThatHoldsIt() {
        for budget in [1, 10, 25, 60, 1000] {
            let plan = ShardPlan(terms: Self.terms, budget: budget) { $0.utf8.count + 5 }
            #expect(plan.shards.flatMap(\.terms) == Self.terms)
            for (number, shard) in plan.shards.enumerated() {
                for term in shard.terms { #expect(plan.shard(for: term) == number, "\(term) budget \(budget)") }
            }
        }
    }

    @Test func shardsStayWithinTheBudgetUnlessOneTermIsLarger() {
        let plan = ShardPlan(terms: Self.terms, budget: 25) { $0.utf8.count + 5 }
        for shard in plan.shards {
            let size = shard.terms.map { $0.utf8.count + 5 }.reduce(0, +)
            #expect(size <= 25 || shard.terms.count == 1)
        }
        #expect(plan.shards.count > 3)
    }

    @Test func startsAreShortestSeparatingPrefixes() {
        let plan = ShardPlan(terms: ["carrier", "coordinator", "customer"], budget: 12) { $0.utf8.count }
        #expect(plan.shards.map(\.start) == ["", "co", "cu"])
        #expect(ShardPlan.separator(after: "lead", upTo: "leader") == "leade")
    }

    @Test func aPrefixSpansAContiguousRunOfShards() {
        let plan = ShardPlan(terms: Self.terms, budget: 10) { $0.utf8.count + 5 }
        let first = plan.shard(for: "c")
        let last = plan.shard(for: "c\u{FFFF}")
        let covered = plan.shards[first...last].flatMap(\.terms)
        #expect(Self.terms.filter { $0.hasPrefix("c") }.allSatisfy(covered.contains))
    }

    @Test func indexFilesEscapeMarkupAndAreDeterministic() {
        let document = SearchDocument(
            title: "</script><script>alert(1)</script>", kind: "Letter", date: "2022-08-30", dateText: "August 30, 2022",
            url: "letters/x.html", occupationCode: "2345-5035", grade: "EAS-17", text: "A <b>bold</b> & 'quoted' \u{2028} line",
            parts: [SearchPart(anchor: "passage-1", heading: "Paragraphs 1–3", text: "<!-- comment --> text")])
        let index = SearchIndex(documents: [document])
        let files = SearchIndexFiles().files(for: index)
        let again = SearchIndexFiles().files(for: SearchIndex(documents: [document]))
        #expect(files.map(\.path) == again.map(\.path))
        #expect(files.map(\.contents) == again.map(\.contents))
        #expect(files.map(\.path).contains("search/manifest.js"))
        #expect(files.map(\.path).contains("search/c/0.js"))
        for file in files {
            for forbidden in ["<", ">", "&", "'", "\u{2028}"] {
                #expect(!file.contents.contains(forbidden), "\(file.path) contains \(forbidden)")
            }
        }
        let page = files.first { $0.path == "search/d/0.js" }!.contents
        #expect(page.contains("\\u003c/script\\u003e"))
    }

    /// A caller that writes the per-document scripts itself gets every other file, the same.
    @Test func indexFilesWithoutDocumentScriptsAreTheRest() {
        let documents = (0..<3).map { number in
            SearchDocument(
                title: "Letter \(number)", kind: "Letter", date: "2022-08-30", dateText: "August 30, 2022",
                url: "letters/\(number).html", occupationCode: nil, grade: nil, text: "workload model \(number)", parts: [])
        }
        let index = SearchIndex(documents: documents)
        let all = SearchIndexFiles().files(for: index)
        let rest = SearchIndexFiles().files(for: index, includingDocuments: false)
        #expect(all.filter { $0.path.hasPrefix("search/d/") }.count == 3)
        #expect(rest.map(\.path) == all.filter { !$0.path.hasPrefix("search/d/") }.map(\.path))
        #expect(rest.map(\.contents) == all.filter { !$0.path.hasPrefix("search/d/") }.map(\.contents))
    }

    @Test func codeShardsListDescribedAndMentionedCodesWithTheirPages() throws {
        let position = SearchDocument(
            title: "Coordinator", kind: "Position description", date: "2022-08-30", dateText: "August 30, 2022",
            url: "positions/2345-5035-current.html", occupationCode: "2345-5035", grade: "EAS-17", text: "", parts: [])
        let writer = SearchIndexFiles(codeShardBudget: 80, mentionedCodes: ["0340-0016", "9999-0001"]) { code in
            code == "9999-0001" ? nil : "codes/\(code).html"
        }
        let files = writer.files(for: SearchIndex(documents: [position]))
        let codeFiles = files.filter { $0.path.hasPrefix("search/c/") }.map(\.contents).joined()
        #expect(codeFiles.contains("\"2345-5035\":{\"title\":\"Coordinator\",\"grade\":\"EAS-17\",\"page\":\"codes/2345-5035.html\",\"documents\":[0]}"))
        #expect(codeFiles.contains("\"0340-0016\":{\"title\":null,\"grade\":null,\"page\":\"codes/0340-0016.html\",\"documents\":[]}"))
        #expect(!codeFiles.contains("9999-0001"), "a code without a page or a description has nothing to show")
        #expect(files.filter { $0.path.hasPrefix("search/c/") }.count == 2)
        let manifest = try #require(files.first { $0.path == "search/manifest.js" }).contents
        #expect(manifest.contains("\"codeShards\":[\"\",\"2\"]"))
    }
}
