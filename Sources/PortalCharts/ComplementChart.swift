import StaffingModel

/// The complement chart: current and proposed authorizations per position as paired bars, with each
/// difference and the total, drawn from a ``PositionComplement``.
public struct ComplementChart: Sendable {
    /// One pair of bars: a position, or the total.
    public struct Row: Equatable, Sendable {
        public var label: String
        public var current: Int
        public var proposed: Int
        public var difference: Int { proposed - current }
    }

    public let title: String
    /// One row per position in the data's order, then the total (only when there are two positions or more).
    public let rows: [Row]

    static let margin = 8.0
    static let labelColumn = 125.0
    static let barHeight = 12.0

    public init(title: String, complement: PositionComplement, catalog: [String: PositionLabel]) {
        self.title = title
        var rows = complement.positions.map { position in
            Row(label: catalog[position.code].map { $0.name(code: position.code) } ?? position.code,
                current: position.current, proposed: position.proposed)
        }
        if complement.positions.count > 1 {
            rows.append(Row(label: "Total", current: complement.totalCurrent, proposed: complement.totalProposed))
        }
        self.rows = rows
    }

    /// The text alternative: every change and the total in words.
    public var alternative: String {
        guard !rows.isEmpty else { return "Authorized positions, current and proposed: no positions listed." }
        let changes = rows.map { "\($0.label): \($0.current) to \($0.proposed) (\(ChartNumber.signed($0.difference)))" }
        var text = "Authorized positions, current and proposed. " + changes.joined(separator: "; ") + "."
        if let largest = rows.filter({ $0.label != "Total" }).max(by: { abs($0.difference) < abs($1.difference) }),
           rows.count > 2, largest.difference != 0 {
            text += " The largest change is \(largest.label), \(ChartNumber.signed(largest.difference))."
        }
        return text
    }

    /// The whole SVG file.
    public var svg: String {
        let highest = max(rows.map { max($0.current, $0.proposed) }.max() ?? 0, 1)
        let left = Self.margin + Self.labelColumn
        let right = ChartStyle.width - Self.margin
        func x(_ value: Int) -> Double { left + (right - left) * Double(value) / Double(highest) }
        var y = Self.margin
        var group = SVGElement("g", [("class", "positions")])
        for row in rows {
            var rowGroup = SVGElement("g", [("class", row.label == "Total" ? "total" : "position")])
            for line in ChartStyle.wrap(row.label, limit: ChartStyle.lineLimit) {
                rowGroup.append(ChartStyle.text(line, x: Self.margin, y: y + 13, weight: "bold", className: "position-label"))
                y += 18
            }
            y += 2
            for (name, value, fill) in [
                ("Current", row.current, "url(#\(ChartStyle.hatch))"), ("Proposed", row.proposed, ChartStyle.bar),
            ] {
                let text = name == "Proposed" ? "\(name) \(value) (\(ChartNumber.signed(row.difference)))" : "\(name) \(value)"
                rowGroup.append(ChartStyle.text(text, x: Self.margin, y: y + 11, size: ChartStyle.smallSize, className: name.lowercased()))
                rowGroup.append(SVGElement("rect", [
                    ("x", ChartNumber.coordinate(left)), ("y", ChartNumber.coordinate(y)),
                    ("width", ChartNumber.coordinate(x(value) - left)), ("height", ChartNumber.coordinate(Self.barHeight)),
                    ("fill", fill), ("stroke", ChartStyle.bar), ("stroke-width", "1"),
                ]))
                y += Self.barHeight + 6
            }
            y += 10
            group.append(rowGroup)
        }
        var legend = SVGElement("g", [("class", "legend")])
        legend.append(ChartStyle.text("Hatched bars: current. Solid bars: proposed.", x: Self.margin, y: y + 12, size: ChartStyle.smallSize))
        y += 16 + Self.margin
        var root = ChartStyle.root(id: "complement-chart", height: y, title: title, description: alternative)
        root.append(group)
        root.append(legend)
        return root.xml + "\n"
    }
}
