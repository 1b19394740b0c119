import Testing
@testable import PortalSearch

/// The index works out impacts and lists on several threads; nothing about it may depend on how many.
@Suite struct ParallelIndexTests {
    /// Random documents over a small vocabulary, so that terms repeat across parts, documents and runs,
    /// with a few very common words so that lists are cut.
    static func corpus(seed: UInt64, documents count: Int) -> [SearchDocument] {
        var random = SplitMix64(seed: seed)
        let vocabulary = (0..<150).map { "w\($0)" } + ["mail", "carrier", "postmaster", "2345-5035"]
        func text(_ words: Int) -> String {
            (0..<words).map { _ -> String in
                // One word in three is among the last four, so those appear in nearly every part.
                Int.random(in: 0..<3, using: &random) == 0
                    ? vocabulary[vocabulary.count - 1 - Int.random(in: 0..<4, using: &random)]
                    : vocabulary[Int.random(in: 0..<vocabulary.count, using: &random)]
            }.joined(separator: " ")
        }
        return (0..<count).map { number in
            let parts = (0..<Int.random(in: 0..<5, using: &random)).map { _ in (text(2), text(Int.random(in: 0..<40, using: &random))) }
            return RankingTests.document(
                "Document \(number) " + text(3), code: number % 7 == 0 ? "2345-5035" : nil,
                text: text(Int.random(in: 0..<60, using: &random)), parts: parts)
        }
    }

    static func index(_ documents: [SearchDocument], ranking: SearchRanking, jobs: Int) -> SearchIndex {
        var builder = SearchIndex.Builder(ranking: ranking)
        for document in documents { builder.add(SearchDocumentTerms(document)) }
        return SearchIndex(documents: documents, builder: builder, jobs: jobs)
    }

    @Test(arguments: [1, 2, 7])
    func theIndexIsTheSameForAnyNumberOfJobs(seed: UInt64) {
        var ranking = SearchRanking()
        ranking.maximumPostingsPerTerm = 40
        let documents = Self.corpus(seed: seed, documents: 120)
        let single = Self.index(documents, ranking: ranking, jobs: 1)
        // The control: the corpus does cut lists, and has terms in many documents, so runs share terms.
        #expect(!single.prunedCounts.isEmpty)
        #expect((single.postings["w3"]?.count ?? 0) > 5)
        #expect(single == SearchIndex(documents: documents, ranking: ranking))
        for jobs in [2, 3, 5, 16] {
            #expect(Self.index(documents, ranking: ranking, jobs: jobs) == single, "jobs \(jobs)")
        }
        // So are the files made from it, split in many shards so that runs of terms cross shard boundaries.
        let writer = SearchIndexFiles(shardBudget: 400)
        let files = writer.files(for: single)
        #expect(files.filter { $0.path.hasPrefix("search/s/") }.count > 5)
        for jobs in [2, 3, 16] {
            #expect(writer.files(for: single, jobs: jobs).elementsEqual(files) { $0 == $1 }, "jobs \(jobs)")
        }
    }

    @Test func tinyIndexesSplitIntoFewerRunsThanJobs() {
        for count in 0..<4 {
            let documents = Self.corpus(seed: UInt64(count), documents: count)
            #expect(Self.index(documents, ranking: SearchRanking(), jobs: 8) == Self.index(documents, ranking: SearchRanking(), jobs: 1))
        }
    }

    /// Runs cover every item once, in order, none empty, each with about its share of the work.
    @Test func runsCoverEveryItemWithAboutAnEqualShareOfWork() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let count = Int.random(in: 0..<60, using: &random)
            let parts = Int.random(in: 1..<9, using: &random)
            let weights = (0..<count).map { _ in Int.random(in: 0..<(Bool.random(using: &random) ? 3 : 50), using: &random) }
            var through: [Int] = []
            for weight in weights { through.append((through.last ?? 0) + weight) }
            let runs = SearchIndex.Builder.runs(count: count, parts: parts) { through[$0] }
            #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == count)
            #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(runs.count == (count == 0 ? 1 : min(parts, count)))
            if count > 0 { #expect(runs.allSatisfy { !$0.isEmpty }) }
            let total = through.last ?? 0
            let heaviest = weights.max() ?? 0
            for run in runs.dropLast() {
                let work = run.reduce(0) { $0 + weights[$1] }
                // A run stops at its share, give or take the one item that crosses it.
                #expect(work <= total / parts + heaviest + 1, "runs \(runs) of \(weights) in \(parts)")
            }
        }
    }

    /// `impact` rounds without libm; it must agree with `rounded()` everywhere, halves above all.
    @Test func impactsRoundAsRoundedDoes() {
        var ranking = SearchRanking()
        ranking.impactScale = 1
        var random = SplitMix64(seed: 7)
        // Scores are finite and not negative; beyond 2^53 every value is whole, and beyond 2^63 no Int holds it.
        var values: [Double] = [0, 0.5, 1.5, 2.5, 0.49999999999999994, -3.5, -0.5, 0x1p52 + 1, 0x1p53, 0x1p53 + 2, 0x1p62]
        for whole in 0..<2000 {
            let half = Double(whole) + 0.5
            values += [half, half.nextUp, half.nextDown, Double(whole)]
        }
        for _ in 0..<20_000 { values.append(Double.random(in: 0..<400, using: &random)) }
        for value in values {
            #expect(ranking.impact(value) == max(1, Int(value.rounded())), "\(value)")
        }
    }
}
