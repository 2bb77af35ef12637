import ArgumentParser
import Foundation
import InterviewEngine
import PromptScripts
import RecordExport
import TerminalIO
import TextSafety

/// The one place that runs the machine's actions: it reads lines, feeds events in, saves the journal
/// before anything is shown, and renders what the machine asks for.
final class InterviewDriver {
    private(set) var machine: InterviewStateMachine
    let journal: SessionJournal
    let reader: LineReader
    let console: Console
    let env: AppEnvironment
    let actor: String
    let recordPath: String?
    var renderer: PromptRenderer
    /// False for a microproject's stages: their records go into the microproject's complete record.
    var writesRecord = true
    /// Run once, after the first question is shown and before the first line is read: opens and checks the
    /// store. True when it had something to say, so the question is shown again.
    var beforeFirstRead: (() throws -> Bool)?

    init(
        machine: InterviewStateMachine,
        journal: SessionJournal,
        reader: LineReader,
        console: Console,
        env: AppEnvironment,
        actor: String,
        recordPath: String?
    ) {
        self.speaker = machine.speaker ?? actor
        self.machine = machine
        self.journal = journal
        self.reader = reader
        self.console = console
        self.env = env
        self.actor = actor
        self.recordPath = recordPath
        self.renderer = PromptRenderer(style: console.style, width: console.width)
        self.renderer.roster = machine.roster
    }

    var sessionID: String { journal.sessionID }

    /// Applies an event to the machine and commits what it journaled before anything else happens.
    func modifyEvent(_ event: (inout InterviewStateMachine) -> Step) throws -> Action {
        let step = event(&machine)
        speaker = machine.speaker ?? actor
        try persist(step)
        return step.action
    }

    /// Commits whatever the machine journaled that is not yet in the store, with where `step` left it.
    func persist(_ step: Step? = nil) throws {
        do {
            if let step { try journal.save(step, of: machine) } else { try journal.save(machine) }
        } catch {
            let reason = (error as? CLIError)?.message ?? "\(error)"
            throw CLIError(
                message: "Your last answer could not be saved: \(reason)\nNothing after it was asked. "
                    + (journal.isStored
                        ? "Session \(sessionID) holds everything up to the previous answer."
                        : "Nothing of this session had been saved yet, so there is no session to continue."),
                code: ExitStatus.ioError
            )
        }
    }

    /// Runs until the interview ends or pauses, and returns the exit code.
    func run(from first: Action) throws -> ExitCode {
        var action = first
        var shownEnding = false
        while true {
            switch action {
            case .ask(let prompt, _):
                console.write(renderer.question(prompt))
                action = try read(prompt)
            case .reask(let prompt, let problem):
                console.write(console.style.warning(renderer.paragraph(problem.words, indent: "   ")))
                action = try read(prompt)
            case .acknowledge(let message, let prompt):
                let indented = message.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "   " + $0 }.joined(separator: "\n")
                console.write(indented.hasSuffix("\n") ? indented : indented + "\n")
                action = try read(prompt)
            case .acknowledgeConcern(let ending, let who):
                if !shownEnding {
                    console.write(renderer.ending(ending))
                    shownEnding = true
                }
                guard let next = try acknowledge(ending, by: who) else { return ExitStatus.paused }
                action = next
            case .finish(let ending, _):
                try persist()  // a session that ended before anyone typed is saved here
                if shownEnding { return try finishQuietly() }
                console.write(renderer.ending(ending))
                if writesRecord { try writeRecord() }
                return ExitStatus.ok
            case .pause:
                console.write(console.style.bold("Paused. Everything you have answered is saved.") + "\n")
                console.write("To carry on later, type: microproject continue \(sessionID)\n")
                return ExitStatus.paused
            }
        }
    }

    /// A word after an event: saved, skipped, kept, proposed, agreed or handed over, as the machine's notice says.
    func acknowledgeLastEntry(after action: Action) {
        let notice: Notice
        switch action {
        case .ask(_, let n?), .finish(_, let n?): notice = n
        default: return
        }
        if case .handedOver = notice {
            console.write("   \(notice.words)\n")
        } else {
            console.write(console.style.dim("   " + notice.words) + "\n")
        }
    }

    /// The person at the keyboard: the current speaker of a co-run session, else the one practitioner. Kept
    /// apart from `machine` so event closures can read it while the machine is being changed.
    private(set) var speaker: String

    private func finishQuietly() throws -> ExitCode {
        console.write(console.style.bold("Both practitioners have acknowledged the guidance.") + "\n")
        if writesRecord { try writeRecord() }
        return ExitStatus.ok
    }

    /// Asks one practitioner to confirm they have read a concern's guidance; nil when input ends.
    private func acknowledge(_ ending: Ending, by who: String) throws -> Action? {
        let name = machine.roster.member(who)?.name ?? who
        while true {
            console.write("\n\(name), please type OK to confirm you have read the guidance above.\n")
            switch reader.readLine(prompt: "\(who)> ", completions: ["ok"], console: console) {
            case .line(let raw):
                let word = Sanitizer.cleanAnswer(raw).lowercased()
                if !reader.isInteractive { console.write("\(who)> " + Sanitizer.visible(word) + "\n") }
                if Vocabulary.acknowledges(word) {
                    return try modifyEvent { $0.concernAcknowledged(by: who, at: env.now()) }
                }
            case .interrupt, .endOfInput:
                console.write(
                    "\nThe concern is saved. The session closes once both practitioners have acknowledged it: "
                        + "microproject continue \(sessionID)\n"
                )
                return nil
            }
        }
    }

    /// Reads one line and turns it into the next action.
    private func read(_ prompt: Prompt) throws -> Action {
        if let ready = beforeFirstRead {
            beforeFirstRead = nil
            if try ready() { console.write(renderer.question(prompt)) }
        }
        let input = reader.readLine(
            prompt: renderer.inputPrompt(prompt),
            completions: renderer.completions(prompt),
            console: console
        )
        switch input {
        case .interrupt:
            console.write("\n")
            return try modifyEvent { $0.paused(reason: "interrupt", by: speaker, at: env.now()) }
        case .endOfInput:
            if reader.isInteractive { console.write("\n") }
            return try modifyEvent { $0.paused(reason: "end-of-input", by: speaker, at: env.now()) }
        case .line(let raw):
            let line = Sanitizer.cleanAnswer(raw)
            if !reader.isInteractive {
                // Piped input is not echoed by a terminal; show it so the transcript reads like a conversation.
                console.write(
                    renderer.inputPrompt(prompt).filter { $0 != "\u{1}" && $0 != "\u{2}" } + Sanitizer.visible(line)
                        + "\n"
                )
            }
            if let command = SlashCommand.parse(line) { return try handle(command, prompt: prompt) }
            let answer = line.hasPrefix("//") ? String(line.dropFirst()) : line
            let action = try modifyEvent { $0.answerSubmitted(answer, by: speaker, at: env.now()) }
            acknowledgeLastEntry(after: action)
            return action
        }
    }
}
