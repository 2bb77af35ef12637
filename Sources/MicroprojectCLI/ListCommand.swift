import ArgumentParser
import Foundation
import InterviewEngine

/// `microproject list`: the sessions in the store, newest first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List your sessions, newest first.")

    func run() throws {
        try reporting {
            let console = StandardConsole()
            console.write(try Sessions.listing(env: AppEnvironment.live()))
            return ExitStatus.ok
        }
    }
}

enum Sessions {
    static func listing(env: AppEnvironment) throws -> String {
        let rows = try env.openStore().sessions()
        guard !rows.isEmpty else {
            return "No sessions yet. Start one with: microproject run safety-check\n"
        }
        var out = pad("ID", 8) + pad("Script", 16) + pad("Status", 10) + pad("Outcome / at", 22) + "Last saved\n"
        for r in rows {
            let state = r.outcome ?? r.cursor ?? "-"
            out +=
                pad(r.id, 8) + pad(r.scriptID, 16) + pad(r.status, 10) + pad(state, 22)
                + Interview.friendly(CivilTime.iso8601(r.updatedAt)) + "\n"
        }
        if rows.contains(where: { $0.status != "finished" }) {
            out += "\nTo carry on with one: microproject continue ID\n"
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        let cut = s.count > width - 1 ? String(s.prefix(width - 2)) + "…" : s
        return cut + String(repeating: " ", count: max(1, width - cut.count))
    }
}
