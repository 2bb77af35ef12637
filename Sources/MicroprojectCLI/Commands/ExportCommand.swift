import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import RecordExport
import SessionStore

/// `microproject export`: records for the tracker (CSV, or one xlsx workbook), for systems (JSON) and for people
/// (Markdown).
struct ExportCommand: MicroprojectSubcommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, md, xlsx

        /// "markdown" is taken for md too.
        init?(argument: String) {
            self.init(rawValue: argument == "markdown" ? "md" : argument)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export microproject records for the tracker (csv or xlsx), systems (json) or people (md).",
        discussion: """
            CSV writes microprojects.csv (one row per microproject) and sessions.csv (one row per session and \
            priority: the Type 4 enhanced tracker); the columns are in docs/tracker-columns.md. XLSX writes the \
            same columns as one workbook, microprojects.xlsx, with the sheets Microprojects, Sessions, \
            Dictionary (the codebook) and About (what was exported, when, by whom). Sensitive fields are left \
            out unless --include-sensitive is given. Files are written 0600 and never replace an existing file \
            without --force.
            Example: microproject export --all --format csv --out ~/tracker --bom
            Example: microproject export --all --format xlsx --out ~/tracker
            """
    )

    @Argument(help: ArgumentHelp("Microproject ids (mp-...).", valueName: "id")) var ids: [MicroprojectID] = []
    @Flag(help: "Every microproject.") var all = false
    @Option(help: "Only microprojects with this status.") var status: MicroprojectStatusFilter?
    @Option(help: "Only microprojects of this type.") var type: MicroprojectType?
    @Option(help: ArgumentHelp("Only microprojects started on or after this day.", valueName: "YYYY-MM-DD")) var since:
        CalendarDay?
    @Option(help: "What to write: csv or xlsx for the tracker, json for systems, md for people.")
    var format: Format = .csv
    @Option(
        help: ArgumentHelp("The folder to write into (default: exports in the data folder).", valueName: "folder"),
        completion: .directory
    )
    var out: String?
    @Flag(help: "Start CSV files with a byte order mark, for Excel.") var bom = false
    @Flag(name: .customLong("include-sensitive"), help: "Include fields tagged sensitive.") var includeSensitive = false
    @Flag(help: "Replace files that already exist.") var force = false
    @Option(help: "For json: tracker (the microproject's own fields) or full (also every stage's answers).")
    var detail: ExportWriter.Detail = .tracker

    func validate() throws {
        if ids.isEmpty && !all && status == nil && type == nil && since == nil {
            throw ValidationError(
                "Say what to export: microproject ids, or --all (optionally with --status, --type, --since)."
            )
        }
    }

    /// What was asked for, in words, for the workbook's About sheet.
    var selection: String {
        var parts = [ids.isEmpty ? "every microproject" : ids.map(\.rawValue).joined(separator: ", ")]
        if let status { parts.append("status \(status.rawValue)") }
        if let type { parts.append("Type \(type.rawValue)") }
        if let since { parts.append("started on or after \(since)") }
        return parts.joined(separator: "; ")
    }

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let store = try env.readStore()
        let (status, type, since) = (self.status?.rawValue, self.type?.rawValue, self.since?.text)
        var count = 0
        let problems = RecordProblems()
        let records = try Exports.lazyRecords(store: store, ids: ids.map(\.rawValue), problems: problems)
            .filter { r in
                (status == nil || r.status == status) && (type == nil || r.type?.number == type)
                    && (since.map { String(r.startedAt.prefix(10)) >= $0 } ?? true)
            }.map { r -> MicroprojectRecord in
                count += 1
                return r
            }
        let folder = try ExportFolder(
            out ?? (env.dataHome as NSString).appendingPathComponent("exports"),
            force: force
        )
        let written = try Exports.write(
            records,
            format: format,
            detail: detail,
            to: folder,
            bom: bom,
            includeSensitive: includeSensitive,
            about: WorkbookAbout(
                exportedAt: env.now(),
                exportedBy: Exports.userName(env.variables),
                selection: selection
            )
        )
        console.write(
            "Exported \(count) microproject\(count == 1 ? "" : "s")" + problems.leftOutNote
                + (includeSensitive ? ", sensitive fields included" : ", sensitive fields left out")
                + problems.summary + ":\n"
        )
        for path in written { console.write("  \(path)\n") }
        return problems.report(to: console) ?? ExitStatus.ok
    }
}

enum Exports {
    /// The complete records of these microprojects (all when `ids` is empty), oldest first, built one at a time
    /// as the export asks for them. Whatever a record could not include (a stage session missing, a journal
    /// that cannot be replayed) goes into `problems`, never skipped quietly.
    static func lazyRecords(
        store: SessionStore,
        ids: [String],
        problems: RecordProblems,
        keep: @escaping (MicroprojectRow) -> Bool = { _ in true }
    ) throws -> some Sequence<MicroprojectRecord> {
        let rows = try selectedRows(store: store, ids: ids)
        return rows.lazy.filter(keep).compactMap { row -> MicroprojectRecord? in
            do {
                guard let machine = try MicroprojectJournal.load(store: store, id: row.id) else { return nil }
                let built = try MicroprojectRecord.build(machine: machine, store: store)
                problems.items += built.problems
                return built.record
            } catch {
                problems.leftOut.append((row.id, (error as? CLIError)?.message ?? "\(error)"))
                return nil
            }
        }
    }

    /// The complete records of these microprojects (all when `ids` is empty), oldest first.
    static func records(store: SessionStore, ids: [String], problems: RecordProblems) throws -> [MicroprojectRecord] {
        Array(try lazyRecords(store: store, ids: ids, problems: problems))
    }

    private static func selectedRows(store: SessionStore, ids: [String]) throws -> [MicroprojectRow] {
        let rows = try store.microprojects().sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        for id in ids where !rows.contains(where: { $0.id == id }) {
            throw CLIError(
                message: "There is no microproject '\(id)'. Type 'microproject list' to see them.",
                code: ExitStatus.notFound
            )
        }
        return rows.filter { ids.isEmpty || ids.contains($0.id) }
    }

    static func write(
        _ records: some Sequence<MicroprojectRecord>,
        format: ExportCommand.Format,
        detail: ExportWriter.Detail,
        to folder: ExportFolder,
        bom: Bool,
        includeSensitive: Bool,
        about: WorkbookAbout
    ) throws -> [String] {
        switch format {
        case .xlsx:
            // A WorkbookError is said, and exits 73, where every failure is (`CommandFailure`).
            return [
                try folder.write("microprojects.xlsx") { sink in
                    try ExportWriter.xlsx(
                        records,
                        includeSensitive: includeSensitive,
                        about: about,
                        workingFolder: folder.path,
                        to: sink
                    )
                }
            ]
        case .json:
            return [
                try folder.write("microprojects.json") {
                    try ExportWriter.json(records, includeSensitive: includeSensitive, detail: detail, to: $0)
                }
            ]
        case .md:
            return [
                try folder.write("microprojects.md") {
                    try ExportWriter.markdown(records, includeSensitive: includeSensitive, to: $0)
                }
            ]
        case .csv:
            // Nested, so a refusal of any of the three files (it exists, no --force) commits none of them.
            var sessionsPath = ""
            var readmePath = ""
            let wide = try folder.write("microprojects.csv") { wideSink in
                sessionsPath = try folder.write("sessions.csv") { longSink in
                    try ExportWriter.csv(
                        records,
                        includeSensitive: includeSensitive,
                        bom: bom,
                        wide: wideSink,
                        long: longSink
                    )
                    // The CSV files hold only the header and rows; README.txt beside them holds the codebook.
                    readmePath = try folder.write(
                        "README.txt",
                        Data(Codebook.csvReadme(includeSensitive: includeSensitive).utf8)
                    )
                }
            }
            return [wide, sessionsPath, readmePath]
        }
    }

    /// Who is running the export: the account's user name.
    static func userName(_ variables: [String: String]) -> String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name),
            !text.isEmpty
        {
            return text
        }
        return variables["USER"] ?? variables["LOGNAME"] ?? "unknown"
    }

}

/// What record builds could not include, gathered while a lazy export runs: microprojects left out whole
/// (a journal that cannot be replayed) and records that are incomplete (a stage session missing). Each is
/// reported, counted in the command's summary line, and makes the exit 65.
final class RecordProblems {
    /// Records built, but missing a part.
    var items: [String] = []
    /// Microprojects that could not be rebuilt at all, with why.
    var leftOut: [(id: String, reason: String)] = []

    /// For a command's summary line, right after the count: " (1 more could not be rebuilt and is not in it)".
    var leftOutNote: String {
        leftOut.isEmpty
            ? "" : " (\(leftOut.count) more could not be rebuilt and \(leftOut.count == 1 ? "is" : "are") not in it)"
    }

    /// For a command's summary line: "; 1 problem with the records (see below)", or nothing.
    var summary: String {
        items.isEmpty ? "" : "; \(items.count) problem\(items.count == 1 ? "" : "s") with the records (see below)"
    }

    /// Says what was left out and what is incomplete, and why; 65 when anything was, nil when nothing.
    func report(to console: Console) -> ExitCode? {
        if !leftOut.isEmpty {
            var text = "Left out because their records could not be rebuilt from the store:\n"
            for (id, reason) in leftOut { text += "  \(id): \(reason)\n" }
            text +=
                "Nothing was changed in the store. 'microproject show ID' says more about each; your "
                + "organisation's data lead can help.\n"
            console.error(text)
        }
        let incomplete = DerivedRecords.report(items, console: console)
        return leftOut.isEmpty ? incomplete : ExitStatus.dataError
    }
}
