import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `export`, `certification` and `summary` through the built binary, after a Type 1 microproject taken to
/// closure: private files, no silent replacement, no writing through links, schema-valid JSON, the tracker
/// columns of docs/tracker-columns.md, and no participant code in the programme summary.
@Suite("End to end: export, certification and summary")
struct EndToEndExportTests {
    static let csvFiles = ["microprojects.csv", "sessions.csv"]
    /// What a CSV export writes: the two tables and README.txt, which holds the codebook (sorted as listed).
    static let csvExport = ["README.txt", "microprojects.csv", "sessions.csv"]
    static let sensitiveColumns = ["status_reason", "escalation_reasons"]

    // MARK: CSV files: modes, --force

    @Test("export --format csv writes two 0600 files in a new 0700 folder; never replaces them without --force")
    func csvIsPrivateAndNotReplacedWithoutForce() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let out = sandbox.path("tracker")
        let files = Self.csvExport.map { "\(out)/\($0)" }

        let first = try await sandbox.run(["export", "--all", "--format", "csv", "--out", out])
        try #require(first.exitCode == 0, "\(first.transcript)")
        #expect(E2E.mode(out) == 0o700, "export folder is \(E2E.octal(E2E.mode(out)))")
        for file in files {
            #expect(E2E.mode(file) == 0o600, "\(file) is \(E2E.octal(E2E.mode(file)))")
            #expect(first.stdout.contains(file), "\(first.transcript)")
        }
        #expect(first.stdout.contains("sensitive fields left out"), "\(first.transcript)")
        let before = files.map { (ExportE2E.bytes($0), ExportE2E.inode($0)) }

        let again = try await sandbox.run(["export", "--all", "--format", "csv", "--out", out])
        #expect(again.exitCode == 73, "\(again.transcript)")
        #expect(again.stderr.contains("--force"), "the refusal should say how to replace: \(again.transcript)")
        for (file, old) in zip(files, before) {
            #expect(ExportE2E.bytes(file) == old.0, "\(file) changed without --force")
            #expect(ExportE2E.inode(file) == old.1, "\(file) was replaced without --force")
            #expect(E2E.mode(file) == 0o600)
        }

        let forced = try await sandbox.run(["export", "--all", "--format", "csv", "--out", out, "--force"])
        #expect(forced.exitCode == 0, "\(forced.transcript)")
        for (file, old) in zip(files, before) {
            #expect(ExportE2E.inode(file) != old.1, "\(file) was not replaced with --force")
            #expect(ExportE2E.bytes(file) == old.0, "the same records should export the same bytes")
            #expect(E2E.mode(file) == 0o600, "\(file) is \(E2E.octal(E2E.mode(file))) after --force")
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: out).sorted()) ?? []
        #expect(leftovers == Self.csvExport, "temporary files left behind: \(leftovers)")
    }

    @Test("a refused export writes nothing: with only sessions.csv present, microprojects.csv is not created")
    func refusalWritesNothing() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let out = sandbox.path("tracker")
        let first = try await sandbox.run(["export", "--all", "--out", out])
        try #require(first.exitCode == 0, "\(first.transcript)")
        try FileManager.default.removeItem(atPath: "\(out)/microprojects.csv")
        let sessions = ExportE2E.bytes("\(out)/sessions.csv")

        let again = try await sandbox.run(["export", "--all", "--out", out])
        #expect(again.exitCode == 73, "\(again.transcript)")
        #expect(ExportE2E.bytes("\(out)/sessions.csv") == sessions)
        // Otherwise the folder holds a fresh microprojects.csv next to a stale sessions.csv, and the output
        // says nothing was exported.
        #expect(
            !ExportE2E.exists("\(out)/microprojects.csv"),
            "exit 73, yet microprojects.csv was written before sessions.csv was refused: \(again.transcript)"
        )
    }

    // MARK: Links

    @Test(
        "--out naming a symbolic link to a folder is refused (73) and nothing is written through it",
        arguments: ["link", "link/"]
    )
    func outSymlinkRefused(_ name: String) async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let real = sandbox.path("real")
        let link = sandbox.path("link")
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)

        // "link/" names the same link: lstat on a path with a trailing slash resolves the link first.
        let out = sandbox.path(name)
        let result = try await sandbox.run(["export", "--all", "--format", "csv", "--out", out])
        #expect(result.exitCode == 73, "--out \(out): \(result.transcript)")
        #expect(result.stderr.contains("symbolic link"), "--out \(out): \(result.transcript)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: real)) ?? []
        #expect(written.isEmpty, "--out \(out) wrote through the link into \(real): \(written)")
        #expect(ExportE2E.isSymlink(link))
    }

    @Test("a symbolic link named microprojects.csv in the folder is refused, with or without --force")
    func fileSymlinkRefused() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let out = sandbox.path("tracker")
        let victim = sandbox.path("victim.txt")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: "\(out)/microprojects.csv", withDestinationPath: victim)
        let victimInode = ExportE2E.inode(victim)

        for force in [false, true] {
            let result = try await sandbox.run(
                ["export", "--all", "--format", "csv", "--out", out] + (force ? ["--force"] : [])
            )
            #expect(result.exitCode == 73, "force \(force): \(result.transcript)")
            #expect(result.stderr.contains("symlink"), "force \(force): \(result.transcript)")
            #expect(ExportE2E.bytes(victim) == Data("keep me\n".utf8), "the link's target changed (force \(force))")
            #expect(ExportE2E.inode(victim) == victimInode)
            #expect(ExportE2E.isSymlink("\(out)/microprojects.csv"), "the link was replaced (force \(force))")
            #expect(!ExportE2E.exists("\(out)/sessions.csv"), "a refused export wrote sessions.csv (force \(force))")
        }
    }

    // MARK: JSON

    @Test("--format json: every element of microprojects.json, and records/mp-*.json, validate against the schema")
    func jsonValidatesAgainstSchema() async throws {
        let sandbox = try E2ESandbox()
        let id = try await ExportE2E.closedType1(sandbox)
        // The default (tracker detail, redacted), every stage (redacted), every stage with sensitive fields.
        let exports: [(folder: String, arguments: [String])] = [
            (sandbox.path("json-tracker"), ["--all"]),
            (sandbox.path("json-full"), ["--all", "--detail", "full"]),
            (sandbox.path("json-sensitive"), [id, "--detail", "full", "--include-sensitive"]),
        ]
        for export in exports {
            let result = try await sandbox.run(
                ["export", "--format", "json", "--out", export.folder] + export.arguments
            )
            try #require(result.exitCode == 0, "\(export.arguments): \(result.transcript)")
            #expect(E2E.mode("\(export.folder)/microprojects.json") == 0o600)
        }

        let script = """
            import glob, json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            checked = 0
            for export in sys.argv[3:]:
                records = json.load(open(export))
                assert isinstance(records, list) and records, export + ': not a non-empty array'
                for r in records:
                    validator.validate(r)
                    checked += 1
            complete = sorted(glob.glob(sys.argv[2] + '/records/mp-*.json'))
            assert complete, 'no complete record'
            for f in complete:
                validator.validate(json.load(open(f)))
                checked += 1
            print(checked)
            """
        let python = try ExportE2E.python(
            script,
            [E2E.repoRoot.appendingPathComponent("docs/record.schema.json").path, sandbox.dataHome]
                + exports.map { "\($0.folder)/microprojects.json" }
        )
        #expect(python.status == 0, "jsonschema: \(python.err)")
        #expect(python.out.trimmingCharacters(in: .whitespacesAndNewlines) == "4", "\(python.out)")

        func record(_ folder: String) throws -> [String: Any] {
            let data = try #require(ExportE2E.bytes("\(folder)/microprojects.json"))
            let records = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            #expect(records.count == 1)
            #expect(records.first?["microprojectID"] as? String == id)
            return records.first ?? [:]
        }
        let tracker = try record(exports[0].folder)
        let full = try record(exports[1].folder)
        let sensitive = try record(exports[2].folder)
        #expect((tracker["stages"] as? [Any])?.isEmpty == true, "tracker detail carries no stages")
        #expect((full["stages"] as? [Any])?.count == 8, "every stage: \(full["stages"] ?? "none")")
        // An escalation answer of "none" is harmless: shown as it is, never as if something were hidden.
        #expect((tracker["reflection"] as? [String: String])?["escalation"] == "none")
        #expect((full["reflection"] as? [String: String])?["escalation"] == "none")
        #expect((sensitive["reflection"] as? [String: String])?["escalation"] == "none")
        #expect(tracker["statusReason"] as? String == "Every closure criterion holds.", "a closure status is harmless")
        let fullReflection = try #require(MP.stageRecords(full, stage: "reflection").first)
        #expect(MP.answer(fullReflection, "escalation") as? String == "none")
    }

    @Test("a pause reason (status_reason, sensitive) is left out of JSON and Markdown unless --include-sensitive")
    func pauseReasonIsSensitiveInEveryFormat() async throws {
        let sandbox = try E2ESandbox()
        try await ExportE2E.addSam(sandbox)
        let reason = "Family evicted, staying with relatives"
        let start = try await sandbox.run(
            ["start"],
            lines: MP.focus(code: ExportE2E.participant, area: "Mornings", exploring: "What helps") + [MP.pauseHere]
        )
        #expect(start.exitCode == 75, "\(start.transcript)")
        let id = try #require(MP.id(in: start.stdout), "\(start.transcript)")
        let pause = try await sandbox.run(["pause", id, "--reason", reason])
        try #require(pause.exitCode == 0, "\(pause.transcript)")

        for format in ["csv", "json", "md"] {
            let out = sandbox.path("plain-\(format)")
            let result = try await sandbox.run(["export", id, "--format", format, "--out", out])
            try #require(result.exitCode == 0, "\(format): \(result.transcript)")
            #expect(result.stdout.contains("sensitive fields left out"))
            for file in sandbox.files(under: out) {
                let text = String(decoding: ExportE2E.bytes(file) ?? Data(), as: UTF8.self)
                // No session logged: no row in sessions.csv; README.txt is the codebook.
                if !file.hasSuffix("/sessions.csv") && !file.hasSuffix("/README.txt") {
                    #expect(text.contains(id), "\(file) does not hold the microproject")
                }
                #expect(!text.contains(reason), "\(file) holds the pause reason, a sensitive field")
            }
        }
        let full = sandbox.path("full-json")
        let result = try await sandbox.run(["export", id, "--format", "json", "--out", full, "--include-sensitive"])
        try #require(result.exitCode == 0, "\(result.transcript)")
        let text = String(decoding: ExportE2E.bytes("\(full)/microprojects.json") ?? Data(), as: UTF8.self)
        #expect(text.contains(reason), "asked for sensitive fields, the pause reason is missing")
    }

    // MARK: CSV columns

    @Test("the CSV header is the first table of docs/tracker-columns.md; sensitive columns only when asked")
    func csvHeaderFollowsTheCodebook() async throws {
        let sandbox = try E2ESandbox()
        let id = try await ExportE2E.closedType1(sandbox)
        let documented = try ExportE2E.documentedColumns(table: 0)
        try #require(documented.count > 20, "docs/tracker-columns.md has no column table")
        #expect(documented.filter(\.sensitive).map(\.name) == Self.sensitiveColumns)

        let plain = sandbox.path("plain")
        let result = try await sandbox.run(["export", "--all", "--format", "csv", "--out", plain])
        try #require(result.exitCode == 0, "\(result.transcript)")
        let rows = try ExportE2E.csvRows("\(plain)/microprojects.csv")
        try #require(rows.count == 2, "header and one microproject expected: \(rows)")
        #expect(rows[0] == documented.map(\.name), "every column, sensitive ones too: \(rows[0])")
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        for column in Self.sensitiveColumns {
            #expect(row[column] == "left out: sensitive", "\(column) without asking")
        }
        #expect(row["practitioner_name"]?.isEmpty == false)
        #expect(row["closed_on"] == row["last_change"], "closed at its last change: \(row)")
        #expect(row["actual_days"] == "0", "closed the day it started: \(row)")
        let readme = try String(contentsOfFile: "\(plain)/README.txt", encoding: .utf8)
        #expect(readme.contains("`closed_on`") && readme.contains("left out: sensitive"), "\(readme)")
        #expect(row["microproject_id"] == id)
        #expect(row["participant_code"] == ExportE2E.participant)
        #expect(row["type"] == "1")
        #expect(row["status"] == "closed")
        #expect(row["reflection_complete"] == "yes")
        #expect(row["sessions_logged"] == "1")

        let sessions = try ExportE2E.csvRows("\(plain)/sessions.csv")
        #expect(sessions.first == (try ExportE2E.documentedColumns(table: 1)).map(\.name))
        #expect(sessions.count == 2, "one session logged: \(sessions)")
        #expect(sessions.last?.first == id)

        let full = sandbox.path("full")
        let sensitive = try await sandbox.run([
            "export", "--all", "--format", "csv", "--out", full, "--include-sensitive",
        ])
        try #require(sensitive.exitCode == 0, "\(sensitive.transcript)")
        #expect(sensitive.stdout.contains("sensitive fields included"), "\(sensitive.transcript)")
        let fullRows = try ExportE2E.csvRows("\(full)/microprojects.csv")
        #expect(fullRows.first == documented.map(\.name), "\(fullRows.first ?? [])")
        let fullRow = Dictionary(uniqueKeysWithValues: zip(fullRows[0], fullRows[1]))
        #expect(fullRow["reflection_escalation"] == "none")
        #expect(fullRow["escalation_reasons"] == "")
    }

    @Test("--bom starts both CSV files with EF BB BF; without it they start with the header")
    func bom() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        for bom in [false, true] {
            let out = sandbox.path(bom ? "with-bom" : "without-bom")
            let result = try await sandbox.run(
                ["export", "--all", "--format", "csv", "--out", out] + (bom ? ["--bom"] : [])
            )
            try #require(result.exitCode == 0, "\(result.transcript)")
            for name in Self.csvFiles {
                let data = try #require(ExportE2E.bytes("\(out)/\(name)"))
                let start = Array(data.prefix(3))
                #expect(bom ? start == [0xEF, 0xBB, 0xBF] : start == Array("mic".utf8), "\(name): \(start)")
                #expect(data.suffix(2) == Data([0x0D, 0x0A]), "\(name) does not end with CRLF")
                #expect(try ExportE2E.csvRows("\(out)/\(name)").first?.first == "microproject_id")
            }
        }
    }

    // MARK: Certification and summary

    @Test("certification lists the closed microproject as evidence and says what is still to gather")
    func certification() async throws {
        let sandbox = try E2ESandbox()
        let id = try await ExportE2E.closedType1(sandbox)
        let md = try await sandbox.run(["certification", "sam"])
        #expect(md.exitCode == 0, "\(md.transcript)")
        #expect(md.stdout.contains("- Evidence gathered: \(id): Type 1"), "\(md.stdout)")
        #expect(
            md.stdout.contains("- Still to gather: 2 more closed microprojects with a participant not yet worked with"),
            "\(md.stdout)"
        )
        #expect(md.stdout.contains("- Still to gather: at least one session"), "peer learning: \(md.stdout)")
        #expect(md.stdout.contains("- **Licence:** Link, valid until 31 August 2030"), "\(md.stdout)")
        // Recorded by `practitioner add` just now, so dated; each of the level's trainings is listed.
        for training in ["Informed Practitioner training", "Link training"] {
            #expect(md.stdout.contains("- Evidence gathered: \(training): recorded as completed on "), "\(md.stdout)")
        }
        #expect(
            md.stdout.range(of: #"\b(pass|fail|passed|failed)\b"#, options: [.regularExpression, .caseInsensitive])
                == nil,
            "\(md.stdout)"
        )

        let show = try await sandbox.run(["practitioner", "show", "sam"])
        #expect(show.stdout.contains("Link training (recorded 20"), "the day it was recorded: \(show.transcript)")

        let json = try await sandbox.run(["certification", "sam", "--format", "json"])
        #expect(json.exitCode == 0, "\(json.transcript)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any],
            "not JSON: \(json.stdout)"
        )
        let points = object["points"] as? [[String: Any]] ?? []
        #expect(points.count == 5)
        let three = points.first { ($0["title"] as? String)?.hasPrefix("Three microprojects") == true }
        #expect((three?["gathered"] as? [String])?.first?.hasPrefix("\(id):") == true, "\(three ?? [:])")
        #expect((three?["stillToGather"] as? [String])?.count == 1)
        #expect(object["licenceExpires"] as? String == "2030-08-31")
        #expect((object["practitioner"] as? [String: Any])?["id"] as? String == "sam")
    }

    @Test("summary --out writes summary.md and two SVGs, 0600, well-formed, without the participant code")
    func summary() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let out = sandbox.path("summary")
        let result = try await sandbox.run(["summary", "--out", out])
        try #require(result.exitCode == 0, "\(result.transcript)")
        #expect(E2E.mode(out) == 0o700)
        let names = ["summary.md", "by-type.svg", "community-wheel.svg"]
        for name in names {
            let path = "\(out)/\(name)"
            #expect(E2E.mode(path) == 0o600, "\(name) is \(E2E.octal(E2E.mode(path)))")
            let text = String(decoding: ExportE2E.bytes(path) ?? Data(), as: UTF8.self)
            #expect(!text.isEmpty, "\(name) is empty")
            #expect(!text.contains(ExportE2E.participant), "\(name) holds the participant code")
        }
        let script = """
            import sys
            import xml.etree.ElementTree as ET
            for f in sys.argv[1:]:
                root = ET.parse(f).getroot()
                assert root.tag == '{http://www.w3.org/2000/svg}svg', f + ': root is ' + root.tag
            """
        let python = try ExportE2E.python(script, names.dropFirst().map { "\(out)/\($0)" })
        #expect(python.status == 0, "SVG not well-formed: \(python.err)")
        let markdown = String(decoding: ExportE2E.bytes("\(out)/summary.md") ?? Data(), as: UTF8.self)
        #expect(markdown.contains("| Type 1: Universal Prevention | 0 | 0 | 0 | 1 | 1 |"), "\(markdown)")
        #expect(markdown.contains("taken up in 1 of them"), "\(markdown)")
    }

    // MARK: Usage

    @Test("export with no ids and no --all exits 64 and says what to give; an unknown id exits 66")
    func usageAndUnknownID() async throws {
        let sandbox = try E2ESandbox()
        _ = try await ExportE2E.closedType1(sandbox)
        let exports = "\(sandbox.dataHome)/exports"

        let bare = try await sandbox.run(["export"])
        #expect(bare.exitCode == 64, "\(bare.transcript)")
        #expect(bare.stderr.contains("--all"), "\(bare.transcript)")
        #expect(bare.stderr.contains("microproject ids"), "\(bare.transcript)")

        let unknown = try await sandbox.run(["export", "mp-zzzzzz"])
        #expect(unknown.exitCode == 66, "\(unknown.transcript)")
        #expect(unknown.stderr.contains("mp-zzzzzz"), "\(unknown.transcript)")
        #expect(unknown.stderr.contains("microproject list"), "\(unknown.transcript)")
        #expect(!ExportE2E.exists(exports), "a failed export created \(exports)")
    }
}
