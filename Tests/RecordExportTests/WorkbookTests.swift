import Foundation
import RecordExport
import Testing

/// The xlsx workbook: XML escaping, column letters, date serials and number cells, and whole workbooks read
/// back with openpyxl: four sheets, frozen and filtered headers, typed cells, every formula payload of the CSV
/// test table stored as text, the same columns as the CSV with and without sensitive fields.
@Suite("Workbook (xlsx)")
struct WorkbookTests {
    // MARK: Escaping

    struct Escape: CustomTestStringConvertible, Sendable {
        let raw: String
        let escaped: String
        var testDescription: String { raw.debugDescription }
    }

    static let escapes: [Escape] = [
        Escape(raw: "Mum & Leo", escaped: "Mum &amp; Leo"),
        Escape(raw: "<b>bold</b>", escaped: "&lt;b&gt;bold&lt;/b&gt;"),
        Escape(raw: "\"quoted\" 'too'", escaped: "&quot;quoted&quot; &apos;too&apos;"),
        // A raw CR would come back as LF, and a raw tab or LF in an attribute as a space.
        Escape(raw: "a\r\nb\tc", escaped: "a&#13;&#10;b&#9;c"),
        // Not allowed in XML 1.0: written with the workbook's own escape, read back as the character.
        Escape(raw: "\u{0}", escaped: "_x0000_"),
        Escape(raw: "bell\u{7}", escaped: "bell_x0007_"),
        Escape(raw: "\u{1B}[31mred", escaped: "_x001B_[31mred"),
        Escape(raw: "\u{B}\u{C}\u{1F}", escaped: "_x000B__x000C__x001F_"),
        Escape(raw: "\u{FFFE}\u{FFFF}", escaped: "_xFFFE__xFFFF_"),
        // Someone's literal "_x000D_" is not an escape: its underscore is escaped.
        Escape(raw: "_x000D_", escaped: "_x005F_x000D_"),
        Escape(raw: "a_x00e9_b", escaped: "a_x005F_x00e9_b"),
        Escape(raw: "_x00zz_ and _x0041 and a_b", escaped: "_x00zz_ and _x0041 and a_b"),
        // Everything else is kept as it is: the file is UTF-8.
        Escape(raw: "Calmer 🙂 mornings, Café", escaped: "Calmer 🙂 mornings, Café"),
        Escape(raw: "=\u{301}1+1", escaped: "=\u{301}1+1"),
        Escape(raw: "\u{202E}reversed\u{85}", escaped: "\u{202E}reversed\u{85}"),
        // U+FF01 and U+FEFF share their first UTF-8 byte with U+FFFE: kept.
        Escape(raw: "Ｈｉ\u{FF01}\u{FEFF}", escaped: "Ｈｉ\u{FF01}\u{FEFF}"),
    ]

    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test("text is escaped exactly as expected", arguments: escapes)
    func escape(_ e: Escape) {
        #expect(Self.scalars(SpreadsheetXML.escape(e.raw)) == Self.scalars(e.escaped))
    }

    @Test("escaped text is well-formed XML in content and attributes, and reads back to exactly the original")
    func escapeRoundTrip() throws {
        let values = Self.escapes.map(\.raw) + CSVTests.cases.map(\.raw)
        let document =
            "<r>"
            + values.map { #"<t a="\#(SpreadsheetXML.escape($0))">\#(SpreadsheetXML.escape($0))</t>"# }.joined()
            + "</r>"
        // Python's XML parser, then the OOXML unescape a spreadsheet applies (_xHHHH_ is the character).
        let script = """
            import json, re, sys
            import xml.etree.ElementTree as ET
            unescape = lambda s: re.sub('_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)), s)
            root = ET.fromstring(open(sys.argv[1], encoding='utf-8').read())
            print(json.dumps([[unescape(t.text or ''), unescape(t.get('a'))] for t in root], ensure_ascii=True))
            """
        let scratch = try ScratchFolder()
        let path = scratch.file("escape.xml")
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let result = try Python.run(script, [path])
        try #require(result.status == 0, "not well-formed: \(result.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]])
        try #require(parsed.count == values.count)
        for (got, want) in zip(parsed, values) {
            #expect(got.map(Self.scalars) == [Self.scalars(want), Self.scalars(want)], "\(want.debugDescription)")
        }
    }

    // MARK: Cells

    @Test(
        "column letters",
        arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")]
    )
    func columnName(_ index: Int, _ letters: String) {
        #expect(SpreadsheetXML.columnName(index) == letters)
        #expect(SpreadsheetXML.reference(column: index, row: 7) == letters + "7")
    }

    @Test("Excel serial days count from 1899-12-30; days before 1900-03-01 and non-days have none")
    func serials() {
        #expect(SpreadsheetXML.serial(day: "1900-03-01") == 61)
        #expect(SpreadsheetXML.serial(day: "1970-01-01") == 25_569)
        #expect(SpreadsheetXML.serial(day: "2000-02-29") == 36_585)
        #expect(SpreadsheetXML.serial(day: "2026-12-01") == 46_357)
        for day in ["1900-02-28", "1899-12-31", "2026-02-30", "2026-13-01", "next week", "2026-1-5", ""] {
            #expect(SpreadsheetXML.serial(day: day) == nil, "\(day)")
        }
    }

    @Test("a value is a number cell only when it reads back as the same text")
    func plainNumbers() {
        for yes in ["0", "1", "3", "42", "-3", "2.5", "0.25", "-0.5", "123456789012345"] {
            #expect(SpreadsheetXML.isPlainNumber(yes), "\(yes)")
        }
        for no in [
            "", "-", "-0", "007", "1.50", "1.", ".5", "1e3", "3 or 4", "+3", " 3", "٣", "1234567890123456", "0x10",
        ] {
            #expect(!SpreadsheetXML.isPlainNumber(no), "\(no)")
        }
    }

    // MARK: Whole workbooks

    /// The payloads of the CSV test table, three per record as focus areas, and all of them as session answers.
    static func payloadRecords() throws -> [MicroprojectRecord] {
        let payloads = CSVTests.cases.map(\.raw)
        var records: [MicroprojectRecord] = []
        for (n, start) in stride(from: 0, to: payloads.count, by: 3).enumerated() {
            records.append(
                try Fixture.record(
                    id: "mp-wbk00\(n)",
                    participant: "BR-00\(n)",
                    focusAreas: Array(payloads[start..<min(start + 3, payloads.count)])
                )
            )
        }
        var sessions = payloads.enumerated().map { n, payload in
            Fixture.stage(
                "session",
                session: "s-\(n)",
                answers: [
                    Fixture.answer("session-date", "2026-11-20", type: "date"),
                    Fixture.answer("kind", "core", type: "one-of"),
                    Fixture.answer("progress", 4, type: "scale"),
                    Fixture.answer("worked-on", payload),
                ]
            )
        }
        // Values that do not fit their column's type: kept, as text.
        sessions.append(
            Fixture.stage(
                "session",
                session: "s-odd",
                answers: [
                    Fixture.answer("session-date", "sometime in May", type: "date"),
                    Fixture.answer("progress", "3 or 4", type: "scale"),
                ]
            )
        )
        records.append(try Fixture.record(id: "mp-wbkses", participant: "BR-100", stages: sessions))
        return records
    }

    @Test("openpyxl reads the four sheets without warnings; the headers are frozen and filtered")
    func sheetsAndHeaders() throws {
        let scratch = try ScratchFolder()
        let book = try ReadBack.read(
            try WorkbookFixture.write(try Self.payloadRecords(), includeSensitive: false, in: scratch)
        )
        #expect(book.warnings.isEmpty, "openpyxl warned: \(book.warnings)")
        #expect(book.sheets.map(\.title) == ["Microprojects", "Sessions", "Dictionary", "About"])
        #expect(book.sheets.map(\.title) == ExportWriter.workbookSheets)
        #expect(book.creator == WorkbookFixture.about.exportedBy)

        let tables = [
            ("Microprojects", Tracker.wideColumns), ("Sessions", Tracker.longColumns),
        ]
        for (title, columns) in tables {
            let sheet = try #require(book.sheet(title))
            #expect(sheet.freeze == "A3", "\(title): names and labels stay in view")
            let last = SpreadsheetXML.columnName(columns.count - 1)
            #expect(sheet.filter == "A2:\(last)\(sheet.rows.count)", "\(title): filters on the labels row")
            #expect(sheet.rows[0].map { $0?.value } == columns.map(\.name), "\(title): row 1 is the codebook names")
            #expect(sheet.rows[1].map { $0?.value } == columns.map(\.label), "\(title): row 2 is the labels")
            #expect(sheet.rows.prefix(2).joined().allSatisfy { $0?.type == "s" })
        }
        let dictionary = try #require(book.sheet("Dictionary"))
        #expect(dictionary.freeze == "A2")
        #expect(dictionary.filter == "A1:I\(dictionary.rows.count)")
        let about = try #require(book.sheet("About"))
        var facts: [String: String] = [:]
        for row in about.rows.dropFirst() {
            if let key = row[0]?.value { facts[key] = row[1]?.value ?? "" }
        }
        #expect(facts["Exported"] == "2026-11-29 09:00:00 UTC", "\(facts)")
        #expect(facts["Exported by"] == WorkbookFixture.about.exportedBy)
        #expect(facts["What was exported"] == "every microproject")
        #expect(facts["Microprojects"] == "6")
        #expect(facts["Session and priority rows"] == String(CSVTests.cases.count + 1))
        #expect(facts["Practitioners"] == "sam")
        #expect(facts["Sensitive fields"]?.hasPrefix("Left out") == true, "\(facts)")
    }

    @Test("every formula payload of the CSV test table is a text cell holding exactly the payload, never a formula")
    func formulaPayloadsAreText() throws {
        let scratch = try ScratchFolder()
        let book = try ReadBack.read(
            try WorkbookFixture.write(try Self.payloadRecords(), includeSensitive: false, in: scratch)
        )
        #expect(book.formulaElements == 0, "the worksheets hold formula elements")
        let all = book.sheets.flatMap { $0.rows.joined() }.compactMap { $0 }
        #expect(!all.contains { $0.type == "f" }, "openpyxl read a formula")

        let wide = try #require(book.sheet("Microprojects"))
        let header = wide.rows[0].map { $0?.value }
        let focus = (1...3).map { n in header.firstIndex(of: "focus_area_\(n)")! }
        var found: [String] = []
        let payloadRows = wide.rows.dropFirst(2).prefix { $0[0]?.value != "mp-wbkses" }
        for row in payloadRows {
            for index in focus { if let cell = row[index] { found.append(cell.value) } }
        }
        let long = try #require(book.sheet("Sessions"))
        let workedOn = long.rows[0].map { $0?.value }.firstIndex(of: "worked_on")!
        let sessionCells = long.rows.dropFirst(2).compactMap { $0[workedOn] }
        for (label, cells) in [("focus areas", found), ("worked_on", sessionCells.map(\.value))] {
            #expect(cells.map(Self.scalars) == CSVTests.cases.map { Self.scalars($0.raw) }, "\(label): \(cells)")
        }
        for row in payloadRows {
            for index in focus {
                guard let cell = row[index] else { continue }
                #expect(cell.type == "s", "\(cell.value.debugDescription) is \(cell.type)")
                // The spreadsheet's own quote prefix on text that looks like a formula, so editing keeps it text.
                #expect(cell.quotePrefix == CSV.startsFormula(cell.value), "\(cell.value.debugDescription)")
            }
        }
        #expect(sessionCells.allSatisfy { $0.type == "s" })
    }

    @Test("integer columns are numbers and date columns dates; a value that does not fit its type stays text")
    func typedCells() throws {
        let scratch = try ScratchFolder()
        let book = try ReadBack.read(
            try WorkbookFixture.write(try Self.payloadRecords(), includeSensitive: false, in: scratch)
        )
        let wide = try #require(book.sheet("Microprojects"))
        let columns = Tracker.wideColumns
        for row in wide.rows.dropFirst(2) {
            for (cell, column) in zip(row, columns) {
                guard let cell else { continue }
                switch column.cell {
                case .number: #expect(cell.type == "n", "\(column.name): \(cell)")
                case .date: #expect(cell.type == "d", "\(column.name): \(cell)")
                case .text: #expect(cell.type == "s", "\(column.name): \(cell)")
                }
            }
        }
        let first = Dictionary(uniqueKeysWithValues: zip(columns.map(\.name), wide.rows[2]))
        #expect(Self.cell(first, "type")?.value == "1")
        #expect(Self.cell(first, "started_on") == ReadBack.Cell(type: "d", value: "2026-11-29", quotePrefix: false))
        #expect(Self.cell(first, "planned_end")?.value == "2026-12-31")
        #expect(first.keys.contains("sessions_planned") && Self.cell(first, "sessions_planned") == nil, "empty")

        let long = try #require(book.sheet("Sessions"))
        let session = Dictionary(uniqueKeysWithValues: zip(Tracker.longColumns.map(\.name), long.rows[2]))
        #expect(Self.cell(session, "date") == ReadBack.Cell(type: "d", value: "2026-11-20", quotePrefix: false))
        #expect(Self.cell(session, "progress") == ReadBack.Cell(type: "n", value: "4", quotePrefix: false))
        #expect(Self.cell(session, "number")?.type == "n")
        let odd = Dictionary(uniqueKeysWithValues: zip(Tracker.longColumns.map(\.name), long.rows.last!))
        #expect(Self.cell(odd, "date") == ReadBack.Cell(type: "s", value: "sometime in May", quotePrefix: false))
        #expect(Self.cell(odd, "progress") == ReadBack.Cell(type: "s", value: "3 or 4", quotePrefix: false))
    }

    @Test(
        "the workbook has the CSV's columns, with and without sensitive fields, and the same values",
        arguments: [false, true]
    )
    func sameColumnsAndValuesAsCSV(includeSensitive: Bool) throws {
        let records = try ExportWriterTests.records() + Self.payloadRecords()
        let scratch = try ScratchFolder()
        let book = try ReadBack.read(
            try WorkbookFixture.write(records, includeSensitive: includeSensitive, in: scratch)
        )
        var wideCSV = Data()
        var longCSV = Data()
        try ExportWriter.csv(
            records,
            includeSensitive: includeSensitive,
            bom: false,
            wide: { wideCSV.append($0) },
            long: { longCSV.append($0) }
        )
        let csvPath = scratch.file("wide.csv")
        let longPath = scratch.file("long.csv")
        try wideCSV.write(to: URL(fileURLWithPath: csvPath))
        try longCSV.write(to: URL(fileURLWithPath: longPath))
        let script = """
            import csv, json, sys
            print(json.dumps([list(csv.reader(open(p, newline='', encoding='utf-8'))) for p in sys.argv[1:]]))
            """
        let result = try Python.run(script, [csvPath, longPath])
        try #require(result.status == 0, "\(result.stderr)")
        let files = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[[String]]])

        for (title, csvRows) in zip(["Microprojects", "Sessions"], files) {
            let sheet = try #require(book.sheet(title))
            #expect(sheet.rows[0].map { $0?.value ?? "" } == csvRows[0], "\(title): columns differ from the CSV")
            // The workbook's values, as text the way the CSV writes them (formula-looking text neutralised).
            let values = sheet.rows.dropFirst(2).map { row in row.map { CSV.neutralise($0?.value ?? "") } }
            #expect(values.count == csvRows.count - 1, "\(title): row counts differ")
            for (got, want) in zip(values, csvRows.dropFirst()) {
                #expect(got.map(Self.scalars) == want.map(Self.scalars), "\(title): \(got) != \(want)")
            }
        }
        #expect(
            book.sheet("Microprojects")?.rows[0].map { $0?.value } == Tracker.header
        )

        // The Dictionary lists exactly the columns in the workbook, sheet by sheet.
        let dictionary = try #require(book.sheet("Dictionary"))
        let listed = dictionary.rows.dropFirst().map { ($0[0]?.value ?? "", $0[1]?.value ?? "") }
        let expected =
            Tracker.header.map { ("Microprojects", $0) }
            + Tracker.longColumns.map { ("Sessions", $0.name) }
        #expect(listed.map(\.0) == expected.map(\.0))
        #expect(listed.map(\.1) == expected.map(\.1))
        let sensitiveFact = book.sheet("About")?.rows.first { $0.first??.value == "Sensitive fields" }?.last??.value
        #expect(sensitiveFact?.hasPrefix(includeSensitive ? "Included" : "Left out") == true, "\(sensitiveFact ?? "")")
    }

    @Test("without --include-sensitive no sensitive words are anywhere in the package; with it they are")
    func sensitiveWordsOnlyWhenAsked() throws {
        let records = try ExportWriterTests.records()
        for includeSensitive in [false, true] {
            let scratch = try ScratchFolder()
            let path = try WorkbookFixture.write(records, includeSensitive: includeSensitive, in: scratch)
            let script = """
                import sys, zipfile
                z = zipfile.ZipFile(sys.argv[1])
                print(''.join(z.read(n).decode('utf-8') for n in z.namelist()))
                """
            let text = try Python.run(script, [path]).stdout
            for secret in [ExportWriterTests.statusReason, ExportWriterTests.concern, ExportWriterTests.worry] {
                let escaped = SpreadsheetXML.escape(secret)
                if includeSensitive && secret != ExportWriterTests.worry {
                    #expect(text.contains(escaped), "asked for sensitive fields, \(secret) is missing")
                } else {
                    #expect(!text.contains(escaped), "\(secret) is in the package (sensitive \(includeSensitive))")
                }
            }
        }
    }

    @Test("the package: a valid zip whose content types and relationships name exactly its parts")
    func package() throws {
        let scratch = try ScratchFolder()
        let path = try WorkbookFixture.write(try Self.payloadRecords(), includeSensitive: false, in: scratch)
        let script = """
            import posixpath, sys, zipfile
            import xml.etree.ElementTree as ET
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None, 'a damaged entry'
            names = set(z.namelist())
            for n in names:
                if n.endswith('.xml') or n.endswith('.rels'):
                    ET.fromstring(z.read(n))
            types = ET.fromstring(z.read('[Content_Types].xml'))
            overrides = {o.get('PartName').lstrip('/') for o in types if o.tag.endswith('Override')}
            parts = {n for n in names if not n.endswith('.rels') and n != '[Content_Types].xml'}
            assert overrides == parts, (overrides ^ parts)
            for rels in [n for n in names if n.endswith('.rels')]:
                base = posixpath.dirname(posixpath.dirname(rels))
                for r in ET.fromstring(z.read(rels)):
                    target = posixpath.normpath(posixpath.join(base, r.get('Target')))
                    assert target in names, rels + ' -> ' + target
            print(len(names))
            """
        let result = try Python.run(script, [path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "11")
    }

    @Test("the working files are private and gone afterwards, also when writing fails part way")
    func workingFilesAreRemoved() throws {
        let scratch = try ScratchFolder()
        _ = try WorkbookFixture.write(try Self.payloadRecords(), includeSensitive: false, in: scratch)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["tracker.xlsx"])

        struct Full: Error {}
        let failing = try ScratchFolder()
        var modes: [String: Int] = [:]
        #expect(throws: Full.self) {
            try ExportWriter.xlsx(
                try Self.payloadRecords().lazy.map { record in
                    // While records stream, the working folder is there, 0700, with 0600 sheet files.
                    for entry in (try? FileManager.default.contentsOfDirectory(atPath: failing.path)) ?? [] {
                        let folder = failing.file(entry)
                        modes[entry + "/"] = Self.mode(folder)
                        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                            modes[file] = Self.mode(folder + "/" + file)
                        }
                    }
                    return record
                },
                includeSensitive: false,
                about: WorkbookFixture.about,
                workingFolder: failing.path,
                to: { _ in throw Full() }
            )
        }
        let folders = modes.filter { $0.key.hasSuffix("/") }
        #expect(folders.count == 1 && folders.values.allSatisfy { $0 == 0o700 }, "working folder: \(modes)")
        #expect(folders.keys.first?.hasPrefix(".") == true, "the working folder is hidden: \(modes)")
        let files = modes.filter { !$0.key.hasSuffix("/") }
        #expect(Set(files.keys) == ["sheet1.xml", "sheet2.xml"], "\(modes)")
        #expect(files.values.allSatisfy { $0 == 0o600 }, "working files: \(modes)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: failing.path).isEmpty, "working files left behind")
    }

    /// A row's cell by column name; nil when empty.
    static func cell(_ row: [String: ReadBack.Cell?], _ name: String) -> ReadBack.Cell? { row[name] ?? nil }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int ?? -1) & 0o777
    }
}
