/// Turns districts CSV text into ``DistrictCounts``, collecting every located problem.
struct DistrictsCSVParser {
    let path: String
    private(set) var errors: [StaffingError] = []

    init(path: String) {
        self.path = path
    }

    private mutating func fail(_ line: Int, _ column: Int, _ message: String) {
        errors.append(StaffingError(path: path, line: line, column: column, message: message))
    }

    /// Returns the counts read, or `nil` when the header is unusable; check ``errors`` either way.
    ///
    /// Records are taken one at a time as the CSV reader ends them, so only the rows are held, never
    /// every record of the file as well. The reader's own problems are listed first, as before the
    /// rows' problems.
    mutating func parse(_ text: String) -> DistrictCounts? {
        var header: CSVReader.Record?
        var columns: (columns: [String], isValid: Bool)?
        var rows: [DistrictCounts.Row] = []
        var seen: [String: Int] = [:]
        let problems = CSVReader.forEachRecord(in: text) { record in
            if header == nil {
                header = record
                columns = readHeader(record)
            } else if let columns {
                rows.append(readRow(record, columns: columns.columns, seen: &seen))
            }
        }
        errors = problems.map { StaffingError(path: path, line: $0.line, column: $0.column, message: $0.message) } + errors
        guard let header else {
            fail(1, 1, "the file is empty; start with the header line 'district,<factor key>,...' and add one line per district")
            return nil
        }
        guard let columns else { return nil }
        if rows.isEmpty {
            fail(header.line, header.endColumn, "no districts follow the header; add one line per district")
        }
        guard columns.isValid else { return nil }
        var counts = DistrictCounts(path: path, columns: columns.columns, rows: rows)
        counts.headerColumnPositions = Dictionary(
            header.fields.dropFirst().map { ($0.text, $0.column) }, uniquingKeysWith: { first, _ in first })
        counts.headerEndColumn = header.endColumn
        return counts
    }

    /// The count columns, and whether they are all named and distinct; `nil` without a `district` column.
    private mutating func readHeader(_ header: CSVReader.Record) -> (columns: [String], isValid: Bool)? {
        guard header.fields.first?.text == "district" else {
            let found = header.fields.first?.text ?? ""
            fail(header.line, header.fields.first?.column ?? 1,
                 "the first header column must be 'district', found '\(found.excerpt)'; the header is 'district,<factor key>,...'")
            return nil
        }
        var columns: [String] = []
        var valid = true
        for field in header.fields.dropFirst() {
            if field.text.isEmpty {
                fail(field.line, field.column, "header column \(columns.count + 2) has no name; write the factor key or remove the extra comma")
                valid = false
            } else if columns.contains(field.text) || field.text == "district" {
                fail(field.line, field.column, "column '\(field.text.excerpt)' appears twice in the header; keep one")
                valid = false
            }
            columns.append(field.text)
        }
        return (columns, valid)
    }

    /// One district's row; `seen` holds the line of each district name read so far, lowercased.
    private mutating func readRow(_ record: CSVReader.Record, columns: [String], seen: inout [String: Int]) -> DistrictCounts.Row {
        let nameField = record.fields[0]
        let district = nameField.text.trimmed
        if district.isEmpty {
            fail(record.line, nameField.column, "the district name is empty; write the district's name in the first column")
        } else if let earlier = seen[district.lowercased()] {
            fail(record.line, nameField.column, "district '\(district.excerpt)' already appears on line \(earlier); each district must appear once")
        } else {
            seen[district.lowercased()] = record.line
        }
        var counts: [String: Int] = [:]
        for (offset, key) in columns.enumerated() {
            let position = offset + 1
            guard position < record.fields.count else {
                fail(record.line, record.endColumn,
                     "missing column '\(key)': this line has \(record.fields.count) values but the header has \(columns.count + 1); add the missing count")
                break
            }
            let field = record.fields[position]
            if let value = count(field, key: key, line: record.line) { counts[key] = value }
        }
        for extra in record.fields.dropFirst(columns.count + 1) {
            fail(record.line, extra.column,
                 "this line has more values than the header has columns (\(columns.count + 1)); remove the extra value or add a header column")
        }
        return DistrictCounts.Row(district: district, counts: counts, line: record.line)
    }

    private mutating func count(_ field: CSVReader.Field, key: String, line: Int) -> Int? {
        let text = field.text.trimmed
        if let problem = NumberText.countProblem(text) {
            fail(line, field.column, "\(key) \(problem)")
            return nil
        }
        guard let value = NumberText.integer(text) else {
            let shown = text.isEmpty ? "an empty value" : "'\(text.excerpt)'"
            fail(line, field.column,
                 "\(key) must be a whole number written with digits only (no commas or units), like 1520; found \(shown)")
            return nil
        }
        guard value >= 0 else {
            fail(line, field.column, "\(key) can't be negative (found \(value)); counts are zero or more")
            return nil
        }
        return value
    }
}
