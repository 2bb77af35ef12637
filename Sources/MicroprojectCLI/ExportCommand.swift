import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import RecordExport
import SessionStore

/// `microproject export`: records for the tracker (CSV), for systems (JSON) and for people (Markdown).
extension ExportWriter.Detail: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv, md }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export microproject records for the tracker (csv), systems (json) or people (md).",
        discussion: """
            CSV writes microprojects.csv (one row per microproject) and sessions.csv (one row per session and \
            priority: the Type 4 enhanced tracker); the columns are in docs/tracker-columns.md. Sensitive fields \
            are left out unless --include-sensitive is given. Files are written 0600 and never replace an \
            existing file without --force.
            Example: microproject export --all --format csv --out ~/tracker --bom
            """
    )

    @Argument(help: ArgumentHelp("Microproject ids (mp-...).", valueName: "id")) var ids: [String] = []
    @Flag(help: "Every microproject.") var all = false
    @Option(help: "Only microprojects with this status: active, paused, escalated or closed.") var status: String?
    @Option(help: "Only microprojects of this type (1 to 4).") var type: Int?
    @Option(help: ArgumentHelp("Only microprojects started on or after this day.", valueName: "YYYY-MM-DD")) var since:
        String?
    @Option(help: "json, csv or md.") var format: Format = .csv
    @Option(help: ArgumentHelp("The folder to write into (default: exports in the data folder).", valueName: "folder"))
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
        if let status, !["active", "paused", "escalated", "closed"].contains(status) {
            throw ValidationError("--status is one of: active, paused, escalated, closed.")
        }
        if let type, !(1...4).contains(type) { throw ValidationError("--type is 1, 2, 3 or 4.") }
        if let since, !CivilTime.isValidDay(since) { throw ValidationError("--since needs a date like 2026-01-31.") }
    }

    func run() throws {
        try reporting {
            let env = AppEnvironment.live()
            let console = StandardConsole()
            let store = try env.readStore()
            let (status, type, since) = (self.status, self.type, self.since)
            var count = 0
            let skipped = Exports.Skipped()
            let wanted = ids.map { $0.lowercased() }
            let records = try Exports.lazyRecords(store: store, ids: wanted, skipped: skipped).filter { r in
                (status == nil || r.status == status) && (type == nil || r.type?.number == type)
                    && (since == nil || String(r.startedAt.prefix(10)) >= since!)
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
                format: format.rawValue,
                detail: detail,
                to: folder,
                bom: bom,
                includeSensitive: includeSensitive
            )
            console.write(
                "Exported \(count) microproject\(count == 1 ? "" : "s")"
                    + (skipped.items.isEmpty
                        ? ""
                        : " (\(skipped.items.count) more could not be rebuilt and \(skipped.items.count == 1 ? "is" : "are") not in it)")
                    + (includeSensitive ? ", sensitive fields included" : ", sensitive fields left out") + ":\n"
            )
            for path in written { console.write("  \(path)\n") }
            return skipped.report(to: console)
        }
    }
}

enum Exports {
    /// Microprojects an export had to leave out, and why: each is reported and makes the exit non-zero.
    final class Skipped {
        private(set) var items: [(id: String, reason: String)] = []

        func add(_ id: String, _ error: Error) {
            items.append((id, (error as? CLIError)?.message ?? "\(error)"))
        }

        /// Says which were left out and why; 65 when any were, else 0.
        func report(to console: Console) -> ExitCode {
            guard !items.isEmpty else { return ExitStatus.ok }
            console.error("Left out because their records could not be rebuilt from the store:\n")
            for (id, reason) in items { console.error("  \(id): \(reason)\n") }
            console.error(
                "Nothing was changed in the store. 'microproject show ID' says more about each; your "
                    + "organisation's data lead can help.\n"
            )
            return ExitStatus.dataError
        }
    }

    /// The complete records of these microprojects (all when `ids` is empty), oldest first, built one at a time
    /// as the export asks for them; one that cannot be rebuilt goes into `skipped`, with why.
    static func lazyRecords(
        store: SessionStore,
        ids: [String],
        skipped: Skipped,
        keep: @escaping (MicroprojectRow) -> Bool = { _ in true }
    ) throws -> some Sequence<MicroprojectRecord> {
        let rows = try store.microprojects().sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        for id in ids where !rows.contains(where: { $0.id == id }) {
            throw CLIError(
                message: "There is no microproject '\(id)'. Type 'microproject list' to see them.",
                code: ExitStatus.notFound
            )
        }
        return rows.lazy.filter { ids.isEmpty || ids.contains($0.id) }.filter(keep).compactMap {
            row -> MicroprojectRecord? in
            do {
                return try record(of: row.id, store: store)
            } catch {
                skipped.add(row.id, error)
                return nil
            }
        }
    }

    /// One microproject's complete record, rebuilt from its journals.
    static func record(of id: String, store: SessionStore) throws -> MicroprojectRecord {
        guard let machine = try MicroprojectJournal.load(store: store, id: id) else {
            throw CLIError(message: "Microproject \(id) is not in the store.", code: ExitStatus.notFound)
        }
        let practitioner = machine.project.practitionerID
        guard let profile = try Practitioners.load(practitioner, store: store) else {
            throw CLIError(
                message: "The practitioner '\(practitioner)' of microproject \(id) has no profile, so its record "
                    + "cannot be rebuilt.",
                code: ExitStatus.dataError
            )
        }
        return try MicroprojectRecord.build(machine: machine, profile: profile, store: store)
    }

    /// The complete records of these microprojects (all when `ids` is empty), oldest first.
    static func records(store: SessionStore, ids: [String]) throws -> [MicroprojectRecord] {
        let rows = try store.microprojects().sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        for id in ids where !rows.contains(where: { $0.id == id }) {
            throw CLIError(
                message: "There is no microproject '\(id)'. Type 'microproject list' to see them.",
                code: ExitStatus.notFound
            )
        }
        return try rows.filter { ids.isEmpty || ids.contains($0.id) }.map { try record(of: $0.id, store: store) }
    }

    static func write(
        _ records: some Sequence<MicroprojectRecord>,
        format: String,
        detail: ExportWriter.Detail,
        to folder: ExportFolder,
        bom: Bool,
        includeSensitive: Bool
    ) throws -> [String] {
        switch format {
        case "json":
            return [
                try folder.write("microprojects.json") {
                    try ExportWriter.json(records, includeSensitive: includeSensitive, detail: detail, to: $0)
                }
            ]
        case "md":
            return [
                try folder.write("microprojects.md") {
                    try ExportWriter.markdown(records, includeSensitive: includeSensitive, to: $0)
                }
            ]
        default:
            var sessionsPath = ""
            let wide = try folder.write("microprojects.csv") { wideSink in
                sessionsPath = try folder.write("sessions.csv") { longSink in
                    try ExportWriter.csv(
                        records,
                        includeSensitive: includeSensitive,
                        bom: bom,
                        wide: wideSink,
                        long: longSink
                    )
                }
            }
            return [wide, sessionsPath]
        }
    }

}
