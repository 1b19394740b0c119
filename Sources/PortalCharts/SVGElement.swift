/// One SVG element with its attributes and children, written as XML with every text escaped.
///
/// Kept in the project rather than taken from a library: the allowed packages have no SVG or XML
/// writer, and charts need only elements, attributes and text. Attributes keep the order they are
/// given in, so the same chart is always the same bytes.
public struct SVGElement: Equatable, Sendable {
    /// A child: another element or a run of text.
    public enum Node: Equatable, Sendable {
        case element(SVGElement)
        case text(String)
    }

    public var name: String
    public var attributes: [(name: String, value: String)]
    public var children: [Node]

    public init(_ name: String, _ attributes: [(String, String)] = [], children: [Node] = []) {
        self.name = name
        self.attributes = attributes.map { (name: $0.0, value: $0.1) }
        self.children = children
    }

    /// An element holding only `text`, e.g. `<title>…</title>`.
    public init(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool {
        lhs.name == rhs.name && lhs.children == rhs.children
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    /// Appends `child` as the last child.
    public mutating func append(_ child: SVGElement) { children.append(.element(child)) }

    /// The element as XML: empty elements self-close; children that are all elements go one per line.
    public var xml: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        out += "<" + name
        for attribute in attributes {
            out += " " + attribute.name + "=\"" + XMLEscape.attribute(attribute.value) + "\""
        }
        guard !children.isEmpty else {
            out += "/>"
            return
        }
        out += ">"
        let isBlock = children.allSatisfy { if case .element = $0 { true } else { false } }
        for child in children {
            if isBlock { out += "\n" }
            switch child {
            case .element(let element): element.write(to: &out)
            case .text(let text): out += XMLEscape.text(text)
            }
        }
        if isBlock { out += "\n" }
        out += "</" + name + ">"
    }
}
