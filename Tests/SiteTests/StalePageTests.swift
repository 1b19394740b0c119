import Foundation
import StaffingModel
import Testing
import Yams

@testable import PortalSite
@testable import PortalPages
@testable import PortalRender
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalCache
@testable import PortalBundle

/// An incremental build never serves a stale page, whichever input a template can see changes.
///
/// A reused page is right only when everything it read besides document bodies is in the site key
/// (`SiteModel.siteKey`) or the global key (theme, binary, options). Rather than trust a list kept by
/// hand, this test finds the inputs itself: the build date, every file under the repository's Content/
/// and Theme/, and within them every value of every front matter, `site.yaml` and YAML data file (found
/// by parsing the YAML), every line of other data files, and each document's body. For each it makes a
/// valid-ish change, builds incrementally after a full build, builds the same sources clean elsewhere, and
/// expects the same bytes; then it undoes the change and expects the next incremental build to give
/// back the original site, so every change starts from the same cache.
@Suite struct StalePageTests {
    /// The name of the build date among the inputs; every other input is a path in the repository.
    static let buildDate = "build date"

    /// Every input, as the repository holds them now: the build date, then each file of Content/ and Theme/.
    static func inputs() -> [String] {
        [buildDate] + ["Content", "Theme"].flatMap { part in
            ((try? files(in: repositoryRoot.appendingPathComponent(part))) ?? []).map { "\(part)/\($0)" }
        }
    }

    @Test func inputsAreFoundInTheRepository() {
        let inputs = Self.inputs()
        #expect(inputs.contains("Content/site.yaml") && inputs.contains("Theme/templates/layout.mustache"))
        #expect(inputs.filter { $0.hasSuffix(".md") }.count >= 13)
    }

    @Test(arguments: inputs())
    func changingAnInputLeavesNoPageStale(_ input: String) throws {
        let workspace = try IncrementalBuildTests.Workspace("stale")
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let mutations = try InputMutations.of(input, in: workspace.folder)
        #expect(!mutations.isEmpty, "\(input): no change found to make")
        var runner = try Runner(workspace)
        for mutation in mutations { try runner.check(mutation, of: input) }
        // An input whose every change the build refuses tests nothing.
        #expect(runner.compared > 0, "\(input): the build refused every change")
        print(
            "StalePageTests: \(input): \(runner.compared) changes compared (\(runner.changedOutput) changed the output),",
            "refused by the build: \(runner.refused)")
    }

    /// Values are changed in place, keeping the rest of the line, and stay valid where they can.
    @Test func valuesChangeInPlace() throws {
        #expect(InputMutations.replacements(for: "2022-08-31") == ["2022-09-01"])
        #expect(InputMutations.replacements(for: "187.00") == ["187.01"])
        #expect(InputMutations.replacements(for: "199") == ["200"])
        #expect(InputMutations.replacements(for: "EAS-17") == ["EAS-17 mutated", "EAS-18"])
        let lines = ["---", "title: \"A: B\"", "enclosures:", "  - {code: 2345-5035, version: current}", "---", "Body 2345-5035."]
        let mutations = try InputMutations.yamlValues(lines: lines, range: 1..<4)
        #expect(mutations.map(\.label) == ["title", "enclosures[0].code", "enclosures[0].version"])
        guard case .bytes(let changed) = mutations[1].candidates.last else { return }
        #expect(String(decoding: changed, as: UTF8.self).contains("  - {code: 2345-5036, version: current}\n"))
    }

    /// Runs the builds for one input's changes in one workspace, whose cache always starts from the original site.
    struct Runner {
        /// The same fixed day as the golden pages, so the build date is an input this test changes, like any other.
        static let sourceDateEpoch = GoldenPagesTests.sourceDateEpoch

        let workspace: IncrementalBuildTests.Workspace
        /// The original site, as the first (full) build wrote it.
        let original: [String: Data]
        private(set) var compared = 0
        /// Compared changes that changed the output; the others show something no page reads.
        private(set) var changedOutput = 0
        /// The changes no candidate of which the build accepted, by label.
        private(set) var refused: [String] = []

        init(_ workspace: IncrementalBuildTests.Workspace) throws {
            self.workspace = workspace
            if let failure = Self.build(workspace.options(), epoch: Self.sourceDateEpoch) { throw failure }
            original = try fileContents(in: workspace.output)
        }

        /// Tries the mutation's candidates until one builds; compares that one incrementally and clean, then undoes it.
        mutating func check(_ mutation: Mutation, of input: String) throws {
            let label = "\(input): \(mutation.label)"
            let file = workspace.folder.appendingPathComponent(input)
            let originalBytes = FileManager.default.contents(atPath: file.path)
            for candidate in mutation.candidates {
                var epoch = Self.sourceDateEpoch
                switch candidate {
                case .bytes(let bytes): try bytes.write(to: file)
                case .date(let seconds): epoch = seconds
                }
                let incremental = Self.build(workspace.options(), epoch: epoch)
                let cleanOutput = workspace.folder.appendingPathComponent("clean/Public")
                try? FileManager.default.removeItem(at: cleanOutput.deletingLastPathComponent())
                let clean = Self.build(workspace.options(output: cleanOutput, cached: false), epoch: epoch)
                switch (incremental, clean) {
                case (.some, .some):
                    continue  // Refused by the build either way: not a valid change; try the next candidate.
                case (nil, nil):
                    let cleanFiles = try fileContents(in: cleanOutput)
                    try Self.expectSame(fileContents(in: workspace.output), cleanFiles, "\(label): files that differ from a clean build")
                    if cleanFiles != original { changedOutput += 1 }
                case (let failure?, nil):
                    Issue.record("\(label): the incremental build failed where a clean one succeeded: \(failure)")
                case (nil, let failure?):
                    Issue.record("\(label): the incremental build succeeded where a clean one failed: \(failure)")
                }
                compared += 1
                // Undone, the next incremental build must give back the original site; the next change starts from it.
                if let originalBytes { try originalBytes.write(to: file) }
                if let failure = Self.build(workspace.options(), epoch: Self.sourceDateEpoch) {
                    Issue.record("\(label), undone: the build failed: \(failure)")
                } else {
                    try Self.expectSame(fileContents(in: workspace.output), original, "\(label), undone: files that differ from the original site")
                }
                return
            }
            refused.append(mutation.label)
            if let originalBytes { try originalBytes.write(to: file) }
        }

        /// Builds with `options` and the given date; nil on success, else the failure.
        static func build(_ options: SiteBuilder.Options, epoch: Int) -> SiteBuilder.Failure? {
            var options = options
            options.sourceDateEpoch = epoch
            do {
                _ = try SiteBuilder(options: options).build()
                return nil
            } catch {
                return error
            }
        }

        /// Expects two outputs to hold the same files with the same bytes, naming the first that differ (or are missing).
        static func expectSame(_ got: [String: Data], _ expected: [String: Data], _ message: String) {
            let paths = Set(got.keys).union(expected.keys).sorted()
            let differing = paths.filter { got[$0] != expected[$0] }
            #expect(differing.isEmpty, "\(message): \(differing.count), first \(differing.prefix(6))")
        }
    }
}

extension StalePageTests {
    /// One change to one input: alternatives tried in order until the build accepts one.
    struct Mutation: CustomStringConvertible {
        enum Change {
            /// The input file's whole new contents.
            case bytes(Data)
            /// The build date, as `SOURCE_DATE_EPOCH`.
            case date(Int)
        }

        /// What is changed within the input, e.g. `from.name` or `body: a heading`.
        var label: String
        var candidates: [Change]

        var description: String { label }
    }

    /// Finds, in an input's own text, each value a template may see, and how to change it.
    enum InputMutations {
        /// The changes to make to `input` (a path under `folder`, or ``StalePageTests/buildDate``).
        static func of(_ input: String, in folder: URL) throws -> [Mutation] {
            let epoch = StalePageTests.Runner.sourceDateEpoch
            if input == StalePageTests.buildDate {
                return [
                    Mutation(label: "a day later", candidates: [.date(epoch + 86_400)]),
                    // The offline bundle's ZIP times count in steps of two seconds.
                    Mutation(label: "two seconds later", candidates: [.date(epoch + 2)]),
                ]
            }
            let data = try Data(contentsOf: folder.appendingPathComponent(input))
            guard input.hasPrefix("Content/"), let text = String(data: data, encoding: .utf8) else {
                return [Mutation(label: "a line break added at the end", candidates: [.bytes(data + Data("\n".utf8))])]
            }
            let lines = text.components(separatedBy: "\n")
            if input.hasSuffix(".md") {
                guard lines.first == "---", let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else {
                    return body(lines, from: 0)
                }
                return try yamlValues(lines: lines, range: 1..<close) + body(lines, from: close + 1)
            }
            if input.hasSuffix(".yaml") || input.hasSuffix(".yml") {
                return try yamlValues(lines: lines, range: lines.indices)
            }
            // Any other data file (CSV): each line's last field.
            return lines.indices.filter { !lines[$0].isEmpty }.map { index in
                let line = lines[index]
                let cut = line.lastIndex(of: ",").map(line.index(after:)) ?? line.startIndex
                let candidates = replacements(for: String(line[cut...])).map { value in
                    Mutation.Change.bytes(joined(lines, replacing: index, with: line[..<cut] + value))
                }
                return Mutation(label: "line \(index + 1), last field", candidates: candidates)
            }
        }

        /// A change to each scalar value (not key) of the YAML in `lines[range]`, found by parsing it.
        static func yamlValues(lines: [String], range: Range<Int>) throws -> [Mutation] {
            guard let root = try Yams.compose(yaml: lines[range].joined(separator: "\n")) else { return [] }
            var values: [(path: String, scalar: Yams.Node.Scalar)] = []
            collect(root, path: "", into: &values)
            return values.compactMap { path, scalar in
                // An empty plain value is null, which the loader reads as a missing field: nothing to change.
                if scalar.style == .plain && scalar.string.isEmpty { return nil }
                let index = range.lowerBound + (scalar.mark?.line ?? 0) - 1
                let changed = replacements(for: scalar.string).compactMap { value in
                    range.contains(index) ? splice(lines[index], at: scalar.mark?.column ?? 0, scalar, with: value) : nil
                }
                // A value this test cannot rewrite in place would go untested without anyone noticing.
                if changed.isEmpty { Issue.record("cannot change '\(path)' in place (line \(index + 1)); teach InputMutations its style") }
                return Mutation(label: path, candidates: changed.map { .bytes(joined(lines, replacing: index, with: $0)) })
            }
        }

        /// Every scalar under `node` that is not a mapping key, with its path (`from.address[0]`).
        static func collect(_ node: Yams.Node, path: String, into values: inout [(path: String, scalar: Yams.Node.Scalar)]) {
            switch node {
            case .scalar(let scalar):
                values.append((path, scalar))
            case .mapping(let mapping):
                for (key, value) in mapping {
                    collect(value, path: path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")", into: &values)
                }
            case .sequence(let sequence):
                for (index, item) in sequence.enumerated() { collect(item, path: "\(path)[\(index)]", into: &values) }
            case .alias:
                break
            }
        }

        /// Changes to a document's body: a paragraph added, the first heading renamed, and a code mentioned again.
        static func body(_ lines: [String], from start: Int) -> [Mutation] {
            let text = lines.joined(separator: "\n")
            var mutations = [Mutation(label: "body: a paragraph added", candidates: [.bytes(Data((text + "\nAdded paragraph.\n").utf8))])]
            if let heading = lines.indices.first(where: { $0 >= start && lines[$0].hasPrefix("#") }) {
                let renamed = joined(lines, replacing: heading, with: lines[heading] + " renamed")
                mutations.append(Mutation(label: "body: the first heading renamed", candidates: [.bytes(renamed)]))
            }
            let bodyText = lines[min(start, lines.count)...].joined(separator: "\n")
            if let code = bodyText.firstMatch(of: #/(?:^|\D)(\d{4}-\d{4})(?!\d)/#)?.output.1 {
                mutations.append(Mutation(
                    label: "body: code \(code) mentioned again", candidates: [.bytes(Data((text + "\nSee also \(code).\n").utf8))]))
            }
            return mutations
        }

        /// New values for `value`, most likely valid first: a date a day later, a number with its last digit raised,
        /// a string with a word added or, failing that, with its last number raised.
        static func replacements(for value: String) -> [String] {
            if let date = CivilDate(value), date.description == value { return [date.adding(days: 1).description] }
            if value == "true" || value == "false" { return [value == "true" ? "false" : "true"] }
            let raised = raisingLastNumber(value)
            if let raised, value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) { return [raised] }
            if value.isEmpty { return ["mutated", "https://example.org"] }
            if value.hasPrefix("https://") || value.hasPrefix("http://") { return [value + "/mutated"] }
            return [value + " mutated"] + (raised.map { [$0] } ?? [])
        }

        /// `value` with its last run of digits one higher (`EAS-17` → `EAS-18`, `199` → `200`), or nil without digits.
        static func raisingLastNumber(_ value: String) -> String? {
            var characters = Array(value)
            guard var index = characters.lastIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
            while characters[index] == "9" {
                characters[index] = "0"
                guard index > 0, characters[index - 1].isASCII, characters[index - 1].isNumber else {
                    characters.insert("1", at: index)
                    return String(characters)
                }
                index -= 1
            }
            characters[index] = Character(String(characters[index].wholeNumberValue! + 1))
            return String(characters)
        }

        /// `line` with the scalar that starts at `column` (1-based, in Unicode scalars, as Yams counts) replaced
        /// by `value`; nil unless its text there is exactly the value (plain or quoted without escapes).
        static func splice(_ line: String, at column: Int, _ scalar: Yams.Node.Scalar, with value: String) -> String? {
            var characters = Array(line.unicodeScalars)
            let old = Array(scalar.string.unicodeScalars)
            var start = column - 1
            switch scalar.style {
            case .plain:
                break
            case .singleQuoted, .doubleQuoted:
                let quote: Unicode.Scalar = scalar.style == .singleQuoted ? "'" : "\""
                guard start >= 0, start + old.count + 1 < characters.count, characters[start] == quote,
                    characters[start + old.count + 1] == quote
                else { return nil }
                start += 1
            default:
                return nil
            }
            guard start >= 0, start + old.count <= characters.count, Array(characters[start..<start + old.count]) == old else { return nil }
            characters.replaceSubrange(start..<start + old.count, with: value.unicodeScalars)
            var text = String.UnicodeScalarView()
            text.append(contentsOf: characters)
            return String(text)
        }

        /// The file's bytes with line `index` replaced.
        static func joined(_ lines: [String], replacing index: Int, with line: some StringProtocol) -> Data {
            var lines = lines
            lines[index] = String(line)
            return Data(lines.joined(separator: "\n").utf8)
        }
    }
}
