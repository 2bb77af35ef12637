import InterviewEngine

/// The small pieces of SpreadsheetML the workbook is written with: escaping text for XML 1.0, column letters,
/// cell references, Excel's date serials and which values may be stored as numbers.
public enum SpreadsheetXML {
    /// Escapes text for XML element content or an attribute value, so that what a reader gets back is
    /// exactly `s`:
    /// - `&`, `<`, `>`, `"` and `'` become entities;
    /// - tab, line feed and carriage return become character references (`&#13;`), because an XML reader
    ///   turns a raw CR into LF and, inside attributes, any raw tab or line break into a space;
    /// - the characters XML 1.0 cannot carry at all (the C0 controls other than tab, LF and CR, and U+FFFE,
    ///   U+FFFF) are written with Office Open XML's own escape `_xHHHH_` (ECMA-376 ST_Xstring), which Excel and
    ///   LibreOffice read back as the character: nothing is dropped and the file stays well-formed;
    /// - so that a literal `_x0041_` in someone's words is not read as an escape, its `_` is itself escaped
    ///   as `_x005F_`.
    public static func escape(_ s: String) -> String {
        guard needsEscaping(s) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        for (i, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x26: out.append(contentsOf: "&amp;".unicodeScalars)
            case 0x3C: out.append(contentsOf: "&lt;".unicodeScalars)
            case 0x3E: out.append(contentsOf: "&gt;".unicodeScalars)
            case 0x22: out.append(contentsOf: "&quot;".unicodeScalars)
            case 0x27: out.append(contentsOf: "&apos;".unicodeScalars)
            case 0x09, 0x0A, 0x0D: out.append(contentsOf: "&#\(scalar.value);".unicodeScalars)
            case 0x00...0x1F, 0xFFFE, 0xFFFF: out.append(contentsOf: ooxmlEscape(scalar.value).unicodeScalars)
            case 0x5F where startsEscapeLookalike(scalars, at: i):
                out.append(contentsOf: ooxmlEscape(0x5F).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether any byte of the UTF-8 could need escaping: most text needs none and is written as it is.
    /// 0xEF leads the encodings of U+FFFE and U+FFFF (and of other characters, which the slow path keeps).
    static func needsEscaping(_ s: String) -> Bool {
        s.utf8.contains { byte in
            byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
                || byte == 0x5F || byte == 0xEF
        }
    }

    /// `_xHHHH_`, four upper-case hex digits.
    static func ooxmlEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
    }

    /// True when `_xHHHH_` (any case of hex digits) starts at `i`.
    static func startsEscapeLookalike(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_" else { return false }
        return scalars[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// The column letters of a 0-based column index: 0 is A, 25 is Z, 26 is AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let rest = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + rest))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// A cell reference such as `B7` (column 0-based, row 1-based).
    public static func reference(column: Int, row: Int) -> String { columnName(column) + String(row) }

    /// Excel's serial day number of a YYYY-MM-DD day: days since 1899-12-30. Nil for anything that is not a
    /// real day, and for days before 1900-03-01, where Excel's 1900 calendar counts a 29 February that never
    /// was, so the same serial means different days to different programs; those stay text.
    public static func serial(day: String) -> Int? {
        guard CivilTime.isValidDay(day), day >= "1900-03-01" else { return nil }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        return daysFromCivil(parts[0], parts[1], parts[2]) - daysFromCivil(1899, 12, 30)
    }

    /// Howard Hinnant's days-from-civil: days since 1970-01-01.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whether a value can be stored as a number cell and read back as the same text: an optional minus, a
    /// whole part without leading zeros, an optional fraction without trailing zeros, at most 15 significant
    /// digits (what a spreadsheet's double keeps). Anything else ("3 or 4", "007") stays text.
    public static func isPlainNumber(_ s: String) -> Bool {
        var digits = Substring(s)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), whole == "0" || whole.first != "0"
        else { return false }
        var significant = whole == "0" ? 0 : whole.count
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.last != "0" else {
                return false
            }
            significant += whole == "0" ? fraction.drop(while: { $0 == "0" }).count : fraction.count
        }
        return significant <= 15 && s != "-0"
    }
}
