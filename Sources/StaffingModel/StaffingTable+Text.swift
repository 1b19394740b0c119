import Foundation

extension StaffingTable {
    /// The table as aligned plain text for terminals: caption, header, rows, footer, then notes.
    ///
    /// Numeric columns are right-aligned; widths count characters, so wide scripts may misalign.
    public var plainText: String {
        let body = [columns.map(\.header)] + rows.map { $0.map(\.text) } + footer.map { $0.map(\.text) }
        var widths = Array(repeating: 0, count: columns.count)
        for line in body {
            for (index, text) in line.enumerated() where index < widths.count {
                widths[index] = max(widths[index], text.count)
            }
        }
        func render(_ line: [String]) -> String {
            line.enumerated().map { index, text in
                guard index < widths.count else { return text }
                let padding = String(repeating: " ", count: widths[index] - text.count)
                return columns[index].isNumeric ? padding + text : text + padding
            }
            .joined(separator: "  ")
            .replacingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = [caption, "", render(columns.map(\.header)), rule]
        lines += rows.map { render($0.map(\.text)) }
        if !footer.isEmpty {
            lines.append(rule)
            lines += footer.map { render($0.map(\.text)) }
        }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "Note: \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The header, rows and footer as RFC 4180 CSV (caption and notes are left out).
    public var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                : text
        }
        let lines = [columns.map(\.header)] + rows.map { $0.map(\.text) } + footer.map { $0.map(\.text) }
        return lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        String(reversed().drop(while: { $0 == " " }).reversed())
    }
}
