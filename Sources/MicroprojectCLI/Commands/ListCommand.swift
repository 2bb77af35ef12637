import ArgumentParser
import Foundation
import InterviewEngine

/// `microproject list`: the sessions in the store, newest first.
struct ListCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List your sessions, newest first.")

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        console.write(try Sessions.listing(env: env))
        return ExitStatus.ok
    }
}

enum Sessions {
    static func listing(env: AppEnvironment) throws -> String {
        let store = try env.readStore()
        let projects = try store.microprojects()
        let rows = try store.sessions().filter { $0.microprojectID == nil }
        guard !rows.isEmpty || !projects.isEmpty else {
            return "Nothing yet. Start a microproject with: microproject start\n"
                + "(or run one script on its own: microproject run safety-check)\n"
        }
        var out = ""
        // Records are derived data: any finished session or closed microproject whose record is missing gets
        // it written again, and the listing says so first.
        for row in rows where row.status == "finished" {
            try DerivedRecords.ensure(session: row, store: store, env: env) { out += $0 }
        }
        for m in projects where m.status == "closed" {
            guard !DerivedRecords.isComplete(DerivedRecords.microprojectPath(m.id, env: env)),
                let machine = try MicroprojectJournal.load(store: store, id: m.id)
            else { continue }
            let ensured = try DerivedRecords.ensure(microproject: machine, store: store, env: env) { out += $0 }
            for problem in ensured?.problems ?? [] { out += "  Incomplete: \(problem)\n" }
        }
        if !out.isEmpty { out += "\n" }
        if !projects.isEmpty {
            out += "Microprojects\n"
            out +=
                pad("ID", 11) + pad("Participant", 13) + pad("Type", 6) + pad("Status", 11) + pad("Next", 20)
                + "Last saved\n"
            var overdue: [String] = []
            let today = CivilTime.day(env.now())
            for m in projects {
                let summary = (try? JSONDecoder().decode([String: String].self, from: Data(m.summaryJSON.utf8))) ?? [:]
                // Time-limited: an open microproject past its planned end date says so.
                let late = m.status != "closed" && (summary["plannedEnd"].map { $0 < today } ?? false)
                if late { overdue.append("\(m.id) (planned end \(summary["plannedEnd"]!))") }
                out +=
                    pad(m.id, 11) + pad(summary["participant"] ?? "-", 13) + pad(summary["type"] ?? "-", 6)
                    + pad(late ? "overdue" : m.status, 11) + pad(m.status == "closed" ? "-" : m.stage, 20)
                    + Interview.friendly(CivilTime.iso8601(m.updatedAt)) + "\n"
            }
            if !overdue.isEmpty {
                out +=
                    "Past the planned end date: " + overdue.joined(separator: ", ")
                    + ". 'microproject continue ID' asks whether to extend it or move on to reflection and closure.\n"
            }
        }
        if !rows.isEmpty {
            out += (projects.isEmpty ? "" : "\n") + "Sessions run on their own\n"
            out += pad("ID", 8) + pad("Script", 20) + pad("Status", 10) + pad("Outcome / at", 22) + "Last saved\n"
            for r in rows {
                let state = r.outcome ?? r.cursor ?? "-"
                out +=
                    pad(r.id, 8) + pad(r.scriptID, 20) + pad(r.status, 10) + pad(state, 22)
                    + Interview.friendly(CivilTime.iso8601(r.updatedAt)) + "\n"
            }
        }
        if projects.contains(where: { $0.status != "closed" }) || rows.contains(where: { $0.status != "finished" }) {
            out += "\nTo carry on with one: microproject continue ID\n"
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        let cut = s.count > width - 1 ? String(s.prefix(width - 2)) + "…" : s
        return cut + String(repeating: " ", count: max(1, width - cut.count))
    }
}
