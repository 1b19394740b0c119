import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read back with Foundation's parser: proof a chart is well-formed, and a way to query it.
final class ParsedXML: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        let attributes: [String: String]
        var text = ""
        var children: [Node] = []
        weak var parent: Node?

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        /// Every node below this one named `name`, in document order.
        func all(_ name: String) -> [Node] {
            children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
        }

        /// Every node below this one whose class is `className`.
        func classed(_ className: String) -> [Node] {
            children.flatMap { ($0.attributes["class"] == className ? [$0] : []) + $0.classed(className) }
        }

        /// This node's text and its descendants', concatenated.
        var allText: String { text + children.map(\.allText).joined() }

        func number(_ attribute: String) -> Double { Double(attributes[attribute] ?? "") ?? .nan }
    }

    private(set) var root: Node?
    private var stack: [Node] = []
    private(set) var error: Error?

    /// Parses `text`; nil when it is not well-formed XML.
    static func parse(_ text: String) -> Node? {
        let reader = ParsedXML()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse(), reader.error == nil else { return nil }
        return reader.root
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let node = Node(name: name, attributes: attributes)
        node.parent = stack.last
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = parseError
    }
}
