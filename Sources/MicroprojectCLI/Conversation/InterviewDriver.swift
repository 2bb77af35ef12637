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
    /// Reads, echoes and prints for the driver: the one front end.
    let talk: Conversation
    /// Where this interview sits, for the header over each question ("Step 2 of 6: Safety check").
    var place: String?
    /// What the person types to carry on after a pause: the microproject's id for a stage, else the session's.
    var comeBack: String
    /// False for a microproject's stages: their records go into the microproject's complete record.
    var writesRecord = true
    /// Run once, after the first question is shown and before the first line is read: opens and checks the
    /// store. True when it had something to say, so the question is shown again.
    var beforeFirstRead: (() throws -> Bool)?
    /// Checks an answer against what only the program knows (the store), before the machine sees it: a
    /// problem to say, and the question is asked again. Nil lets the answer through.
    var vetAnswer: ((Prompt, String) throws -> String?)?

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
        self.talk = Conversation(console: console, reader: reader)
        self.comeBack = "microproject continue \(journal.sessionID)"
    }

    /// A renderer for the terminal's width at this moment, so a resize between two questions is followed.
    var renderer: PromptRenderer {
        var r = talk.renderer(roster: machine.roster)
        r.place = place
        return r
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
                talk.show(renderer.question(prompt))
                action = try read(prompt)
            case .reask(let prompt, let problem):
                talk.say(renderer.folded(problem.words), indent: renderer.indent(prompt), .warning)
                action = try read(prompt)
            case .acknowledge(let message, let prompt):
                let body = message.hasSuffix("\n") ? String(message.dropLast()) : message
                talk.say(body, indent: renderer.indent(prompt))
                action = try read(prompt)
            case .acknowledgeConcern(let ending, let who):
                if !shownEnding {
                    talk.show(renderer.ending(ending))
                    shownEnding = true
                }
                guard let next = try acknowledge(ending, by: who) else { return ExitStatus.paused }
                action = next
            case .finish(let ending, _):
                try persist()  // a session that ended before anyone typed is saved here
                if shownEnding { return try finishQuietly() }
                talk.show(renderer.ending(ending))
                if writesRecord { try writeRecord() }
                return ExitStatus.ok
            case .pause:
                talk.say("Paused. Everything you have answered is saved.", .bold)
                talk.say("To carry on later, type: \(comeBack)")
                return ExitStatus.paused
            }
        }
    }

    /// A word after an event: saved, skipped, kept, proposed, agreed or handed over, as the machine's notice says,
    /// lined up under the question it answers.
    func acknowledgeLastEntry(after action: Action, answering prompt: Prompt) {
        let notice: Notice
        switch action {
        case .ask(_, let n?), .finish(_, let n?): notice = n
        default: return
        }
        if case .handedOver = notice {
            talk.say(notice.words, indent: renderer.indent(prompt))
        } else {
            talk.say(notice.words, indent: renderer.indent(prompt), .dim)
        }
    }

    /// The person at the keyboard: the current speaker of a co-run session, else the one practitioner. Kept
    /// apart from `machine` so event closures can read it while the machine is being changed.
    private(set) var speaker: String

    private func finishQuietly() throws -> ExitCode {
        talk.say("Both practitioners have acknowledged the guidance.", .bold)
        if writesRecord { try writeRecord() }
        return ExitStatus.ok
    }

    /// Asks one practitioner to confirm they have read a concern's guidance; nil when input ends.
    private func acknowledge(_ ending: Ending, by who: String) throws -> Action? {
        let name = machine.roster.member(who)?.name ?? who
        console.write("\n")
        guard
            talk.acknowledge("\(name), please type OK to confirm you have read the guidance above.", prompt: "\(who)> ")
        else {
            talk.sayAfterBreak(
                "The concern is saved. The session closes once both practitioners have acknowledged it: \(comeBack)"
            )
            return nil
        }
        return try modifyEvent { $0.concernAcknowledged(by: who, at: env.now()) }
    }

    /// Reads one line and turns it into the next action.
    private func read(_ prompt: Prompt) throws -> Action {
        if let ready = beforeFirstRead {
            beforeFirstRead = nil
            if try ready() { talk.show(renderer.question(prompt)) }
        }
        let renderer = self.renderer
        let input = talk.read(prompt: renderer.inputPrompt(prompt), completions: renderer.completions(prompt))
        switch input {
        case .interrupt:
            return try modifyEvent { $0.paused(reason: "interrupt", by: speaker, at: env.now()) }
        case .endOfInput:
            return try modifyEvent { $0.paused(reason: "end-of-input", by: speaker, at: env.now()) }
        case .line(let line):
            if let command = SlashCommand.parse(line) { return try handle(command, prompt: prompt) }
            let answer = line.hasPrefix("//") ? String(line.dropFirst()) : line
            if let vet = vetAnswer, let problem = try vet(prompt, answer) {
                return .reask(prompt, problem: .frontEnd(problem))
            }
            let action = try modifyEvent { $0.answerSubmitted(answer, by: speaker, at: env.now()) }
            acknowledgeLastEntry(after: action, answering: prompt)
            return action
        }
    }
}
