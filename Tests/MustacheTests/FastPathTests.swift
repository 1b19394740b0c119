import Mustache
import PropertyBased
import Testing

/// The vendored swift-mustache looks up strings, integers, booleans, `[String: Any]` and
/// `[[String: Any]]` by exact type before its general protocol casts (Sources/Mustache/README.md).
///
/// These tests render each template twice: once with those plain values, which take the fast
/// paths, and once with stand-ins the fast paths cannot recognise (a `MustacheParent` struct for
/// a dictionary, a `MustacheSequence` struct for an array, a `CustomStringConvertible` for a string or number), which
/// take the library's original code. The two must give the same text.
@Suite struct FastPathTests {
    /// A dictionary the fast path does not see as `[String: Any]`; printed as the original, should a template print it.
    struct Parent: MustacheParent, CustomStringConvertible {
        var values: [String: Any]
        var original: [String: Any]
        func child(named name: String) -> Any? { values[name] }
        var description: String { String(describing: original) }
    }

    /// An array the fast path does not see as `[[String: Any]]`; printed as the original.
    /// (Its property names are none of the random test's keys: the library reads a struct's
    /// properties by reflection when a dotted name reaches it.)
    struct Items: MustacheSequence, CustomStringConvertible {
        var elements: [Any]
        var original: [[String: Any]]
        func makeIterator() -> IndexingIterator<[Any]> { elements.makeIterator() }
        var description: String { String(describing: original) }
    }

    /// A string or number the fast path does not see as `String` or `Int`; rendered through `String(describing:)`.
    struct Described: CustomStringConvertible {
        var description: String
    }

    /// `value` with every dictionary, array, string and integer replaced by its stand-in; booleans stay.
    static func opaque(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]:
            return Parent(values: dictionary.mapValues(opaque), original: dictionary)
        case let array as [[String: Any]]:
            return Items(elements: array.map(opaque), original: array)
        case let array as [Any]:
            return array.map(opaque)
        case let string as String:
            return Described(description: string)
        case let bool as Bool:
            return bool
        case let int as Int:
            return Described(description: String(int))
        default:
            return value
        }
    }

    static var context: [String: Any] { [
        "title": "Supervisor, Customer Services <EAS-17> & \"more\"",
        "count": 3,
        "zero": 0,
        "empty": "",
        "yes": true,
        "no": false,
        "root": "../",
        "code": ["value": "2345-5035", "grade": "EAS-17", "nested": ["deep": "found"]] as [String: Any],
        "documents": [
            ["href": "a.html", "title": "First", "places": [["href": "a.html#p1"], ["href": "a.html#p2"]] as [[String: Any]]],
            ["href": "b.html", "title": "Second <b>", "places": [] as [[String: Any]], "onFile": true],
        ] as [[String: Any]],
        "none": [] as [[String: Any]],
        "names": ["delta", "alpha", "charlie"],
    ] }

    static let templates = [
        "{{title}}|{{{title}}}|{{&title}}",
        "{{count}} {{zero}} {{missing}}|{{empty}}|",
        "{{#yes}}Y{{/yes}}{{^yes}}not y{{/yes}}{{#no}}N{{/no}}{{^no}}not n{{/no}}",
        "{{#title}}[{{.}}]{{/title}}{{^title}}untitled{{/title}}",
        "{{#empty}}empty is truthy{{/empty}}{{^empty}}empty is falsy{{/empty}}",
        "{{#code}}{{value}} ({{grade}}) under {{title}}{{/code}}{{^code}}no code{{/code}}",
        "{{code.value}} {{code.nested.deep}} {{#code.nested}}{{deep}}{{/code.nested}}",
        "{{#documents}}<a href=\"{{root}}{{href}}\">{{title}}</a>{{#places}}({{href}} in {{title}}){{/places}}{{^places}}(none){{/places}}{{#onFile}}*{{/onFile}};{{/documents}}",
        "{{#none}}never{{/none}}{{^none}}no documents{{/none}}{{^documents}}never{{/documents}}",
        "{{#missing}}never{{/missing}}{{^missing}}missing is falsy{{/missing}}",
        "{{#documents}}{{#first}}first {{/first}}{{#last}}last {{/last}}{{title}} {{/documents}}",
        "{{#code}}{{#nested}}{{deep}} {{grade}} {{count}}{{/nested}}{{/code}}",
    ]

    @Test(arguments: templates)
    func fastPathsRenderAsTheGeneralCode(_ text: String) throws {
        let template = try MustacheTemplate(string: text)
        let fast = template.render(Self.context)
        let general = template.render(Self.opaque(Self.context))
        #expect(fast == general)
    }

    @Test func knownResults() throws {
        func render(_ text: String) throws -> String { try MustacheTemplate(string: text).render(Self.context) }
        #expect(try render("{{title}}") == "Supervisor, Customer Services &lt;EAS-17&gt; &amp; &quot;more&quot;")
        #expect(try render("{{{title}}}") == "Supervisor, Customer Services <EAS-17> & \"more\"")
        #expect(try render("{{count}}/{{zero}}") == "3/0")
        #expect(try render("{{#no}}N{{/no}}{{^no}}n{{/no}}{{#yes}}Y{{/yes}}") == "nY")
        #expect(try render("{{#documents}}{{root}}{{href}} {{/documents}}") == "../a.html ../b.html ")
        #expect(try render("{{#code}}{{title}}{{/code}}") == "Supervisor, Customer Services &lt;EAS-17&gt; &amp; &quot;more&quot;")
        #expect(try render("{{#empty}}t{{/empty}}{{^empty}}f{{/empty}}") == "t")
        #expect(try render("{{^none}}none{{/none}}") == "none")
        // Transforms apply to the plain values (the stand-ins have none, so they are not compared above).
        #expect(try render("{{uppercased(empty)}}|{{lowercased(code.grade)}}|{{plusone(count)}}") == "|eas-17|4")
        #expect(try render("{{#reversed(names)}}{{.}} {{/reversed(names)}}{{#sorted(names)}}{{.}},{{/sorted(names)}}") == "charlie alpha delta alpha,charlie,delta,")
    }

    /// Sections and partials render into the page's string; an indented partial still indents each of its lines.
    @Test func nestedSectionsAndIndentedPartials() throws {
        var library = MustacheLibrary()
        try library.register("<ul>\n  {{> item}}\n</ul>\n{{#documents}}[{{> inline}}]{{/documents}}", named: "page")
        try library.register("<li>{{title}}</li>\n<li>{{#code}}{{value}}{{/code}}</li>\n", named: "item")
        try library.register("{{title}}{{#places}}<{{href}}>{{/places}}", named: "inline")
        let html = library.render(Self.context, withTemplate: "page")
        #expect(html == """
            <ul>
              <li>Supervisor, Customer Services &lt;EAS-17&gt; &amp; &quot;more&quot;</li>
              <li>2345-5035</li>
            </ul>
            [First<a.html#p1><a.html#p2>][Second &lt;b&gt;]
            """)
    }

    /// Random contexts and templates: the fast and the general paths agree on every one.
    @Test func randomContextsRenderAlike() throws {
        // Seeded, so that a failure names a template that reproduces.
        var generator = Xoshiro(seed: (0x5EED_CAFE, 1, 2, 3))
        let keys = ["a", "b", "c", "title", "items"]
        func value(_ depth: Int) -> Any {
            switch generator.next() % (depth > 2 ? 4 : 7) {
            case 0: return ["x<y", "", "plain", "&amp;", "2345-5035"][Int(generator.next() % 5)]
            case 1: return Int(generator.next() % 200) - 100
            case 2: return generator.next() % 2 == 0
            case 3: return [] as [[String: Any]]
            case 4, 5: return dictionary(depth + 1)
            default: return (0..<Int(generator.next() % 4)).map { _ in dictionary(depth + 1) }
            }
        }
        func dictionary(_ depth: Int) -> [String: Any] {
            var result: [String: Any] = [:]
            for key in keys where generator.next() % 2 == 0 { result[key] = value(depth) }
            return result
        }
        func template(_ depth: Int) -> String {
            (0..<Int(1 + generator.next() % 3)).map { _ -> String in
                let key = keys[Int(generator.next() % UInt64(keys.count))]
                switch generator.next() % (depth > 2 ? 3 : 6) {
                case 0: return "{{\(key)}}"
                case 1: return "{{{\(key)}}}"
                case 2: return "{{#\(key)}}.{{/\(key)}}"
                case 3: return "{{#\(key)}}<\(template(depth + 1))>{{/\(key)}}"
                case 4: return "{{^\(key)}}!\(template(depth + 1)){{/\(key)}}"
                default: return "{{\(key).\(keys[Int(generator.next() % UInt64(keys.count))])}}"
                }
            }.joined(separator: " ")
        }
        for _ in 0..<2_000 {
            let context = dictionary(0)
            let text = template(0)
            let compiled = try MustacheTemplate(string: text)
            let fast = compiled.render(context)
            let general = compiled.render(Self.opaque(context))
            #expect(fast == general, "template \(text)")
        }
    }
}
