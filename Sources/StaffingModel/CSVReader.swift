/// Splits CSV text (RFC 4180 quoting) into records whose fields remember their line and column.
///
/// Columns are 1-based character positions; an unquoted field's column is that of its first
/// non-space character, a quoted field's is that of its opening quote. Blank lines are skipped.
/// A leading byte-order mark is ignored. Hand-written rather than a CSV package such as SwiftCSV,
/// which gives no line and column for a field, so a data-file problem could not point at its place.
enum CSVReader {
    struct Field: Equatable {
        var text: String
        var line: Int
        var column: Int
    }

    struct Record: Equatable {
        var line: Int
        var fields: [Field]
        /// Column just after the record's last character, where a missing field would go.
        var endColumn: Int
    }

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Every record of `text` and the problems found.
    static func read(_ text: String) -> (records: [Record], problems: [Problem]) {
        var records: [Record] = []
        let problems = forEachRecord(in: text) { records.append($0) }
        return (records, problems)
    }

    /// Hands each record of `text` to `each` in order, as soon as it ends, and returns the problems found;
    /// a reader that keeps only what it needs of a record never holds the whole file's records at once.
    static func forEachRecord(in text: String, _ each: (Record) -> Void) -> [Problem] {
        var scanner = Scanner()
        scanner.run(text.hasPrefix("\u{FEFF}") ? text.dropFirst() : text[...], each: each)
        return scanner.problems
    }

    /// Reads the text one character at a time, looking one ahead, without copying it into an array:
    /// an array of characters holds a 16-byte `Character` for each byte of the file.
    private struct Scanner {
        var problems: [Problem] = []

        var line = 1
        var column = 1
        var fields: [Field] = []
        var recordLine = 1
        var text = ""
        var fieldLine = 1
        var fieldColumn = 1
        var sawContent = false
        var quoted = false
        var insideQuotes = false

        static func isNewline(_ character: Character) -> Bool {
            character == "\n" || character == "\r\n" || character == "\r"
        }

        mutating func run(_ source: Substring, each: (Record) -> Void) {
            var iterator = source.makeIterator()
            var next = iterator.next()
            while let character = next {
                next = iterator.next()
                if insideQuotes {
                    if character == "\"" {
                        if next == "\"" {
                            text.append("\"")
                            next = iterator.next()
                            column += 2
                            continue
                        }
                        insideQuotes = false
                    } else if Self.isNewline(character) {
                        text.append("\n")
                        line += 1
                        column = 1
                        continue
                    } else {
                        text.append(character)
                    }
                } else if character == "," {
                    endField()
                    fieldLine = line
                    fieldColumn = column + 1
                } else if Self.isNewline(character) {
                    endRecord(each)
                    line += 1
                    column = 1
                    startRecord()
                    continue
                } else if character == "\"" && !sawContent && !quoted {
                    quoted = true
                    insideQuotes = true
                    sawContent = true
                    fieldLine = line
                    fieldColumn = column
                } else if quoted {
                    if character != " " && character != "\t" {
                        problems.append(Problem(
                            line: line, column: column,
                            message: "unexpected text after a closing quote; put the whole field inside the quotes"))
                    }
                } else if character == " " || character == "\t" {
                    if sawContent { text.append(character) } else { fieldColumn = column + 1 }
                } else {
                    if !sawContent { fieldLine = line; fieldColumn = column }
                    sawContent = true
                    text.append(character)
                }
                column += 1
            }
            if insideQuotes {
                problems.append(Problem(
                    line: fieldLine, column: fieldColumn,
                    message: "this quoted field is never closed; add the closing double quote"))
            }
            endRecord(each)
        }

        mutating func startRecord() {
            recordLine = line
            fieldLine = line
            fieldColumn = 1
        }

        mutating func endField() {
            var value = text
            if !quoted {
                // Trailing blanks dropped in place, not by reversing the text twice through generic views,
                // which would copy every value twice.
                while let last = value.last, last == " " || last == "\t" { value.removeLast() }
            }
            fields.append(Field(text: value, line: fieldLine, column: fieldColumn))
            text = ""
            sawContent = false
            quoted = false
            insideQuotes = false
        }

        mutating func endRecord(_ each: (Record) -> Void) {
            let blank = fields.isEmpty && !sawContent && !quoted
            let endColumn = column
            endField()
            if !blank {
                each(Record(line: recordLine, fields: fields, endColumn: endColumn))
            }
            fields = []
        }
    }
}
