import Foundation
import RecordExport
import Testing

/// CSV for spreadsheets: formula payloads neutralised, RFC 4180 quoting, CRLF line ends, an optional BOM,
/// and a round trip through an independent reader (Python's csv module).
@Suite("CSV: formula neutralising, quoting and round trip")
struct CSVTests {
    /// A cell value and the exact field `CSV.field` must write for it.
    struct Case: CustomTestStringConvertible, Sendable {
        let raw: String
        let field: String
        var testDescription: String { raw.debugDescription }
    }

    static let cases: [Case] = [
        Case(raw: "=1+1", field: "'=1+1"),
        Case(raw: "=HYPERLINK(\"http://x\",\"y\")", field: "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        Case(raw: "+1", field: "'+1"),
        Case(raw: "-1", field: "'-1"),
        Case(raw: "@SUM(A1)", field: "'@SUM(A1)"),
        Case(raw: "\tx", field: "'\tx"),
        Case(raw: "\rx", field: "\"'\rx\""),
        Case(raw: "\nx", field: "\"'\nx\""),
        // "=" then a combining mark: one Character, but its first scalar is still "=".
        Case(raw: "=\u{301}1+1", field: "'=\u{301}1+1"),
        Case(raw: "a\"b,c", field: "\"a\"\"b,c\""),
        Case(raw: "Calmer mornings", field: "Calmer mornings"),
        Case(raw: "Mum, Leo and Gran", field: "\"Mum, Leo and Gran\""),
        Case(raw: "first line\nsecond line", field: "\"first line\nsecond line\""),
        Case(raw: "Calmer 🙂 mornings", field: "Calmer 🙂 mornings"),
    ]

    /// Compares scalar by scalar: String equality is canonical equivalence, which is not what a file holds.
    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test("a payload is written exactly as expected", arguments: cases)
    func field(_ c: Case) {
        #expect(Self.scalars(CSV.field(c.raw)) == Self.scalars(c.field), "\(CSV.field(c.raw).debugDescription)")
        let document = CSV.document(header: ["value"], rows: [[c.raw]])
        #expect(Self.scalars(document) == Self.scalars("value\r\n" + c.field + "\r\n"), "\(document.debugDescription)")
    }

    @Test("neutralising prefixes an apostrophe exactly when the first scalar starts a formula", arguments: cases)
    func neutralise(_ c: Case) {
        let first = c.raw.unicodeScalars.first!
        let formula = ["=", "+", "-", "@", "\t", "\r", "\n"].contains(String(first))
        let expected = formula ? "'" + c.raw : c.raw
        #expect(Self.scalars(CSV.neutralise(c.raw)) == Self.scalars(expected))
        // Idempotent: a neutralised value is never prefixed twice.
        #expect(Self.scalars(CSV.neutralise(CSV.neutralise(c.raw))) == Self.scalars(expected))
    }

    @Test("quotes are doubled and fields with separators, quotes, line breaks or edge spaces are quoted")
    func quoting() {
        #expect(CSV.field("") == "")
        #expect(CSV.field("\"") == "\"\"\"\"")
        #expect(CSV.field(" padded") == "\" padded\"")
        #expect(CSV.field("padded ") == "\"padded \"")
        #expect(CSV.line(["a", "b,c", "=d"]) == "a,\"b,c\",'=d\r\n")
    }

    /// Every line end outside quotes is CRLF, and the document ends with one.
    static func lineEndsAreCRLF(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var quoted = false
        for (i, s) in scalars.enumerated() {
            if s == "\"" { quoted.toggle() }
            guard !quoted else { continue }
            if s == "\r" && (i + 1 == scalars.count || scalars[i + 1] != "\n") { return false }
            if s == "\n" && (i == 0 || scalars[i - 1] != "\r") { return false }
        }
        return text.unicodeScalars.suffix(2).elementsEqual(["\r", "\n"])
    }

    @Test("a document round-trips through Python's csv module", arguments: [false, true])
    func roundTrip(bom: Bool) throws {
        let values = Self.cases.map(\.raw)
        let header = ["n", "value"]
        var rows = values.enumerated().map { [String($0.offset), $0.element] }
        rows.append(values)  // every payload in one row too
        let document = CSV.document(header: header, rows: rows, bom: bom)
        #expect(Self.lineEndsAreCRLF(document), "\(document.debugDescription)")

        let scratch = try ScratchFolder()
        let path = scratch.file("round-trip.csv")
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect((Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF]) == bom, "first bytes: \(Array(bytes.prefix(3)))")
        #expect(bytes.suffix(2) == Data([0x0D, 0x0A]))

        // utf-8-sig strips a BOM if there is one; newline='' lets the csv module see CR and LF as written.
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                rows = list(csv.reader(f, strict=True))
            print(json.dumps(rows))
            """
        let result = try Python.run(script, [path])
        try #require(result.status == 0, "python3 csv failed: \(result.stderr)")
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]],
            "not a list of rows: \(result.stdout)"
        )
        let expected = [header] + rows.map { $0.map(CSV.neutralise) }
        #expect(parsed.count == expected.count, "\(parsed)")
        for (got, want) in zip(parsed, expected) {
            #expect(got.map(Self.scalars) == want.map(Self.scalars), "got \(got.debugDescription), want \(want)")
        }
    }
}
