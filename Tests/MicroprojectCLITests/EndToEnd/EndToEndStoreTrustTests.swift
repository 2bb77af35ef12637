import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A damaged or unwritable store, through the built binary: never silent, never written into, and refused
/// before the first question when answers could not be saved.
@Suite("End to end: a store you can trust")
struct EndToEndStoreTrustTests {
    /// The commands that only look at the store.
    static let readingCommands: [[String]] = [
        ["list"], ["show", "SESSION"], ["export", "--all", "--out", "OUT"], ["practitioner", "list"],
    ]

    @Test("header damage: every reading command says so loudly, exits 74, and moves and changes nothing")
    func headerDamageIsReportedByEveryReadingCommand() async throws {
        let sandbox = try E2ESandbox()
        let id = try await StoreTrust.makeSession(in: sandbox)
        let store = sandbox.dataHome + "/microproject.sqlite"
        try StoreTrust.overwrite(store, at: 0, with: Data("not a database!!".utf8))
        let damaged = try StoreTrust.contents(of: sandbox.dataHome)

        for command in Self.readingCommands {
            let arguments = command.map { $0 == "SESSION" ? id : $0 == "OUT" ? sandbox.path("out") : $0 }
            let r = try await sandbox.run(arguments)
            #expect(r.exitCode == 74, "\(arguments): \(r.transcript)")
            #expect(r.stderr.contains("The session store \(store) is damaged"), "\(arguments): \(r.transcript)")
            #expect(r.stderr.contains("Nothing was changed and nothing was moved"), "\(arguments): \(r.transcript)")
            #expect(r.stderr.contains("restore a backup"), "\(arguments): \(r.transcript)")
            #expect(!r.stdout.contains("Nothing yet"), "\(arguments): \(r.transcript)")
            #expect(!r.output.contains("Error:"), "\(arguments): \(r.transcript)")
            #expect(try StoreTrust.contents(of: sandbox.dataHome) == damaged, "\(arguments) touched the store")
        }
    }

    @Test(
        "a damaged page of events: reading refuses; a run says so before the first answer, keeps the file aside, then starts afresh"
    )
    func pageDamageIsFoundAndTheRunStartsAfreshOnlyAfterSaying() async throws {
        let sandbox = try E2ESandbox()
        let old = try await StoreTrust.makeSession(in: sandbox)
        let store = sandbox.dataHome + "/microproject.sqlite"
        let bytes = try StoreTrust.overwriteAPageOfEvents(store, holding: StoreTrust.marker)

        let list = try await sandbox.run(["list"])
        #expect(list.exitCode == 74, "\(list.transcript)")
        #expect(list.stderr.contains("The session store \(store) is damaged"), "\(list.transcript)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes, "list changed the damaged store")

        // The store is checked while the first question is shown; the person hears of the damage before
        // anything they type is read, and the question comes again after it.
        let live = try sandbox.start(["run", "safety-check"])
        #expect(
            await live.waitFor {
                guard let told = $0.range(of: "A new, empty store has been started") else { return false }
                return $0[told.upperBound...].contains("\n1. ")
            },
            "\(live.text)"
        )
        try live.send(line: "How evenings go")
        try live.closeInput()
        let code = await live.waitForExit()
        let text = live.text
        #expect(code == 75, "\(text)")
        let warned = try #require(text.range(of: "The session store \(store) is damaged"), "\(text)")
        let askedAgain = try #require(text.range(of: "\n1. ", options: .backwards), "\(text)")
        #expect(warned.lowerBound < askedAgain.lowerBound, "the question must come again after the notice: \(text)")
        #expect(text.contains("Your earlier work is kept, unchanged, in"), "\(text)")

        let kept = try #require(
            try FileManager.default.contentsOfDirectory(atPath: sandbox.dataHome)
                .first {
                    $0.hasPrefix("microproject.sqlite.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm")
                }
        )
        #expect(text.contains(sandbox.dataHome + "/" + kept), "the kept copy's path must be named: \(text)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.dataHome + "/" + kept)) == bytes)

        let after = try await sandbox.run(["list"])
        #expect(after.exitCode == 0, "\(after.transcript)")
        let new = try #require(E2E.sessionID(in: text))
        #expect(after.stdout.contains(new) && !after.stdout.contains(old), "\(after.transcript)")
    }

    @Test(
        "a read-only backup (folder 0500, file 0400) can be listed and shown; a run refuses before the first question"
    )
    func aReadOnlyBackupIsReadableAndNeverWritten() async throws {
        let sandbox = try E2ESandbox()
        let id = try await StoreTrust.makeSession(in: sandbox)
        #expect(chmod(sandbox.dataHome + "/microproject.sqlite", 0o400) == 0)
        #expect(chmod(sandbox.dataHome, 0o500) == 0)
        defer { chmod(sandbox.dataHome, 0o700) }
        let before = try StoreTrust.contents(of: sandbox.dataHome)

        let list = try await sandbox.run(["list"])
        #expect(list.exitCode == 0 && list.stdout.contains(id), "\(list.transcript)")
        let show = try await sandbox.run(["show", id])
        #expect(show.exitCode == 0 && show.stdout.contains(StoreTrust.marker), "\(show.transcript)")

        let run = try await sandbox.run(["run", "safety-check"], lines: ["How afternoons go"])
        StoreTrust.expectRefusedBeforeAsking(run, saying: "cannot be written to")
        #expect(try StoreTrust.contents(of: sandbox.dataHome) == before, "the backup was changed")
    }

    @Test(
        "a data folder that cannot be made: run refuses before the first question with 73 and names no session",
        arguments: ["under-a-file", "proc"]
    )
    func anUncreatableDataFolderIsRefusedBeforeAsking(kind: String) async throws {
        let sandbox = try E2ESandbox()
        FileManager.default.createFile(atPath: sandbox.path("a-file"), contents: Data("x".utf8))
        let home = kind == "proc" ? "/proc/microproject-\(getpid())" : sandbox.path("a-file/data")
        let process = sandbox.makeProcess(["run", "safety-check"])
        process.environment?["MICROPROJECT_HOME"] = home
        let r = try await sandbox.execute(process, input: "How mornings go\n", timeout: 15)
        StoreTrust.expectRefusedBeforeAsking(r, saying: home)
    }

    @Test(
        "a full disk: run refuses before the first question with 73",
        .enabled(if: StoreTrust.canMountTmpfs, "needs root and tmpfs mounts")
    )
    func aFullDiskIsRefusedBeforeAsking() async throws {
        let sandbox = try E2ESandbox()
        let disk = sandbox.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(StoreTrust.shell("mount -t tmpfs -o size=2m tmpfs '\(disk)'") == 0)
        defer { _ = StoreTrust.shell("umount '\(disk)'") }
        _ = StoreTrust.shell("dd if=/dev/zero of='\(disk)/filler' bs=4k 2>/dev/null")
        let process = sandbox.makeProcess(["run", "safety-check"])
        process.environment?["MICROPROJECT_HOME"] = disk + "/data"
        let r = try await sandbox.execute(process, input: "How mornings go\n", timeout: 15)
        StoreTrust.expectRefusedBeforeAsking(r, saying: "is full")
    }

    @Test(
        "a store with a missing table: a sentence and exit 74, never Swift's 'Error: ... no such table'",
        .enabled(if: E2E.onPath("sqlite3"), "needs the sqlite3 command to drop a table")
    )
    func aMissingTableIsASentence() async throws {
        let sandbox = try E2ESandbox()
        let id = try await StoreTrust.makeSession(in: sandbox)
        #expect(
            StoreTrust.shell(
                "sqlite3 '\(sandbox.dataHome)/microproject.sqlite' 'PRAGMA foreign_keys=OFF; DROP TABLE sessions;'"
            ) == 0
        )
        for arguments in [["list"], ["show", id], ["export", "--all", "--out", sandbox.path("out")]] {
            let r = try await sandbox.run(arguments)
            #expect(r.exitCode == 74, "\(arguments): \(r.transcript)")
            #expect(r.stderr.contains("its table 'sessions' is missing"), "\(arguments): \(r.transcript)")
            #expect(!r.output.contains("Error:"), "\(arguments): \(r.transcript)")
        }
    }

    @Test(
        "an export counts, names and exits 65 for a microproject it cannot rebuild, never dropping it silently",
        .enabled(if: E2E.onPath("sqlite3"), "needs the sqlite3 command to damage a journal")
    )
    func anExportReportsWhatItLeavesOut() async throws {
        let sandbox = try E2ESandbox()
        try await ExportE2E.addSam(sandbox)
        for _ in 0..<2 {
            let r = try await sandbox.run(["start"])
            #expect(r.exitCode == 75, "\(r.transcript)")
        }
        let store = sandbox.dataHome + "/microproject.sqlite"
        #expect(
            StoreTrust.shell(
                "sqlite3 '\(store)' \"INSERT INTO microproject_events SELECT id, 99, 'x', 'y', 0, 'not json' "
                    + "FROM microprojects ORDER BY id LIMIT 1\""
            ) == 0
        )
        let out = sandbox.path("out")
        let r = try await sandbox.run(["export", "--all", "--format", "json", "--out", out])
        #expect(r.exitCode == 65, "\(r.transcript)")
        #expect(r.stdout.contains("Exported 1 microproject (1 more could not be rebuilt"), "\(r.transcript)")
        #expect(r.stderr.contains("has an event (99) that cannot be read"), "\(r.transcript)")
        let written = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/microprojects.json"))
        )
        #expect((written as? [Any])?.count == 1, "\(written)")
    }

    @Test(
        "practitioner list shows an unreadable profile as such, counts it, and exits 65",
        .enabled(if: E2E.onPath("sqlite3"), "needs the sqlite3 command to damage a profile")
    )
    func practitionerListNeverHidesAProfile() async throws {
        let sandbox = try E2ESandbox()
        try await ExportE2E.addSam(sandbox)
        let lee = try await sandbox.run(["practitioner", "add", "--id", "lee", "--name", "Lee Ward"])
        #expect(lee.exitCode == 0, "\(lee.transcript)")
        let store = sandbox.dataHome + "/microproject.sqlite"
        #expect(
            StoreTrust.shell("sqlite3 '\(store)' \"UPDATE practitioners SET profile_json = '{' WHERE id = 'lee'\"") == 0
        )
        let r = try await sandbox.run(["practitioner", "list"])
        #expect(r.exitCode == 65, "\(r.transcript)")
        #expect(r.stdout.contains("sam  Sam Khan"), "\(r.transcript)")
        #expect(r.stdout.contains("2 practitioner profiles, 1 of which cannot be read."), "\(r.transcript)")
        #expect(r.stderr.contains("The profile 'lee' cannot be read"), "\(r.transcript)")
    }
}

enum StoreTrust {
    /// A focus summary that only the events table holds, to find one of its pages in the file.
    static let marker = "Mornings-before-school-marker"

    /// One paused session of the safety check (a few answers); returns its id.
    static func makeSession(in sandbox: E2ESandbox) async throws -> String {
        let r = try await sandbox.run(["run", "safety-check"], lines: [marker, "no", "no"])
        #expect(r.exitCode == 75, "\(r.transcript)")
        return try #require(E2E.sessionID(in: r.stdout), "\(r.transcript)")
    }

    /// Every file of a folder and its bytes.
    static func contents(of folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }

    static func overwrite(_ path: String, at offset: Int, with bytes: Data) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    /// Overwrites, with garbage, the page of the store that holds `text` (an answer: a page of `events`),
    /// keeping the header intact; the page size comes from the header. Returns the file's bytes after.
    static func overwriteAPageOfEvents(_ path: String, holding text: String) throws -> Data {
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        let pageSize = Int(file[16]) << 8 | Int(file[17])
        let found = try #require(file.range(of: Data(text.utf8)), "no page holds \(text)")
        let page = (found.lowerBound - file.startIndex) / pageSize
        try #require(page > 0, "the answer is on the header page")
        try overwrite(
            path,
            at: page * pageSize,
            with: Data((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) })
        )
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Refused with 73 before any question, naming no session id.
    static func expectRefusedBeforeAsking(
        _ r: E2EResult,
        saying words: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(r.exitCode == 73, "\(r.transcript)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(words), "\(r.transcript)", sourceLocation: sourceLocation)
        #expect(!r.stdout.contains("\n1. "), "a question was asked: \(r.transcript)", sourceLocation: sourceLocation)
        #expect(
            E2E.sessionID(in: r.output) == nil
                && r.output.range(of: #"session [a-z0-9]{6}\b"#, options: .regularExpression) == nil,
            "a session was named: \(r.transcript)",
            sourceLocation: sourceLocation
        )
        #expect(!r.output.contains("Error:"), "\(r.transcript)", sourceLocation: sourceLocation)
    }

    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Root in a place that allows mounting a small tmpfs (to fill it), tried once.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0 else { return false }
        let probe = NSTemporaryDirectory() + "mp-tmpfs-probe-\(getpid())"
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil
        else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard shell("mount -t tmpfs -o size=64k tmpfs '\(probe)'") == 0 else { return false }
        return shell("umount '\(probe)'") == 0
    }()
}
