import ArgumentParser
import Foundation
import InterviewEngine
import RecordExport
import TerminalIO
import TextSafety

/// `microproject show ID`: one session, with its answers so far.
struct ShowCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a microproject or a session, with its answers so far."
    )

    @Argument(help: ArgumentHelp("A microproject id (mp-...) or a session id.", valueName: "id")) var id: WorkID

    @Flag(
        name: [.customLong("include-sensitive"), .customLong("all")],
        help: "Also show sensitive answers, the words of concerns and pause reasons."
    )
    var includeSensitive = false

    @Flag(
        name: .long,
        help: "Print JSON: a session's learning capture record so far, or a microproject's complete record."
    )
    var json = false

    var disclosure: Disclosure { .from(flag: includeSensitive, rerun: "show with --include-sensitive") }

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let store = try env.readStore()
        let sessionID: SessionID
        switch id {
        case .microproject(let id):
            return try MicroprojectShow.show(
                id: id.rawValue,
                json: json,
                disclosure: disclosure,
                store: store,
                env: env
            )
        case .session(let id):
            sessionID = id
        }
        guard let row = try store.session(id: sessionID.rawValue) else {
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
        // Records are derived data: a finished session whose record is missing gets it written again here.
        let ensured = try DerivedRecords.ensure(session: row, store: store, env: env) {
            json ? console.error($0) : console.write($0)
        }
        let shown = Disclosed(machine.recordSoFar(sessionID: row.id), disclosure)
        if json {
            var data = try RecordWriter.encoder.encode(shown)
            data.append(0x0A)
            console.write(String(decoding: data, as: UTF8.self))
            return ExitStatus.ok
        }
        let record = shown.record
        var out = "Session \(row.id): \(loaded.script.title) (version \(row.scriptVersion))\n"
        out += "Status: \(row.status)\(machine.ending.map { ", outcome: \($0.outcome.title)" } ?? "")\n"
        out +=
            "Started: \(Interview.friendly(CivilTime.iso8601(row.createdAt)))   Last saved: \(Interview.friendly(CivilTime.iso8601(row.updatedAt)))\n"
        if let path = ensured?.path ?? row.recordPath { out += "Record: \(path)\n" }
        out += "\nAnswers on the route:\n"
        for a in record.answers {
            out +=
                "  \(Sanitizer.visible(a.question))\n    \(Sanitizer.visible(a.display))   [\(Audit.answeredBy(a, roster: machine.roster)), \(Interview.friendly(a.answeredAt))]\n"
        }
        if record.disclosure.leftOutAnswers > 0 { out += "  \(disclosure.leftOutAnswers)\n" }
        for n in record.notes { out += "Note: \(Sanitizer.visible(n.text))\n" }
        for c in record.concerns { out += "Concern: \(Sanitizer.visible(c.text))\n" }
        if machine.ending == nil { out += "\nTo carry on: microproject continue \(row.microprojectID ?? row.id)\n" }
        console.write(out)
        return ExitStatus.ok
    }
}
