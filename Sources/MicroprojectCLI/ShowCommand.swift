import ArgumentParser
import Foundation
import InterviewEngine
import TerminalIO

/// `microproject show ID`: one session, with its answers so far.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one session and its answers.")

    @Argument(help: ArgumentHelp("The session id.", valueName: "id"))
    var id: String

    @Flag(name: .long, help: "Also show answers marked sensitive.")
    var all = false

    @Flag(name: .long, help: "For a microproject: print its complete record as JSON, rebuilt from the journals.")
    var json = false

    func run() throws {
        try reporting {
            let env = AppEnvironment.live()
            let store = try env.readStore()
            if id.lowercased().hasPrefix("mp-") {
                return try MicroprojectShow.show(id: id.lowercased(), json: json, store: store, env: env)
            }
            guard let row = try store.session(id: id.lowercased()) else {
                throw CLIError(
                    message: "There is no session '\(id)'. Type 'microproject list' to see your sessions.",
                    code: ExitStatus.notFound
                )
            }
            let (loaded, entries) = try SessionJournal.load(store: store, row: row)
            let machine: InterviewStateMachine
            do {
                machine = try InterviewStateMachine(script: loaded.script, replaying: entries)
            } catch {
                throw CLIError(
                    message: "Session \(row.id) could not be rebuilt (\(error)).",
                    code: ExitStatus.dataError
                )
            }
            var out = "Session \(row.id): \(loaded.script.title) (version \(row.scriptVersion))\n"
            out += "Status: \(row.status)\(machine.ending.map { ", outcome: \($0.outcome.title)" } ?? "")\n"
            out +=
                "Started: \(Interview.friendly(CivilTime.iso8601(row.createdAt)))   Last saved: \(Interview.friendly(CivilTime.iso8601(row.updatedAt)))\n"
            if let path = row.recordPath { out += "Record: \(path)\n" }
            out += "\nAnswers on the route:\n"
            for a in machine.routeAnswers {
                let shown = a.sensitive && !all ? "(sensitive: --all to show)" : Sanitizer.visible(a.display)
                out +=
                    "  \(a.question)\n    \(shown)   [\(Sanitizer.visible(a.by)), \(Interview.friendly(CivilTime.iso8601(a.at)))]\n"
            }
            for n in machine.progress?.notes ?? [] { out += "Note: \(Sanitizer.visible(n.text))\n" }
            for c in machine.progress?.concerns ?? [] { out += "Concern: \(Sanitizer.visible(c.text))\n" }
            if machine.ending == nil { out += "\nTo carry on: microproject continue \(row.id)\n" }
            StandardConsole().write(out)
            return ExitStatus.ok
        }
    }
}
