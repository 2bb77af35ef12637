import ArgumentParser
import Foundation
import InterviewEngine
import PromptScripts
import SessionStore
import TerminalIO

/// `microproject continue ID`: picks a paused (or interrupted) session up where it stopped.
struct ContinueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "continue",
        abstract: "Carry on with a paused session.",
        discussion: "Example: microproject continue k7q2xd   ('microproject list' shows your sessions)"
    )

    @Argument(help: ArgumentHelp("The session id.", valueName: "id"))
    var id: String

    @OptionGroup var options: InterviewOptions

    func run() throws {
        try reporting {
            try Interview.resume(
                id: id,
                settings: options.settings,
                env: AppEnvironment.live(),
                console: StandardConsole()
            )
        }
    }
}

extension Interview {
    static func resume(
        id: String,
        settings: InterviewSettings,
        env: AppEnvironment,
        console: Console,
        reader existing: LineReader? = nil
    ) throws -> ExitCode {
        let store = try env.openStore()
        guard let row = try store.session(id: id.lowercased()) else {
            throw CLIError(
                message: "There is no session '\(id)'. Type 'microproject list' to see your sessions.",
                code: ExitStatus.notFound
            )
        }
        let (loaded, entries) = try SessionJournal.load(store: store, row: row)
        var machine: InterviewStateMachine
        do {
            machine = try InterviewStateMachine(script: loaded.script, replaying: entries)
        } catch {
            throw CLIError(
                message: "Session \(row.id) could not be rebuilt (\(error)). Nothing was changed.",
                code: ExitStatus.dataError
            )
        }
        if let current = try? ScriptLoader.load(path: row.scriptPath), current.script.contentHash != row.scriptHash {
            console.write(
                console.style.dim(
                    "The script \(row.scriptID) has changed since this session started (version \(row.scriptVersion) then, "
                        + "\(current.script.version) now). This session carries on with the version it started with, so every answer still fits."
                ) + "\n"
            )
        }
        if let ending = machine.ending {
            console.write("Session \(row.id) has already finished: \(ending.outcome.title).\n")
            if let path = row.recordPath { console.write("The record is at \(path)\n") }
            return ExitStatus.ok
        }
        let answered = machine.routeAnswers.count
        let last = entries.last.map { CivilTime.iso8601($0.at) } ?? "unknown"
        console.write(console.style.bold("Welcome back to the \(loaded.script.title.lowercased()).") + "\n")
        console.write(
            "Recovered \(answered) answer\(answered == 1 ? "" : "s") from session \(row.id), last saved at \(friendly(last)).\n"
        )
        if !machine.isPaused {
            console.write(
                console.style.dim("It was interrupted rather than paused; nothing you had answered is lost.") + "\n"
            )
        }
        let journal = SessionJournal.existing(store: store, sessionID: row.id, persisted: entries.count)
        let reader = try existing ?? makeReader(settings.answers)
        let driver = InterviewDriver(
            machine: machine,
            journal: journal,
            reader: reader,
            console: console,
            env: env,
            actor: settings.practitioner,
            recordPath: settings.record ?? row.recordPath
        )
        let first: Action
        if machine.isPaused {
            first = try driver.modifyEvent { $0.resumed(by: settings.practitioner, at: env.now()) }
        } else {
            first = .ask(machine.currentPrompt!)
        }
        return try driver.run(from: first)
    }

    /// 2026-11-29T01:25:14.123Z -> 2026-11-29 01:25 UTC
    static func friendly(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}
