import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 8, items 2 and 3: a closed record never changes (it is rebuilt from the journals alone, whatever the
/// profile, time zone or locale says now), no output is lost for good (a record whose write failed is written
/// again by the next command that opens its session), leftover temp files are cleaned, and a record build that
/// misses a stage session says so and exits 65.
@Suite("End to end: records that stay true")
struct EndToEndTrustTests {
    /// Runs the binary with extra environment variables (a far time zone, another locale).
    static func run(
        _ sandbox: E2ESandbox,
        _ arguments: [String],
        environment extra: [String: String]
    ) async throws -> E2EResult {
        let process = sandbox.makeProcess(arguments)
        process.environment = sandbox.environment.merging(extra) { $1 }
        return try await sandbox.execute(process, timeout: 30)
    }

    static let elsewhere = ["TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"]

    /// Runs an SQL script against the data folder's store with python3's sqlite3, dropping the append-only
    /// triggers for the edit and putting them back: how a store that lost a row looks.
    static func editStore(_ sandbox: E2ESandbox, _ sql: String) throws {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
            for name, _ in triggers:
                db.execute("DROP TRIGGER " + name)
            db.executescript(sys.argv[2])
            for _, sql in triggers:
                db.execute(sql)
            db.commit()
            """
        let result = try ExportE2E.python(script, [sandbox.dataHome + "/microproject.sqlite", sql])
        try #require(result.status == 0, "python3 sqlite3: \(result.err)")
    }

    // MARK: Item 2: a closed record never changes

    @Test(
        "a closed record rebuilt after practitioner update (licence, level, trainings, approval) under another time zone and locale is byte-identical to the one written at closure, and so is its export"
    )
    func closedRecordNeverChanges() async throws {
        let sandbox = try E2ESandbox()
        let id = try await ExportE2E.closedType1(sandbox)
        let path = sandbox.recordPath(id: id)
        let written = try #require(ExportE2E.bytes(path))
        let markdown = try #require(ExportE2E.bytes(String(path.dropLast(5)) + ".md"))
        let record = try MP.record(sandbox, id: id)
        let practitioner = record["practitioner"] as? [String: Any] ?? [:]
        #expect(practitioner["licenceLevel"] as? String == "link", "\(practitioner)")
        let asRecorded = record["profileAsRecorded"] as? [String: Any] ?? [:]
        #expect(asRecorded["journaled"] as? Bool == true, "\(asRecorded)")
        let facts = asRecorded["practitioner"] as? [String: Any] ?? [:]
        #expect(facts["licenceLevel"] as? String == "link", "\(facts)")
        #expect(facts["licenceExpires"] as? String == "2030-08-31", "\(facts)")
        #expect(facts["organisationalApproval"] as? Bool == true, "\(facts)")
        #expect(
            facts["completed"] as? [String] == [
                "introduction", "foundations", "informed-practitioner", "link-training",
            ],
            "\(facts)"
        )

        let update = try await sandbox.run([
            "practitioner", "update", "sam", "--licence", "lead", "--licence-expires", "2031-01-31", "--completed",
            "deep-dive", "--completed", "lead-training", "--not-approved", "--senior-consultant",
        ])
        try #require(update.exitCode == 0, "practitioner update: \(update.transcript)")
        let peer = try await sandbox.run(["practitioner", "log-peer-learning", "sam"])
        #expect(peer.exitCode == 0, "log-peer-learning: \(peer.transcript)")

        let shown = try await Self.run(
            sandbox,
            ["show", id, "--json", "--include-sensitive"],
            environment: Self.elsewhere
        )
        #expect(shown.exitCode == 0, "\(shown.transcript)")
        #expect(
            Data(shown.stdout.utf8) == written,
            "show --json after a profile change differs from the record written at closure:\n\(shown.stdout)"
        )
        #expect(!shown.stdout.contains("\"lead\""), "the live profile leaked into the record: \(shown.stdout)")

        // Export rebuilds the record too: with everything in, it is the same record, field for field.
        let export = try await Self.run(
            sandbox,
            ["export", id, "--format", "json", "--detail", "full", "--include-sensitive", "--out", sandbox.path("ex")],
            environment: Self.elsewhere
        )
        #expect(export.exitCode == 0, "\(export.transcript)")
        let compare = try ExportE2E.python(
            """
            import json, sys
            written = json.load(open(sys.argv[1]))
            exported = json.load(open(sys.argv[2]))
            sys.exit(0 if exported == [written] else 1)
            """,
            [path, sandbox.path("ex") + "/microprojects.json"]
        )
        #expect(compare.status == 0, "the exported record differs from the record written at closure")

        // The files themselves were not rewritten by any of this.
        #expect(ExportE2E.bytes(path) == written)
        #expect(ExportE2E.bytes(String(path.dropLast(5)) + ".md") == markdown)
    }

    @Test(
        "a Type 2 consult journals the Lead Plus's profile as signed in: show --json is unchanged after both profiles change"
    )
    func consultTeamAsSignedIn() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        try await MP.addLeadPlus(sandbox)
        let lines =
            MP.stages(
                MP.focus(code: "BR-092", area: "School mornings", exploring: "What the rush is like"),
                MP.safety(need: "early"),
                MP.typeDecision("early"),
                MP.consult(type: 2)
            ) + [MP.pauseHere]
        let run = try await sandbox.run(["start", "--practitioner", "sam"], lines: lines)
        #expect(run.exitCode == 75, "\(run.transcript)")
        let id = try #require(MP.id(in: run.stdout), "\(run.transcript)")
        let before = try await sandbox.run(["show", id, "--json", "--include-sensitive"])
        try #require(before.exitCode == 0, "\(before.transcript)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any]
        )
        let team = (json["profileAsRecorded"] as? [String: Any])?["consultTeam"] as? [[String: Any]] ?? []
        #expect(team.count == 1, "\(team)")
        #expect(team.first?["id"] as? String == "pat")
        #expect(team.first?["role"] as? String == "lead-plus")
        #expect(team.first?["licenceLevel"] as? String == "lead-plus")

        for args in [
            ["practitioner", "update", "pat", "--licence", "link"],
            ["practitioner", "update", "sam", "--licence", "lead", "--not-approved"],
        ] {
            let r = try await sandbox.run(args)
            try #require(r.exitCode == 0, "\(args): \(r.transcript)")
        }
        let after = try await Self.run(
            sandbox,
            ["show", id, "--json", "--include-sensitive"],
            environment: Self.elsewhere
        )
        #expect(after.exitCode == 0, "\(after.transcript)")
        #expect(after.stdout == before.stdout, "the record of an unchanged journal changed with the live profiles")
    }

    // MARK: Item 3: no output is ever lost for good

    @Test(
        "run whose record write fails after the outcome is committed (73): continue writes the record and says so; again, it says where it is"
    )
    func runRecordWriteFailsThenContinueWritesIt() async throws {
        let sandbox = try E2ESandbox()
        // A file where the records folder belongs: the write fails after the outcome is committed.
        try FileManager.default.createDirectory(
            atPath: sandbox.dataHome,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        let records = sandbox.dataHome + "/records"
        try? FileManager.default.removeItem(atPath: records)
        try #require(FileManager.default.createFile(atPath: records, contents: Data()))
        let run = try await sandbox.run(["run", "safety-check"], lines: E2E.suitableRoute)
        #expect(run.exitCode == 73, "\(run.transcript)")
        let id = try #require(E2E.sessionID(in: run.stdout), "\(run.transcript)")
        #expect(run.stderr.contains("microproject continue \(id)"), "no way forward given: \(run.transcript)")
        try FileManager.default.removeItem(atPath: records)

        let again = try await sandbox.run(["continue", id])
        #expect(again.exitCode == 0, "\(again.transcript)")
        #expect(again.stdout.contains("has already finished"), "\(again.transcript)")
        #expect(
            again.output.contains("The record for \(id) was missing, so it was written again: \(records)/\(id).json"),
            "\(again.transcript)"
        )
        let record = try E2ERecord(path: "\(records)/\(id).json")
        #expect(record.outcomeID == "suitable")
        #expect(FileManager.default.fileExists(atPath: "\(records)/\(id).md"))
        #expect(E2E.mode("\(records)/\(id).json") == 0o600)

        let third = try await sandbox.run(["continue", id])
        #expect(third.exitCode == 0, "\(third.transcript)")
        #expect(!third.output.contains("was missing"), "\(third.transcript)")
        #expect(third.stdout.contains("The record is at \(records)/\(id).json"), "\(third.transcript)")
    }

    @Test(
        "a microproject whose closure record write fails (73) is still closed; show then writes its record and says so"
    )
    func closureRecordWriteFailsThenShowWritesIt() async throws {
        let sandbox = try E2ESandbox()
        try await ExportE2E.addSam(sandbox)
        let records = sandbox.dataHome + "/records"
        try? FileManager.default.removeItem(atPath: records)
        try #require(FileManager.default.createFile(atPath: records, contents: Data()))
        let run = try await sandbox.run(["start"], lines: try ExportE2E.type1Answers())
        #expect(run.exitCode == 73, "\(run.transcript)")
        let id = try #require(MP.id(in: run.stdout), "\(run.transcript)")
        #expect(run.stdout.contains("Microproject \(id) is closed."), "\(run.transcript)")
        #expect(run.stderr.contains("microproject show \(id)"), "no way forward given: \(run.transcript)")
        try FileManager.default.removeItem(atPath: records)

        let show = try await sandbox.run(["show", id])
        #expect(show.exitCode == 0, "\(show.transcript)")
        #expect(
            show.output.contains("The record for \(id) was missing, so it was written again: \(records)/\(id).json"),
            "\(show.transcript)"
        )
        let json = try await sandbox.run(["show", id, "--json", "--include-sensitive"])
        #expect(json.exitCode == 0, "\(json.transcript)")
        #expect(!json.output.contains("was missing"), "written twice: \(json.transcript)")
        #expect(ExportE2E.bytes("\(records)/\(id).json") == Data(json.stdout.utf8))
    }

    @Test(
        "a record lost after the commit (as a kill between commit and write leaves it) is written again by show, list and continue, for a session and a closed microproject"
    )
    func lostRecordsAreWrittenAgain() async throws {
        let sandbox = try E2ESandbox()
        let mp = try await ExportE2E.closedType1(sandbox)
        let mpPath = sandbox.recordPath(id: mp)
        let mpBytes = try #require(ExportE2E.bytes(mpPath))
        let custom = sandbox.path("mine/check.json")
        let run = try await sandbox.run(["run", "safety-check", "--record", custom], lines: E2E.suitableRoute)
        try #require(run.exitCode == 0, "\(run.transcript)")
        let session = try #require(E2E.sessionID(in: run.stdout))
        let sessionBytes = try #require(ExportE2E.bytes(custom))

        func lose(_ json: String) throws {
            try FileManager.default.removeItem(atPath: json)
            try? FileManager.default.removeItem(atPath: String(json.dropLast(5)) + ".md")
        }

        // show: the session, then the microproject (its record rebuilt byte for byte).
        try lose(custom)
        let show = try await sandbox.run(["show", session])
        #expect(show.exitCode == 0, "\(show.transcript)")
        #expect(show.output.contains("The record for \(session) was missing, so it was written again: \(custom)"))
        #expect(ExportE2E.bytes(custom) == sessionBytes, "the session record was not written again as it was")
        try lose(mpPath)
        let showMP = try await sandbox.run(["show", mp, "--json", "--include-sensitive"])
        #expect(showMP.exitCode == 0, "\(showMP.transcript)")
        #expect(showMP.stderr.contains("The record for \(mp) was missing, so it was written again"))
        #expect(ExportE2E.bytes(mpPath) == mpBytes, "the microproject record was not written again as it was")
        #expect(Data(showMP.stdout.utf8) == mpBytes, "show --json printed a note into the JSON")

        // list: both at once.
        try lose(custom)
        try lose(mpPath)
        let list = try await sandbox.run(["list"])
        #expect(list.exitCode == 0, "\(list.transcript)")
        #expect(list.output.contains("The record for \(session) was missing"), "\(list.transcript)")
        #expect(list.output.contains("The record for \(mp) was missing"), "\(list.transcript)")
        #expect(ExportE2E.bytes(custom) == sessionBytes)
        #expect(ExportE2E.bytes(mpPath) == mpBytes)

        // continue on the closed microproject: written again and said; then where it is.
        try lose(mpPath)
        let cont = try await sandbox.run(["continue", mp])
        #expect(cont.exitCode == 0, "\(cont.transcript)")
        #expect(cont.output.contains("The record for \(mp) was missing, so it was written again"), "\(cont.transcript)")
        #expect(ExportE2E.bytes(mpPath) == mpBytes)
        let cont2 = try await sandbox.run(["continue", mp])
        #expect(cont2.exitCode == 0, "\(cont2.transcript)")
        #expect(!cont2.output.contains("was missing"), "\(cont2.transcript)")
        #expect(cont2.stdout.contains(mpPath), "continue does not say where the record is: \(cont2.transcript)")

        // A record cut short (never by our writes, which are atomic) is written again too.
        try mpBytes.prefix(mpBytes.count / 2).write(to: URL(fileURLWithPath: mpPath))
        let cut = try await sandbox.run(["show", mp])
        #expect(
            cut.output.contains("The record for \(mp) was incomplete, so it was written again"),
            "\(cut.transcript)"
        )
        #expect(ExportE2E.bytes(mpPath) == mpBytes)
    }

    @Test(
        "leftover temp files (.NAME.tmp-XXXXXX in records/ and exports/) are removed at the next start; complete files, look-alikes and a file being written stay"
    )
    func leftoverTempFilesAreCleaned() async throws {
        let sandbox = try E2ESandbox()
        try FileManager.default.createDirectory(
            atPath: sandbox.dataHome,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        let records = sandbox.dataHome + "/records"
        let exports = sandbox.dataHome + "/exports"
        for folder in [records, exports] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let leftovers = [
            "\(records)/.x.md.tmp-aB3dE9", "\(records)/.mp-abc123.json.tmp-Q1w2E3",
            "\(exports)/.microprojects.csv.tmp-zzzzzz",
        ]
        let kept = [
            "\(records)/x.md", "\(records)/x.json", "\(records)/.x.md.tmp-toolong1", "\(records)/.x.md.tmp-ab",
            "\(records)/notes.tmp-abcdef", "\(exports)/microprojects.csv",
        ]
        for path in leftovers + kept {
            try #require(FileManager.default.createFile(atPath: path, contents: Data("private answers\n".utf8)))
        }
        // A temp file some live process is still writing (it holds the lock) is not touched.
        let busy = "\(records)/.y.json.tmp-LIVE01"
        let fd = open(busy, O_CREAT | O_WRONLY, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX) == 0)

        let list = try await sandbox.run(["list"])
        #expect(list.exitCode == 0, "\(list.transcript)")
        for path in leftovers { #expect(!FileManager.default.fileExists(atPath: path), "\(path) was left") }
        for path in kept + [busy] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path) was removed")
        }
        #expect(ExportE2E.bytes("\(records)/x.json") == Data("private answers\n".utf8))
    }

    // MARK: Item 9: a missing stage session is never skipped quietly

    @Test(
        "a closed microproject whose stage session is missing: show --json and export name it, the export's summary line counts it, and both exit 65"
    )
    func missingStageSessionIsReported() async throws {
        let sandbox = try E2ESandbox()
        let id = try await ExportE2E.closedType1(sandbox)
        let record = try MP.record(sandbox, id: id)
        let session = try #require(MP.stageRecords(record, stage: "plan").first?["sessionID"] as? String)
        try Self.editStore(
            sandbox,
            "DELETE FROM events WHERE session_id = '\(session)'; DELETE FROM sessions WHERE id = '\(session)';"
        )

        let show = try await sandbox.run(["show", id, "--json", "--include-sensitive"])
        #expect(show.exitCode == 65, "\(show.transcript)")
        #expect(show.stderr.contains(session), "the missing session is not named: \(show.transcript)")
        #expect(show.stderr.contains("missing"), "\(show.transcript)")

        let export = try await sandbox.run(["export", "--all", "--format", "json", "--out", sandbox.path("ex")])
        #expect(export.exitCode == 65, "\(export.transcript)")
        let summary = export.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(summary.contains("Exported 1 microproject"), "\(export.transcript)")
        #expect(summary.contains("1 problem"), "the summary line does not count it: \(summary)")
        #expect(export.stderr.contains(session), "\(export.transcript)")
    }
}
