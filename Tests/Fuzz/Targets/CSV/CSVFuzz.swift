import FuzzSupport
import RecordExport

/// libFuzzer entry: bytes split into rows (at 0x1E) and cells (at 0x1F), written as a CSV document. Invariants:
/// no cell starts a formula after neutralising (checked on the first Unicode scalar); neutralising changes only
/// formula cells, by one leading apostrophe; the document parses back as RFC 4180 to exactly those cells.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: bytes, count: count)
    let bom = input.first.map { $0 & 1 == 1 } ?? false
    let rows = input.dropFirst().split(separator: 0x1E, omittingEmptySubsequences: false).map { row in
        row.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
    guard let header = rows.first else { return 0 }
    let body = Array(rows.dropFirst())
    let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]
    var expected: [[String]] = []
    for row in [header] + body {
        expected.append(
            row.map { raw in
                let cell = CSV.neutralise(raw)
                if let first = raw.unicodeScalars.first, formulaStarts.contains(first) {
                    invariant(cell == "'" + raw, "a formula cell was not neutralised with one apostrophe")
                } else {
                    invariant(cell == raw, "a plain cell was changed")
                }
                invariant(cell.unicodeScalars.first.map { !formulaStarts.contains($0) } ?? true)
                return cell
            }
        )
    }
    var document = CSV.document(header: header, rows: body, bom: bom)
    if bom {
        invariant(document.unicodeScalars.first == "\u{FEFF}", "the byte order mark is missing")
        document.unicodeScalars.removeFirst()
    }
    let parsed = parseRFC4180(document)
    invariant(parsed == expected, "the CSV does not read back to its cells")
    return 0
}

/// A strict RFC 4180 reader: CRLF after every record, quoted fields with doubled quotes, no bare CR, LF or quote
/// in an unquoted field. Returns nil for anything else.
func parseRFC4180(_ text: String) -> [[String]]? {
    let s = Array(text.unicodeScalars)
    var records: [[String]] = []
    var record: [String] = []
    var i = 0
    while i < s.count {
        var field = String.UnicodeScalarView()
        if s[i] == "\"" {
            i += 1
            while true {
                guard i < s.count else { return nil }
                if s[i] == "\"" {
                    if i + 1 < s.count, s[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                    } else {
                        i += 1
                        break
                    }
                } else {
                    field.append(s[i])
                    i += 1
                }
            }
        } else {
            while i < s.count, s[i] != ",", s[i] != "\r" {
                guard s[i] != "\"", s[i] != "\n" else { return nil }
                field.append(s[i])
                i += 1
            }
        }
        record.append(String(field))
        guard i < s.count else { return nil }
        if s[i] == "," {
            i += 1
        } else if s[i] == "\r", i + 1 < s.count, s[i + 1] == "\n" {
            records.append(record)
            record = []
            i += 2
        } else {
            return nil
        }
    }
    return record.isEmpty ? records : nil
}
