import ArgumentParser
import Foundation
import InterviewEngine
import PromptScripts
import SessionStore
import TerminalIO

/// How one interview run ended: the exit code, the machine as it stands, and its session.
struct InterviewOutcome {
    var code: ExitCode
    var machine: InterviewStateMachine
    var sessionID: String
}

/// Starting and continuing interviews, shared by the commands, the chat home and the microproject cycle.
enum Interview {
    static func loadScript(_ name: String, env: AppEnvironment, console: Console) throws -> LoadedScript {
        let path = try env.scriptPath(name)
        do {
            return try ScriptLoader.load(path: path)
        } catch let error as ScriptLoadError {
            throw CLIError(
                message: "\(error)\nThe script has problems, so the interview did not start. "
                    + "Run 'microproject lint \(path)' after fixing them.",
                code: ExitStatus.dataError
            )
        }
    }

    static func makeReader(_ answers: String?) throws -> LineReader {
        do {
            return try makeLineReader(answersFile: answers)
        } catch {
            throw CLIError(message: "\(error)", code: ExitStatus.notFound)
        }
    }

    /// `run SCRIPT`: a standalone interview.
    static func start(
        scriptName: String,
        context: [String: String],
        settings: InterviewSettings,
        env: AppEnvironment,
        console: Console,
        reader existing: LineReader? = nil
    ) throws -> ExitCode {
        let loaded = try loadScript(scriptName, env: env, console: console)
        let reader = try existing ?? makeReader(settings.answers)
        return try start(
            loaded: loaded,
            context: context,
            settings: settings,
            env: env,
            console: console,
            reader: reader
        )
        .code
    }

    /// Starts an interview; a microproject stage passes its id and stage so the session is linked to it.
    static func start(
        loaded: LoadedScript,
        context: [String: String],
        roster: Roster = Roster(),
        settings: InterviewSettings,
        env: AppEnvironment,
        console: Console,
        reader: LineReader,
        microprojectID: String? = nil,
        stage: String? = nil,
        vetAnswer: ((Prompt, String) throws -> String?)? = nil
    ) throws -> InterviewOutcome {
        // The session is stored only at its first answer, but whether answers can be saved here is known
        // now: nobody should answer a question only to hear that it cannot be kept. The store itself is
        // opened and checked once the first question is on screen, before the first answer is read.
        try env.checkCanSave(console: console)
        let sessionID = env.makeID()
        let (machine, first) = InterviewStateMachine.start(
            script: loaded.script,
            context: context,
            roster: roster,
            by: roster.members.first?.id ?? settings.practitioner,
            at: env.now()
        )
        let journal = SessionJournal.fresh(
            sessionID: sessionID,
            loaded: loaded,
            microprojectID: microprojectID,
            stage: stage,
            recordPath: microprojectID == nil ? settings.record.map(DerivedRecords.absolute) : nil,
            openStore: { try env.openStore(reportingTo: console) }
        )
        console.write(console.style.bold(loaded.script.title) + console.style.dim("  (session \(sessionID))") + "\n")
        console.write(console.style.dim("Your answers are saved as you go. Type /help at any time.") + "\n")
        let driver = InterviewDriver.make(
            machine: machine,
            journal: journal,
            reader: reader,
            console: console,
            env: env,
            settings: settings,
            recordPath: settings.record,
            writesRecord: microprojectID == nil && stage == nil,
            stage: stage,
            microprojectID: microprojectID
        )
        driver.vetAnswer = vetAnswer
        driver.beforeFirstRead = { try env.openBeforeFirstAnswer(console: console) }
        let code = try driver.run(from: first.action)
        return InterviewOutcome(code: code, machine: driver.machine, sessionID: sessionID)
    }

    /// `continue ID` for a session.
    static func resume(
        id: String,
        settings: InterviewSettings,
        env: AppEnvironment,
        console: Console,
        reader existing: LineReader? = nil
    ) throws -> ExitCode {
        let store = try env.openStore(reportingTo: console)
        guard let row = try store.session(id: id.lowercased()) else {
            throw CLIError(
                message: "There is no session or microproject '\(id)'. Type 'microproject list' to see them.",
                code: ExitStatus.notFound
            )
        }
        if let microprojectID = row.microprojectID {
            return try MicroprojectRunner.continueMicroproject(
                id: microprojectID,
                settings: settings,
                env: env,
                console: console,
                reader: existing
            )
        }
        let reader = try existing ?? makeReader(settings.answers)
        return try resume(row: row, store: store, settings: settings, env: env, console: console, reader: reader).code
    }

    /// Replays a stored session and carries on from where it stopped.
    static func resume(
        row: SessionRow,
        store: SessionStore,
        settings: InterviewSettings,
        env: AppEnvironment,
        console: Console,
        reader: LineReader
    ) throws -> InterviewOutcome {
        let (loaded, entries) = try SessionJournal.load(store: store, row: row)
        let machine = try replay(row: row, loaded: loaded, entries: entries)
        if let current = try? ScriptLoader.load(path: row.scriptPath), current.script.contentHash != row.scriptHash {
            console.write(
                console.style.dim(
                    "The script \(row.scriptID) has changed since this session started (version \(row.scriptVersion) then, "
                        + "\(current.script.version) now). This session carries on with the version it started with, "
                        + "so every answer still fits."
                ) + "\n"
            )
        }
        if let ending = machine.ending {
            console.write("Session \(row.id) has already finished: \(ending.outcome.title).\n")
            // Records are derived data: one whose write failed after the outcome was committed is written now.
            if let ensured = try DerivedRecords.ensure(session: row, store: store, env: env, note: console.write),
                !ensured.written
            {
                console.write("The record is at \(ensured.path)\n")
            }
            return InterviewOutcome(code: ExitStatus.ok, machine: machine, sessionID: row.id)
        }
        let answered = machine.routeAnswers.count
        let last = entries.last.map { CivilTime.iso8601($0.at) } ?? "unknown"
        console.write(console.style.bold("Welcome back to the \(loaded.script.title.lowercased()).") + "\n")
        console.write(
            "Recovered \(answered) answer\(answered == 1 ? "" : "s") from session \(row.id), "
                + "last saved at \(friendly(last)).\n"
        )
        if !machine.isPaused {
            console.write(
                console.style.dim("It was interrupted rather than paused; nothing you had answered is lost.") + "\n"
            )
        }
        let journal = SessionJournal.existing(store: store, sessionID: row.id, persisted: entries.count)
        let driver = InterviewDriver.make(
            machine: machine,
            journal: journal,
            reader: reader,
            console: console,
            env: env,
            settings: settings,
            recordPath: settings.record ?? row.recordPath,
            writesRecord: row.microprojectID == nil,
            stage: row.stage,
            microprojectID: row.microprojectID
        )
        let first: Action
        if let ending = machine.endingAwaitingAcknowledgement, let who = machine.awaitingAcknowledgement {
            first = .acknowledgeConcern(ending, by: who)
        } else if machine.isPaused {
            first = try driver.modifyEvent { $0.resumed(by: settings.practitioner, at: env.now()) }
        } else {
            first = .ask(machine.currentPrompt!)
        }
        let code = try driver.run(from: first)
        return InterviewOutcome(code: code, machine: driver.machine, sessionID: row.id)
    }

    static func replay(row: SessionRow, loaded: LoadedScript, entries: [JournalEntry]) throws -> InterviewStateMachine {
        do {
            return try InterviewStateMachine(script: loaded.script, replaying: entries)
        } catch {
            throw CLIError(
                message: "Session \(row.id) could not be rebuilt (\(error)). Nothing was changed.",
                code: ExitStatus.dataError
            )
        }
    }

    /// 2026-11-29T01:25:14.123Z -> 2026-11-29 01:25 UTC
    static func friendly(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}

extension InterviewDriver {
    /// A driver for one session of a script: where it sits in the cycle (the header's step), whether it writes
    /// its own record, and what to type to come back (the microproject's id when it is one of its stages).
    static func make(
        machine: InterviewStateMachine,
        journal: SessionJournal,
        reader: LineReader,
        console: Console,
        env: AppEnvironment,
        settings: InterviewSettings,
        recordPath: String?,
        writesRecord: Bool,
        stage: String?,
        microprojectID: String?
    ) -> InterviewDriver {
        let driver = InterviewDriver(
            machine: machine,
            journal: journal,
            reader: reader,
            console: console,
            env: env,
            actor: settings.practitioner,
            recordPath: recordPath
        )
        driver.writesRecord = writesRecord
        driver.place = Conversation.place(ofStage: stage)
        if let microprojectID { driver.comeBack = "microproject continue \(microprojectID)" }
        return driver
    }
}
