/// An accessible table (caption, typed columns, row headers, totals, notes) for the site to render.
///
/// Cell texts are final: numbers are already formatted (thousands separators, 2-decimal
/// scores, signed differences with U+2212 for minus). `notes` are whole sentences to show
/// under the table; `isIllustrative` is true when the figures are made up, so the site can
/// mark the table as well as show the note.
public struct StaffingTable: Equatable, Sendable {
    /// A column header; numeric columns should be right-aligned.
    public struct Column: Equatable, Sendable {
        public var header: String
        public var isNumeric: Bool

        public init(_ header: String, isNumeric: Bool = false) {
            self.header = header
            self.isNumeric = isNumeric
        }
    }

    /// A cell; row-header cells name their row (render as `<th scope="row">`).
    public struct Cell: Equatable, Sendable {
        public var text: String
        public var isRowHeader: Bool

        public init(_ text: String, isRowHeader: Bool = false) {
            self.text = text
            self.isRowHeader = isRowHeader
        }

        /// A row-header cell.
        public static func header(_ text: String) -> Cell { Cell(text, isRowHeader: true) }
    }

    public var caption: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Totals rows (render in `<tfoot>`); may be empty.
    public var footer: [[Cell]]
    public var notes: [String]
    public var isIllustrative: Bool

    public init(
        caption: String, columns: [Column], rows: [[Cell]], footer: [[Cell]] = [], notes: [String] = [],
        isIllustrative: Bool = false
    ) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.footer = footer
        self.notes = notes
        self.isIllustrative = isIllustrative
    }
}
