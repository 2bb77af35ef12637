/// The interview as a pure state machine: events in, actions out. No terminal, file or clock inside;
/// every accepted event lands in `journal`, and replaying the journal rebuilds the same machine.
public struct InterviewStateMachine: Equatable, Sendable {
    public let script: Script
    public internal(set) var context: [String: String] = [:]
    public internal(set) var journal: [JournalEntry] = []
    var state: State
    /// Kept beside the state rather than inside its cases, so each event mutates it in place: a payload
    /// copied out of an enum case would copy every answer on every event.
    var gathered: Progress

    enum State: Equatable {
        /// Nothing applied yet; only `started` is valid.
        case new
        /// Waiting for an answer to the question at `gathered.current`.
        case asking
        /// Saved and left; only `resumed` is valid.
        case paused
        /// Reached an outcome; nothing more is asked.
        case finished(Ending)
    }

    init(script: Script) {
        self.script = script
        self.state = .new
        self.gathered = Progress(startedAt: 0)
    }

    /// Starts an interview and returns the first action.
    public static func start(
        script: Script,
        context: [String: String],
        by actor: String,
        at time: Timestamp
    ) -> (InterviewStateMachine, Action) {
        var machine = InterviewStateMachine(script: script)
        let action = machine.record(.started(context: context), by: actor, at: time)
        return (machine, action)
    }

    // MARK: Queries

    public var progress: Progress? { state == .new ? nil : gathered }

    public var ending: Ending? {
        if case .finished(let e) = state { return e }
        return nil
    }

    public var isPaused: Bool {
        if case .paused = state { return true }
        return false
    }

    /// The question open now, if any.
    public var currentPrompt: Prompt? {
        switch state {
        case .asking, .paused: prompt(for: gathered)
        case .new, .finished: nil
        }
    }

    // MARK: Events

    /// Someone typed an answer (not a slash command).
    public mutating func answerSubmitted(_ raw: String, by actor: String, at time: Timestamp) -> Action {
        guard case .asking = state, let prompt = prompt(for: gathered) else {
            preconditionFailure("Invalid state for an answer: \(state)")
        }
        if raw.trimmingWhitespace().isEmpty, prompt.earlier != nil {
            return record(.confirmed(key: prompt.key), by: actor, at: time)
        }
        let question = Question(
            type: prompt.type,
            required: prompt.required,
            preferNotToSay: prompt.preferNotToSay,
            validations: script.node(at: gathered.current!)?.question?.validations ?? []
        )
        switch AnswerParser.parse(raw, for: question, at: time) {
        case .problem(let problem):
            return .reask(withoutMessages(prompt), problem: problem)
        case .accepted(let value):
            return record(.answered(key: prompt.key, value: value), by: actor, at: time)
        }
    }

    /// `/skip`: allowed only on optional questions.
    public mutating func skipRequested(by actor: String, at time: Timestamp) -> Action {
        guard case .asking = state, let prompt = prompt(for: gathered) else {
            preconditionFailure("Invalid state for a skip: \(state)")
        }
        guard !prompt.required else {
            let hint = prompt.preferNotToSay ? " If you would rather not answer, type 'prefer not to say'." : ""
            return .reask(
                withoutMessages(prompt),
                problem: "This question needs an answer, so it can't be skipped.\(hint)"
            )
        }
        return record(.answered(key: prompt.key, value: .skipped), by: actor, at: time)
    }

    /// `/back`: reopens the previous question on the route, showing its answer for confirmation.
    public mutating func wentBack(by actor: String, at time: Timestamp) -> Action {
        guard case .asking = state, let prompt = prompt(for: gathered) else {
            preconditionFailure("Invalid state for back: \(state)")
        }
        guard !gathered.trail.isEmpty else {
            return .reask(
                withoutMessages(prompt),
                problem: "This is the first question, so there is nothing to go back to."
            )
        }
        return record(.wentBack, by: actor, at: time)
    }

    /// `/note TEXT`: kept with the question that is open.
    public mutating func noteAdded(_ text: String, by actor: String, at time: Timestamp) -> Action {
        guard case .asking = state else { preconditionFailure("Invalid state for a note: \(state)") }
        return record(.noteAdded(text), by: actor, at: time)
    }

    /// `/concern TEXT`: stops normal questioning and reaches the concern outcome.
    public mutating func concernRaised(_ text: String, by actor: String, at time: Timestamp) -> Action {
        guard case .asking = state else { preconditionFailure("Invalid state for a concern: \(state)") }
        return record(.concernRaised(text), by: actor, at: time)
    }

    /// `/pause`, `/quit`, Ctrl-C on an empty line, Ctrl-D or the end of piped input.
    public mutating func paused(reason: String, by actor: String, at time: Timestamp) -> Action {
        guard case .asking = state else { preconditionFailure("Invalid state for a pause: \(state)") }
        return record(.paused(reason: reason), by: actor, at: time)
    }

    /// `continue`: reopens the question that was open when the interview was paused.
    public mutating func resumed(by actor: String, at time: Timestamp) -> Action {
        guard case .paused = state else { preconditionFailure("Invalid state for a resume: \(state)") }
        return record(.resumed, by: actor, at: time)
    }

    // MARK: Journal

    /// Journals an event, applies it, and says what to do next.
    private mutating func record(_ event: JournalEvent, by actor: String, at time: Timestamp) -> Action {
        let entry = JournalEntry(seq: journal.count + 1, at: time, actor: actor, event: event)
        do {
            try apply(entry)
        } catch {
            preconditionFailure("A live event failed to apply: \(error)")
        }
        return nextAction(after: event)
    }

    private func nextAction(after event: JournalEvent) -> Action {
        switch state {
        case .new:
            preconditionFailure("Invalid state after \(event): \(state)")
        case .finished(let ending):
            return .finish(ending)
        case .paused:
            return .pause(withoutMessages(prompt(for: gathered)!))
        case .asking:
            let prompt = prompt(for: gathered)!
            if case .noteAdded = event { return .acknowledge("Note saved.", withoutMessages(prompt)) }
            return .ask(prompt)
        }
    }

    private func withoutMessages(_ prompt: Prompt) -> Prompt {
        var p = prompt
        p.messages = []
        return p
    }
}
