import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import RecordExport
import SessionStore

/// Records are derived data: the journals are the truth, and a record file is written from them. A finished
/// session or a closed microproject whose record is missing (the write failed after the outcome was committed:
/// a full disk, a kill in between) gets it written again by whichever command next touches it, which says so.
enum DerivedRecords {
    static func markdownPath(_ json: String) -> String {
        json.hasSuffix(".json") ? String(json.dropLast(5)) + ".md" : json + ".md"
    }

    /// A path as the store keeps it: absolute, so it still names the same file from another folder.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/")
            ? path
            : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL.path
    }

    static func microprojectPath(_ id: String, env: AppEnvironment) -> String {
        (env.recordsFolder as NSString).appendingPathComponent("\(id).json")
    }

    /// Where a session's record is (or goes): the path it was given, else the records folder.
    static func sessionPath(_ row: SessionRow, env: AppEnvironment) -> String {
        row.recordPath ?? (env.recordsFolder as NSString).appendingPathComponent("\(row.id).json")
    }

    /// Both files are there and the JSON one is whole (it opens with `{` and ends with `}` and a newline).
    /// Writes are atomic (temp file, then rename), so a file at the final name is complete unless something
    /// else cut it short; this check reads two bytes, not the file, so `list` stays quick over many records.
    static func isComplete(_ jsonPath: String) -> Bool {
        guard isRegularFile(markdownPath(jsonPath)), isRegularFile(jsonPath),
            let file = FileHandle(forReadingAtPath: jsonPath)
        else { return false }
        defer { try? file.close() }
        guard let first = try? file.read(upToCount: 1), let size = try? file.seekToEnd(), size >= 3 else {
            return false
        }
        try? file.seek(toOffset: size - 2)
        return first == Data("{".utf8) && (try? file.read(upToCount: 2)) == Data("}\n".utf8)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Writes a microproject's complete record (JSON and Markdown), durably and 0600; returns the JSON path.
    @discardableResult
    static func write(_ record: MicroprojectRecord, env: AppEnvironment) throws -> String {
        let path = microprojectPath(record.microprojectID, env: env)
        // The practitioner's own complete record keeps everything, like each stage's record beside it.
        let full = Disclosed(record, .everything)
        var data = try RecordWriter.encoder.encode(full)
        data.append(0x0A)
        do {
            try DurableFile.ensureFolder(env.recordsFolder)
            try DurableFile.write(data, to: path)
            try DurableFile.write(Data(full.markdown.utf8), to: markdownPath(path))
        } catch let error as StoreError {
            throw CLIError(
                message: "The record could not be written: \(error)\nNothing is lost: it is written again from "
                    + "the journals the next time you open microproject \(record.microprojectID) "
                    + "(microproject show \(record.microprojectID)).",
                code: ExitStatus.cannotCreate
            )
        }
        return path
    }

    /// "was missing" or, for a file that is there but cut short, "was incomplete".
    static func missingNote(_ id: String, path: String, existed: Bool) -> String {
        "The record for \(id) was \(existed ? "incomplete" : "missing"), so it was written again: \(path)\n"
            + "  \(markdownPath(path))\n"
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// A finished session run on its own: writes its record if it is missing and says so through `note`.
    /// Returns the record's path and whether it was written now, or nil for a session that has not finished
    /// or is a microproject's stage (its answers go into the microproject's record).
    @discardableResult
    static func ensure(
        session row: SessionRow,
        store: SessionStore,
        env: AppEnvironment,
        note: (String) -> Void
    ) throws -> (path: String, written: Bool)? {
        guard row.microprojectID == nil, row.status == "finished" else { return nil }
        let path = sessionPath(row, env: env)
        if isComplete(path) { return (path, false) }
        let existed = exists(path)
        let (loaded, entries) = try SessionJournal.load(store: store, row: row)
        let machine = try Interview.replay(row: row, loaded: loaded, entries: entries)
        guard let record = machine.captureRecord(sessionID: row.id) else { return nil }
        let written = try RecordWriter.write(record, jsonPath: path)
        // Noting the path is a convenience: a store opened only to read (list, show) refuses it by design, and
        // the record is found again at the same path from the session either way.
        if row.recordPath != written { try? store.setRecordPath(sessionID: row.id, path: absolute(written)) }
        note(missingNote(row.id, path: written, existed: existed))
        return (written, true)
    }

    /// A closed microproject: writes its complete record if it is missing and says so through `note`. Returns
    /// the record's path (nil when it is not closed) and what the rebuild could not include.
    static func ensure(
        microproject machine: MicroprojectMachine,
        store: SessionStore,
        env: AppEnvironment,
        note: (String) -> Void
    ) throws -> (path: String, problems: [String])? {
        guard machine.project.status == .closed else { return nil }
        let path = microprojectPath(machine.project.id, env: env)
        if isComplete(path) { return (path, []) }
        let existed = exists(path)
        let built = try MicroprojectRecord.build(machine: machine, store: store)
        try write(built.record, env: env)
        note(missingNote(machine.project.id, path: path, existed: existed))
        return (path, built.problems)
    }

    /// Says what a record build could not include; the command then exits 65.
    static func report(_ problems: [String], console: Console) -> ExitCode? {
        guard !problems.isEmpty else { return nil }
        var text = "Incomplete record\(problems.count == 1 ? "" : "s"):\n"
        for p in problems { text += "  - \(p)\n" }
        text +=
            "A stage session a record needs is not in the store (it may have been removed, or the store restored "
            + "from an older copy). Restore the store from a backup that has it to complete the record.\n"
        console.error(text)
        return ExitStatus.dataError
    }
}
