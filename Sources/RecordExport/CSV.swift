/// RFC 4180 CSV for spreadsheets: CRLF line ends, quotes where needed, and formula cells neutralised.
public enum CSV {
    /// The first scalars that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    /// Prefixes a formula-looking cell with an apostrophe. Checked on the first Unicode scalar, not the first
    /// Character: "=" followed by a combining mark is still a formula to a spreadsheet.
    public static func neutralise(_ value: String) -> String {
        startsFormula(value) ? "'" + value : value
    }

    /// Whether a spreadsheet would read this text as a formula (its first Unicode scalar is one of
    /// `formulaStarts`). The workbook keeps such text as typed, in a text cell with the quote-prefix style.
    public static func startsFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        return formulaStarts.contains(first)
    }

    /// One field: quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled.
    public static func field(_ raw: String) -> String {
        let value = neutralise(raw)
        let needsQuotes =
            value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingQuotes() + "\""
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A whole file. `bom` adds the UTF-8 byte order mark Excel needs to read UTF-8.
    public static func document(header: [String], rows: [[String]], bom: Bool = false) -> String {
        var out = bom ? "\u{FEFF}" : ""
        out.reserveCapacity(rows.count * 256)
        out += line(header)
        for row in rows { out += line(row) }
        return out
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for scalar in unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
