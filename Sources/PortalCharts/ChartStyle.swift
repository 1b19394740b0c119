/// The charts' shared look: colours that keep WCAG contrast on white and print as distinct greys,
/// and the patterns that carry meaning where colour alone would not.
enum ChartStyle {
    /// Body text: 16.1:1 on white.
    static let text = "#1b1b1b"
    /// Bars: 9.4:1 on white, so the bar and its edge read as graphics (WCAG 1.4.11 needs 3:1).
    static let bar = "#1a4480"
    /// The lighter band fill (text never sits on it).
    static let bandFill = "#dfe1e2"
    static let font = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
    static let fontSize = "14"
    static let smallSize = "12"
    /// Width of the drawing in viewBox units; it scales down to any screen (320 px included).
    static let width = 340.0

    /// Pattern ids, referenced as `url(#id)`.
    static let hatch = "hatch"
    static let stripes = "stripes"

    /// The `<defs>`: diagonal hatching for alternate bands, and stripes for exception bars.
    static var definitions: SVGElement {
        SVGElement("defs", children: [
            .element(SVGElement("pattern", [
                ("id", hatch), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                ("patternTransform", "rotate(45)"),
            ], children: [
                .element(SVGElement("rect", [("width", "6"), ("height", "6"), ("fill", "#ffffff")])),
                .element(SVGElement("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", "#565c65"), ("stroke-width", "2")])),
            ])),
            .element(SVGElement("pattern", [
                ("id", stripes), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                ("patternTransform", "rotate(-45)"),
            ], children: [
                .element(SVGElement("rect", [("width", "6"), ("height", "6"), ("fill", "#ffffff")])),
                .element(SVGElement("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", bar), ("stroke-width", "4")])),
            ])),
        ])
    }

    /// A text element in the chart's font.
    static func text(
        _ content: String, x: Double, y: Double, size: String = fontSize, anchor: String? = nil, weight: String? = nil,
        className: String? = nil
    ) -> SVGElement {
        var attributes = [("x", ChartNumber.coordinate(x)), ("y", ChartNumber.coordinate(y)), ("font-size", size)]
        if let anchor { attributes.append(("text-anchor", anchor)) }
        if let weight { attributes.append(("font-weight", weight)) }
        attributes.append(("fill", ChartStyle.text))
        if let className { attributes.append(("class", className)) }
        return SVGElement("text", attributes, text: content)
    }

    /// The root `<svg>` with its title and description (the finding), ready for the drawing.
    ///
    /// The title, as the first child, names the image; the Nu checker refuses `aria-labelledby` on a
    /// standalone SVG's root, so the two are not linked by ids.
    static func root(id: String, height: Double, title: String, description: String) -> SVGElement {
        SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(ChartNumber.coordinate(width)) \(ChartNumber.coordinate(height))"),
            ("width", ChartNumber.coordinate(width)), ("height", ChartNumber.coordinate(height)),
            ("role", "img"),
            ("font-family", font),
        ], children: [
            .element(SVGElement("title", [("id", "\(id)-title")], text: title)),
            .element(SVGElement("desc", [("id", "\(id)-desc")], text: description)),
            .element(definitions),
            .element(SVGElement("rect", [
                ("width", ChartNumber.coordinate(width)), ("height", ChartNumber.coordinate(height)), ("fill", "#ffffff"),
            ])),
        ])
    }
}

extension ChartStyle {
    /// `text` broken at spaces into lines of at most `limit` characters (a longer word keeps a line of its own).
    ///
    /// SVG text does not wrap, and a chart cannot measure its font, so lines are kept short enough
    /// for the widest common sans-serif at the chart's sizes.
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= limit {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Characters per line at the normal size, and at the small size.
    static let lineLimit = 38
    static let smallLineLimit = 48
}
