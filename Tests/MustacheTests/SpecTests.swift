import Foundation
import Mustache
import Testing

/// The Mustache spec (Tests/Fixtures/mustache-spec, see its README.md) run against the vendored
/// swift-mustache, one test case per spec case, as upstream's `SpecTests.swift` runs it against
/// swift-mustache 2.1.1 (upstream downloads the JSON at test time; here it is committed).
///
/// Every case renders its data twice, as `FastPathTests` does: with plain values, which take the
/// vendored copy's fast paths (changes 1-4 in Sources/Mustache/README.md), and with stand-ins that
/// take the library's original code. Both must give the spec's text (or a listed departure's).
@Suite struct MustacheSpecTests {
    /// The spec files run: every required module and the optional ones upstream runs (all of them).
    static let files = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections",
        "~dynamic-names", "~inheritance", "~lambdas",
    ]

    /// Cases that fail, each with the reason. Each is still run, inside `withKnownIssue`, so a case
    /// that starts to pass fails its test and must be taken off this list.
    static let knownFailures: [String: String] = [
        // Upstream skips these two too ("ignoring:" in its SpecTests.swift): swift-mustache 2.1.1 does not re-indent block content.
        "~inheritance: Intrinsic indentation":
            "swift-mustache 2.1.1 does not re-indent a block's content to the indentation of the default content it replaces; upstream skips it",
        "~inheritance: Nested block reindentation":
            "swift-mustache 2.1.1 does not re-indent a nested block's content relative to its surrounding block; upstream skips it",
        // Upstream leaves this lambda out of its map, so never runs it.
        "~lambdas: Section - Alternate Delimiters":
            "under set delimiters swift-mustache 2.1.1 passes a section lambda no text and parses its result with the default delimiters; upstream skips it",
    ]

    /// Cases where the vendored copy deliberately gives other text than the spec's: the text it gives, and why.
    /// (None: the five changes keep the library's output, and no case departs because of them.)
    static let departures: [String: (text: String, reason: String)] = [:]

    /// The lambdas of `~lambdas.json`, whose data give only other languages' code: upstream's, and the one it leaves out.
    static func lambda(for name: String) -> MustacheLambda? {
        var calls = 0
        switch name {
        case "Interpolation": return MustacheLambda { "world" }
        case "Interpolation - Expansion": return MustacheLambda { "{{planet}}" }
        case "Interpolation - Alternate Delimiters": return MustacheLambda { "|planet| => {{planet}}" }
        case "Interpolation - Multiple Calls":
            return MustacheLambda {
                MustacheLambda {
                    calls += 1
                    return calls
                }
            }
        case "Escaping": return MustacheLambda { ">" }
        case "Section": return MustacheLambda { text in text == "{{x}}" ? "yes" : "no" }
        case "Section - Expansion": return MustacheLambda { text in text + "{{planet}}" + text }
        case "Section - Alternate Delimiters": return MustacheLambda { text in text + "{{planet}} => |planet|" + text }
        case "Section - Multiple Calls": return MustacheLambda { text in "__" + text + "__" }
        case "Inverted Section": return MustacheLambda { false }
        default: return nil
        }
    }

    @Test(arguments: try SpecCase.load(files: files))
    func spec(_ specCase: SpecCase) throws {
        if let reason = Self.knownFailures[specCase.id] {
            withKnownIssue(Comment(rawValue: reason)) {
                try Self.check(specCase)
            }
        } else {
            try Self.check(specCase)
        }
    }

    static func check(_ specCase: SpecCase) throws {
        var expected = specCase.expected
        if let departure = departures[specCase.id] {
            expected = departure.text
        }
        for shape in DataShape.allCases {
            // A new lambda for each rendering: "Interpolation - Multiple Calls" counts its calls.
            var value = specCase.data.value
            if specCase.file == "~lambdas", var dictionary = value as? [String: Any] {
                let swiftLambda = try #require(Self.lambda(for: specCase.name), "no Swift lambda for \(specCase.id)")
                dictionary["lambda"] = swiftLambda
                value = dictionary
            }
            // A dynamic name's value must be a `String`: the library takes the partial's name by that cast.
            let data = shape.apply(value, keepingStrings: specCase.file == "~dynamic-names")
            let result = try specCase.render(data)
            #expect(
                result == expected,
                """
                \(specCase.id) (\(shape)): \(specCase.desc)
                template: \(String(reflecting: specCase.template))
                result:   \(result.map { String(reflecting: $0) } ?? "nil")
                expected: \(String(reflecting: expected))
                """
            )
        }
    }

    /// All nine files are there with the number of cases they had when committed, and every name in the
    /// lists above is a case, so that a missing file or a renamed case is noticed.
    @Test func fixturesAndListsMatchTheSpec() throws {
        let cases = try SpecCase.load(files: Self.files)
        var counts: [String: Int] = [:]
        for specCase in cases { counts[specCase.file, default: 0] += 1 }
        #expect(counts == [
            "comments": 12, "delimiters": 14, "interpolation": 39, "inverted": 22, "partials": 12, "sections": 34,
            "~dynamic-names": 21, "~inheritance": 27, "~lambdas": 10,
        ])
        let ids = Set(cases.map(\.id))
        #expect(ids.count == cases.count, "every case has its own id")
        #expect(Set(Self.knownFailures.keys).subtracting(ids).isEmpty)
        #expect(Set(Self.departures.keys).subtracting(ids).isEmpty)
        #expect(Set(Self.knownFailures.keys).isDisjoint(with: Self.departures.keys))
        for specCase in cases where specCase.file == "~lambdas" {
            #expect(Self.lambda(for: specCase.name) != nil, "no Swift lambda for \(specCase.id)")
        }
    }
}

/// How a case's JSON data is handed to the library.
enum DataShape: CaseIterable, CustomStringConvertible {
    /// As decoded, the values the portal gives too: `String`, `Int`, `Bool`, `[String: Any]`, and arrays,
    /// which cast to `[[String: Any]]` when every element is an object. They take the vendored copy's fast paths.
    case plain
    /// Every string, integer, object and array of objects replaced by `FastPathTests`' stand-ins
    /// (as `FastPathTests.opaque` does), which the fast paths do not recognise: they take the library's
    /// original, general code.
    case standIns

    var description: String { self == .plain ? "plain values" : "stand-ins" }

    func apply(_ value: Any, keepingStrings: Bool) -> Any {
        guard self == .standIns else { return value }
        switch value {
        case let string as String where keepingStrings:
            return string
        case let dictionary as [String: Any]:
            let values = dictionary.mapValues { apply($0, keepingStrings: keepingStrings) }
            return FastPathTests.Parent(values: values, original: dictionary)
        case let array as [[String: Any]]:
            let elements = array.map { apply($0, keepingStrings: keepingStrings) }
            return FastPathTests.Items(elements: elements, original: array)
        case let array as [Any]:
            return array.map { apply($0, keepingStrings: keepingStrings) }
        default:
            return FastPathTests.opaque(value)
        }
    }
}

/// One case of a spec file.
struct SpecCase: Decodable, Sendable, CustomTestStringConvertible {
    var file = ""
    /// 2 for the second case of a file with the same name (~inheritance.json has two "Text inside parent").
    var occurrence = 1
    let name: String
    let desc: String
    let data: JSONValue
    let partials: [String: String]?
    let template: String
    let expected: String

    enum CodingKeys: String, CodingKey { case name, desc, data, partials, template, expected }

    /// "file: name", as the lists in `MustacheSpecTests` name a case; "file: name (2)" for a repeated name.
    var id: String { occurrence == 1 ? "\(file): \(name)" : "\(file): \(name) (\(occurrence))" }
    var testDescription: String { id }

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mustache-spec")

    static func load(files: [String]) throws -> [SpecCase] {
        struct SpecFile: Decodable { let tests: [SpecCase] }
        return try files.flatMap { file in
            let data = try Data(contentsOf: folder.appendingPathComponent("\(file).json"))
            var seen: [String: Int] = [:]
            return try JSONDecoder().decode(SpecFile.self, from: data).tests.map { test in
                var test = test
                test.file = file
                seen[test.name, default: 0] += 1
                test.occurrence = seen[test.name]!
                return test
            }
        }
    }

    /// Renders as upstream's test does: through a library when the case has partials.
    func render(_ data: Any) throws -> String? {
        let template = try MustacheTemplate(string: self.template)
        guard let partials else { return template.render(data) }
        var templates = ["__test__": template]
        for (name, text) in partials {
            templates[name] = try MustacheTemplate(string: text)
        }
        return MustacheLibrary(templates: templates).render(data, withTemplate: "__test__")
    }
}

/// A JSON value as upstream's `AnyDecodable` decodes it: null as `NSNull`, then `Bool`, `Int`, `UInt`,
/// `Double`, `String`, `[Any]`, `[String: Any]`, tried in that order.
struct JSONValue: Decodable, @unchecked Sendable {  // holds only the immutable values decoded from JSON
    let value: Any

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = NSNull()
        } else if let bool = try? container.decode(Bool.self) {
            value = bool
        } else if let int = try? container.decode(Int.self) {
            value = int
        } else if let uint = try? container.decode(UInt.self) {
            value = uint
        } else if let double = try? container.decode(Double.self) {
            value = double
        } else if let string = try? container.decode(String.self) {
            value = string
        } else if let array = try? container.decode([JSONValue].self) {
            value = array.map(\.value)
        } else if let dictionary = try? container.decode([String: JSONValue].self) {
            value = dictionary.mapValues(\.value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }
}
