import Foundation
import StaffingModel

/// The score chart of one district set: a bar per district at its score, the band edges as labelled
/// lines over shaded bands, the positions each district earns, exceptions and near-edge districts marked.
///
/// Every number comes from ``ScoreFindings`` (so from the model and the districts data); nothing
/// about a particular model is assumed. The drawing is the same bytes for the same data.
public struct ScoreChart: Sendable {
    public let title: String
    public let findings: ScoreFindings
    public let model: WorkloadModel
    public let names: PositionShortNames
    /// Sentences the legend ends with, e.g. that the figures are illustrative.
    public let notes: [String]
    /// The axis, shared by every part of the drawing.
    let scale: ScoreScale

    static let margin = 8.0
    static let edgeLabelRow = 16.0
    static let bandStrip = 12.0
    static let rowGap = 10.0
    static let barHeight = 12.0
    static let lineHeight = 16.0

    /// The chart of `districts`; its legend says so when the sidecar marks them illustrative.
    public init(title: String, model: WorkloadModel, districts: DistrictCounts, catalog: [String: PositionLabel]) {
        self.init(
            title: title, model: model, results: model.compute(districts: districts), catalog: catalog,
            notes: districts.info.illustrativeNotice.map { [$0] } ?? [])
    }

    /// A chart of results already computed with `model`.
    public init(
        title: String, model: WorkloadModel, results: [DistrictResult], catalog: [String: PositionLabel], notes: [String] = []
    ) {
        self.title = title
        self.notes = notes
        self.model = model
        let findings = ScoreFindings(model: model, results: results)
        self.findings = findings
        names = PositionShortNames(codes: model.occupationCodes, catalog: catalog)
        scale = ScoreScale(
            highestEdge: findings.edges.last ?? 0, highestScore: findings.placements.map(\.score).max(),
            left: Self.margin, right: ChartStyle.width - Self.margin)
    }

    /// The text alternative: the chart's finding, naming the district nearest a band edge.
    public var alternative: String { findings.summary }


    /// The whole SVG file.
    public var svg: String {
        var y = Self.margin
        let (labels, labelRows) = edgeLabels(top: y)
        y += Double(labelRows) * Self.edgeLabelRow
        let stripTop = y
        let strip = bandStrip(top: stripTop)
        y += Self.bandStrip + Self.rowGap
        let rowsTop = y
        var rows = SVGElement("g", [("class", "districts")])
        var spans = [(top: stripTop - 4, bottom: stripTop + Self.bandStrip)]
        for placement in findings.placements {
            let (row, barTop, height) = districtRow(placement, top: y)
            rows.append(row)
            spans.append((barTop - 3, barTop + Self.barHeight + 3))
            y += height
        }
        let edgeLines = self.edgeLines(spans)
        y = max(y, rowsTop) + Self.rowGap
        let (legend, legendHeight) = self.legend(top: y)
        y += legendHeight + Self.margin
        var root = ChartStyle.root(id: "score-chart", height: y, title: title, description: alternative)
        // Edge lines first, so the bars cover them and only the ticks above and below each bar show.
        for part in [strip, edgeLines, labels, rows, legend] { root.append(part) }
        return root.xml + "\n"
    }

    /// The edge values above the axis; a label that would touch the one before it drops to a second row.
    private func edgeLabels(top: Double) -> (SVGElement, rows: Int) {
        var group = SVGElement("g", [("class", "edge-labels")])
        var rowEnds: [Double] = []
        var rowsUsed = 1
        var placed: [(text: String, x: Double, row: Int)] = []
        for edge in findings.edges {
            let text = ChartNumber.plain(edge)
            let x = scale.x(edge)
            let halfWidth = Double(text.count) * 3.6 + 2
            let row = rowEnds.firstIndex { $0 < x - halfWidth } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(x + halfWidth) } else { rowEnds[row] = x + halfWidth }
            rowsUsed = max(rowsUsed, row + 1)
            placed.append((text, x, row))
        }
        for label in placed {
            group.append(ChartStyle.text(
                label.text, x: label.x, y: top + Double(label.row) * Self.edgeLabelRow + 12, size: ChartStyle.smallSize,
                anchor: "middle", className: "edge-label"))
        }
        return (group, rowsUsed)
    }

    /// The bands as a strip under the edge labels, alternately hatched and filled, so they differ in black and white too.
    private func bandStrip(top: Double) -> SVGElement {
        var group = SVGElement("g", [("class", "bands")])
        let bands = model.bands.sorted { $0.min < $1.min }
        for (index, band) in bands.enumerated() {
            let x0 = scale.x(band.min)
            let x1 = index + 1 < bands.count ? scale.x(bands[index + 1].min) : scale.x(band.max)
            group.append(SVGElement("rect", [
                ("x", ChartNumber.coordinate(x0)), ("y", ChartNumber.coordinate(top)),
                ("width", ChartNumber.coordinate(max(x1 - x0, 0))), ("height", ChartNumber.coordinate(Self.bandStrip)),
                ("fill", index % 2 == 0 ? "url(#\(ChartStyle.hatch))" : ChartStyle.bandFill),
                ("stroke", ChartStyle.text), ("stroke-width", "1"),
            ], children: [.element(SVGElement("title", text: "\(band.range.label): \(names.earned(band.earned, codes: model.occupationCodes))"))]))
        }
        return group
    }

    /// Each edge as a line through the strip and across every bar, broken where the text runs so it stays legible.
    private func edgeLines(_ spans: [(top: Double, bottom: Double)]) -> SVGElement {
        var group = SVGElement("g", [("class", "edges"), ("stroke", ChartStyle.text), ("stroke-width", "1.5")])
        for edge in findings.edges {
            let x = ChartNumber.coordinate(scale.x(edge))
            for span in spans {
                group.append(SVGElement("line", [
                    ("x1", x), ("y1", ChartNumber.coordinate(span.top)), ("x2", x), ("y2", ChartNumber.coordinate(span.bottom)),
                ]))
            }
        }
        return group
    }

    /// One district: its name, score and positions on a line, the bar, and a line of marks when it has any.
    private func districtRow(_ placement: ScoreFindings.Placement, top: Double) -> (SVGElement, barTop: Double, height: Double) {
        var group = SVGElement("g", [("class", "district")])
        let earned = names.earned(placement.result.earned, codes: model.occupationCodes)
        let lines = ChartStyle.wrap(
            "\(placement.district): \(ChartNumber.score(placement.score)) · \(earned)", limit: ChartStyle.lineLimit)
        for (index, line) in lines.enumerated() {
            group.append(ChartStyle.text(line, x: Self.margin, y: top + 12 + Double(index) * 17, className: "district-label"))
        }
        let textHeight = 16 + Double(lines.count - 1) * 17
        let barTop = top + textHeight
        let end = scale.x(placement.score)
        group.append(SVGElement("rect", [
            ("x", ChartNumber.coordinate(scale.left)), ("y", ChartNumber.coordinate(barTop)),
            ("width", ChartNumber.coordinate(end - scale.left)), ("height", ChartNumber.coordinate(Self.barHeight)),
            ("fill", placement.isException ? "url(#\(ChartStyle.stripes))" : ChartStyle.bar),
            ("stroke", ChartStyle.bar), ("stroke-width", "1"),
        ]))
        var markBaseline = barTop + Self.barHeight + 13
        if placement.isNearEdge {
            group.append(SVGElement("circle", [
                ("cx", ChartNumber.coordinate(end)), ("cy", ChartNumber.coordinate(barTop + Self.barHeight / 2)), ("r", "5"),
                ("fill", "#ffffff"), ("stroke", ChartStyle.text), ("stroke-width", "2"),
            ]))
        }
        let marks = self.marks(placement)
        for line in marks.isEmpty ? [] : ChartStyle.wrap(marks.joined(separator: " · "), limit: ChartStyle.smallLineLimit) {
            group.append(ChartStyle.text(
                line, x: Self.margin, y: markBaseline, size: ChartStyle.smallSize, weight: "bold", className: "district-marks"))
            markBaseline += Self.lineHeight
        }
        let height = markBaseline - 13 - top + Self.rowGap
        return (group, barTop, height)
    }

    /// "exception", "near the edge: 0.80 below 102".
    func marks(_ placement: ScoreFindings.Placement) -> [String] {
        var marks: [String] = []
        if placement.isException { marks.append("exception") }
        if placement.isNearEdge { marks.append("near the edge: \(ScoreFindings.position(of: placement))") }
        return marks
    }

    /// What the bars, lines, strip and marks mean; the bands and the short names of the positions.
    private func legend(top: Double) -> (SVGElement, height: Double) {
        var lines = [
            "Bars: workload scores. Upright lines: band edges.",
            "Striped bar: a district an exception lists.",
            "Ring: within \(ChartNumber.plain(findings.margin)) points of a band edge.",
        ]
        for band in model.bands.sorted(by: { $0.min > $1.min }) {
            lines.append("Band \(band.range.label): \(names.earned(band.earned, codes: model.occupationCodes))")
        }
        if let lowest = findings.edges.first {
            lines.append("Below \(ChartNumber.plain(lowest)): no positions")
        }
        lines += names.key + notes
        var group = SVGElement("g", [("class", "legend")])
        let wrapped = lines.flatMap { ChartStyle.wrap($0, limit: ChartStyle.smallLineLimit) }
        for (index, line) in wrapped.enumerated() {
            group.append(ChartStyle.text(line, x: Self.margin, y: top + 12 + Double(index) * Self.lineHeight, size: ChartStyle.smallSize))
        }
        return (group, Double(wrapped.count) * Self.lineHeight)
    }
}
