import Foundation
import Testing

/// `export --format xlsx` through the built binary: a private file never replaced without --force, read back
/// with openpyxl (four sheets, frozen header, typed cells, formula payloads as text, the CSV's columns and
/// values with and without --include-sensitive), and converted by headless LibreOffice to the CSV's values.
@Suite("End to end: the xlsx workbook")
struct EndToEndWorkbookTests {
    static let payload = "=HYPERLINK(\"http://x\",\"y\")"

    /// A Type 1 microproject taken to closure, and a paused one whose focus area is a formula payload.
    static func twoMicroprojects(_ sandbox: E2ESandbox) async throws {
        _ = try await ExportE2E.closedType1(sandbox)
        let paused = try await sandbox.run(
            ["start"],
            lines: MP.focus(code: "BR-015", area: payload, exploring: "-what helps") + [MP.pauseHere]
        )
        try #require(paused.exitCode == 75, "\(paused.transcript)")
        let id = try #require(MP.id(in: paused.stdout), "\(paused.transcript)")
        let pause = try await sandbox.run(["pause", id, "--reason", "Family evicted, staying with relatives"])
        try #require(pause.exitCode == 0, "\(pause.transcript)")
    }

    /// Every sheet as rows of [value, openpyxl type] (dates as YYYY-MM-DD, None as null), plus each sheet's
    /// frozen pane and filter, and any warning openpyxl gave.
    static let readScript = """
        import datetime, json, sys, warnings
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            import openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
        def cell(c):
            if c.value is None:
                return None
            v = c.value.date().isoformat() if isinstance(c.value, datetime.datetime) else str(c.value)
            return [v, c.data_type]
        print(json.dumps({
            'warnings': [str(w.message) for w in caught],
            'sheets': [{'title': ws.title, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref,
                        'rows': [[cell(c) for c in r] for r in ws.iter_rows(max_col=ws.max_column)]}
                       for ws in wb.worksheets]}))
        """

    struct Sheet {
        var title: String
        var freeze: String?
        var filter: String?
        /// [value, type] or nil per cell.
        var rows: [[[String]?]]
        var values: [[String]] { rows.map { $0.map { $0?[0] ?? "" } } }
    }

    static func read(_ path: String) throws -> (warnings: [String], sheets: [Sheet]) {
        let r = try ExportE2E.python(readScript, [path])
        try #require(r.status == 0, "openpyxl could not read \(path) (Scripts/setup --for-tests installs it): \(r.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let sheets = (object["sheets"] as? [[String: Any]] ?? []).map { s in
            Sheet(
                title: s["title"] as? String ?? "",
                freeze: s["freeze"] as? String,
                filter: s["filter"] as? String,
                rows: (s["rows"] as? [[Any]] ?? []).map { $0.map { $0 as? [String] } }
            )
        }
        return (object["warnings"] as? [String] ?? [], sheets)
    }

    /// What the CSV writes for a value: a formula-looking cell gets a leading apostrophe.
    static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    // MARK: The file

    @Test("export --format xlsx writes one 0600 workbook in a 0700 folder, never replaced without --force")
    func privateAndNotReplacedWithoutForce() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let out = sandbox.path("tracker")
        let file = "\(out)/microprojects.xlsx"

        let first = try await sandbox.run(["export", "--all", "--format", "xlsx", "--out", out])
        try #require(first.exitCode == 0, "\(first.transcript)")
        #expect(first.stdout.contains(file), "\(first.transcript)")
        #expect(first.stdout.contains("sensitive fields left out"), "\(first.transcript)")
        #expect(E2E.mode(out) == 0o700, "export folder is \(E2E.octal(E2E.mode(out)))")
        #expect(E2E.mode(file) == 0o600, "\(file) is \(E2E.octal(E2E.mode(file)))")
        #expect(ExportE2E.bytes(file)?.prefix(2) == Data("PK".utf8), "not a zip")
        let before = (ExportE2E.bytes(file), ExportE2E.inode(file))

        let again = try await sandbox.run(["export", "--all", "--format", "xlsx", "--out", out])
        #expect(again.exitCode == 73, "\(again.transcript)")
        #expect(again.stderr.contains("--force"), "the refusal should say how to replace: \(again.transcript)")
        #expect(ExportE2E.bytes(file) == before.0 && ExportE2E.inode(file) == before.1, "replaced without --force")

        let forced = try await sandbox.run(["export", "--all", "--format", "xlsx", "--out", out, "--force"])
        #expect(forced.exitCode == 0, "\(forced.transcript)")
        #expect(ExportE2E.inode(file) != before.1, "not replaced with --force")
        #expect(E2E.mode(file) == 0o600, "\(file) is \(E2E.octal(E2E.mode(file))) after --force")
        // The working files (sheets written one row at a time, then zipped) are gone: hidden ones too.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out).sorted()) ?? []
        #expect(left == ["microprojects.xlsx"], "working files left behind: \(left)")

        let help = try await sandbox.run(["export", "--help"])
        #expect(help.stdout.contains("xlsx") && help.stdout.contains("microprojects.xlsx"), "\(help.transcript)")
    }

    @Test("a symbolic link named microprojects.xlsx is refused (73), with or without --force")
    func symlinkRefused() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let out = sandbox.path("tracker")
        let victim = sandbox.path("victim.txt")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: "\(out)/microprojects.xlsx", withDestinationPath: victim)
        for force in [false, true] {
            let result = try await sandbox.run(
                ["export", "--all", "--format", "xlsx", "--out", out] + (force ? ["--force"] : [])
            )
            #expect(result.exitCode == 73, "force \(force): \(result.transcript)")
            #expect(ExportE2E.bytes(victim) == Data("keep me\n".utf8), "the link's target changed (force \(force))")
            #expect(ExportE2E.isSymlink("\(out)/microprojects.xlsx"))
            let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            #expect(left == ["microprojects.xlsx"], "force \(force): \(left)")
        }
    }

    // MARK: Against the CSV

    @Test(
        "openpyxl: four sheets, frozen header, typed cells, the formula payload as text, the CSV's columns and values",
        arguments: [false, true]
    )
    func sameAsCSV(includeSensitive: Bool) async throws {
        let sandbox = try E2ESandbox()
        try await Self.twoMicroprojects(sandbox)
        let out = sandbox.path("export")
        let extra = includeSensitive ? ["--include-sensitive"] : []
        for format in ["csv", "xlsx"] {
            let r = try await sandbox.run(["export", "--all", "--format", format, "--out", out] + extra)
            try #require(r.exitCode == 0, "\(format): \(r.transcript)")
        }
        let book = try Self.read("\(out)/microprojects.xlsx")
        #expect(book.warnings.isEmpty, "openpyxl warned: \(book.warnings)")
        #expect(book.sheets.map(\.title) == ["Microprojects", "Sessions", "Dictionary", "About"])

        for (sheet, csvName) in zip(book.sheets, ["microprojects.csv", "sessions.csv"]) {
            let csv = try ExportE2E.csvRows("\(out)/\(csvName)")
            #expect(sheet.freeze == "A3", "\(sheet.title): the header is not frozen")
            #expect(sheet.filter?.hasPrefix("A2:") == true, "\(sheet.title): no filter on the labels row")
            #expect(sheet.values[0] == csv[0], "\(sheet.title): columns differ from \(csvName)")
            #expect(sheet.rows[1].allSatisfy { $0?[1] == "s" && $0?[0].isEmpty == false }, "\(sheet.title): labels")
            let data = sheet.values.dropFirst(2).map { $0.map(Self.neutralised) }
            #expect(Array(data) == Array(csv.dropFirst()), "\(sheet.title) differs from \(csvName)")
        }
        let wide = book.sheets[0]
        let header = wide.values[0]
        let sensitive = ["status_reason", "escalation_reasons"]
        #expect(sensitive.allSatisfy(header.contains), "the same columns either way: \(header)")
        let rows = wide.rows.dropFirst(2).map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        for row in rows where !includeSensitive {
            for column in sensitive { #expect(row[column]??[0] == "left out: sensitive", "\(column): \(row)") }
        }
        let paused = try #require(rows.first { $0["participant_code"]??[0] == "BR-015" })
        #expect(
            (paused["focus_area_1"] ?? nil) == [Self.payload, "s"],
            "the formula payload: \(paused["focus_area_1"] ?? nil)"
        )
        let closed = try #require(rows.first { $0["participant_code"]??[0] == ExportE2E.participant })
        #expect(closed["type"]??[1] == "n" && closed["type"]??[0] == "1")
        #expect(closed["started_on"]??[1] == "d", "\(closed["started_on"] ?? nil)")
        #expect(closed["sessions_logged"]??[1] == "n")

        let dictionary = book.sheets[2]
        let listed = dictionary.values.dropFirst().filter { $0[0] == "Microprojects" }.map { $0[1] }
        #expect(listed == header, "the Dictionary lists other columns than the sheet has")
        let about = Dictionary(
            book.sheets[3].values.dropFirst().map { ($0[0], $0.count > 1 ? $0[1] : "") },
            uniquingKeysWith: { a, _ in a }
        )
        #expect(about["Microprojects"] == "2", "\(about)")
        #expect(about["What was exported"] == "every microproject", "\(about)")
        #expect(about["Exported by"]?.isEmpty == false, "\(about)")
        #expect(about["Sensitive fields"]?.hasPrefix(includeSensitive ? "Included" : "Left out") == true, "\(about)")
        let reason = "Family evicted, staying with relatives"
        #expect(book.sheets.flatMap(\.values).joined().contains(reason) == includeSensitive, "the pause reason")
    }

    // MARK: LibreOffice

    @Test("headless LibreOffice converts the Microprojects and Sessions sheets to the CSV export's values")
    func libreOfficeConvertsToTheCSVValues() async throws {
        let office = ["soffice", "libreoffice"].lazy.compactMap(Self.which).first
        let soffice = try #require(
            office,
            "LibreOffice is needed for this test: run Scripts/setup --for-tests (installs libreoffice-calc-nogui)"
        )
        let sandbox = try E2ESandbox()
        try await Self.twoMicroprojects(sandbox)
        let out = sandbox.path("export")
        for format in ["csv", "xlsx"] {
            let r = try await sandbox.run(["export", "--all", "--format", format, "--out", out])
            try #require(r.exitCode == 0, "\(format): \(r.transcript)")
        }
        // Every sheet to its own CSV (UTF-8, comma, quote "), with a profile of its own so runs never clash.
        let converted = sandbox.path("converted")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=file://\(sandbox.path("lo-profile"))", "--headless", "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir", converted, "\(out)/microprojects.xlsx",
        ]
        process.environment = ["HOME": sandbox.userHome, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let result = try await sandbox.execute(process, timeout: 120)
        try #require(result.exitCode == 0, "LibreOffice: \(result.transcript)")
        for (sheet, csvName) in [("Microprojects", "microprojects.csv"), ("Sessions", "sessions.csv")] {
            let path = "\(converted)/microprojects-\(sheet).csv"
            try #require(ExportE2E.exists(path), "LibreOffice wrote no \(path): \(result.transcript)")
            let office = try ExportE2E.csvRows(path)
            let csv = try ExportE2E.csvRows("\(out)/\(csvName)")
            try #require(office.count == csv.count + 1, "\(sheet): \(office.count) rows, the CSV \(csv.count)")
            #expect(office[0] == csv[0], "\(sheet): row 1 is not the CSV header")
            // LibreOffice writes text as stored, dates as shown (YYYY-MM-DD), numbers as numbers.
            let values = office.dropFirst(2).map { $0.map(Self.neutralised) }
            #expect(Array(values) == Array(csv.dropFirst()), "\(sheet): LibreOffice's values differ from the CSV")
        }
        let wide = try ExportE2E.csvRows("\(converted)/microprojects-Microprojects.csv")
        #expect(wide.joined().contains(Self.payload), "LibreOffice turned the payload into something else: \(wide)")
    }

    static func which(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/opt/libreoffice/program"] {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
