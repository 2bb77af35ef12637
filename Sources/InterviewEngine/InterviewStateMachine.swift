/// The interview as a pure state machine: events in, actions out. No terminal, file or clock inside;
/// every accepted event lands in `journal`, and replaying the journal rebuilds the same machine.
public struct InterviewStateMachine: Equatable, Sendable {
    public let script: Script
    public internal(set) var context: [String: String] = [:]
    public internal(set) var roster = Roster()
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
        /// A concern ended questioning in a co-run session; each practitioner acknowledges the guidance.
        case acknowledging(Ending)
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
        roster: Roster = Roster(),
        by actor: String,
        at time: Timestamp
    ) -> (InterviewStateMachine, Action) {
        var machine = InterviewStateMachine(script: script)
        let action = machine.record(.started(context: context, roster: roster), by: actor, at: time)
        return (machine, action)
    }

    // MARK: Queries

    public var progress: Progress? { state == .new ? nil : gathered }

    public var ending: Ending? {
        if case .finished(let e) = state { return e }
        return nil
    }

    /// Who must still acknowledge a concern's guidance before the session closes.
    public var awaitingAcknowledgement: String? {
        if case .acknowledging = state { return gathered.awaitingAcknowledgement.first }
        return nil
    }

    /// Who is at the keyboard in a co-run session.
    public var speaker: String? { gathered.speaker }

    public var isPaused: Bool {
        if case .paused = state { return true }
        return false
    }

    /// The question open now, if any.
    public var currentPrompt: Prompt? {
        switch state {
        case .asking, .paused: prompt(for: gathered)
        case .new, .finished, .acknowledging: nil
        }
    }

    // MARK: Events

    /// Someone typed an answer (not a slash command).
    /// `enteredBy` is who typed it when they answer for someone else (`/as lead`).
    public mutating func answerSubmitted(
        _ typed: String,
        by actor: String,
        at time: Timestamp,
        enteredBy: String? = nil
    ) -> Action {
        guard case .asking = state, let prompt = prompt(for: gathered) else {
            preconditionFailure("Invalid state for an answer: \(state)")
        }
        // Enter on a question with a default (and no earlier answer) gives the default, as if typed.
        let raw =
            typed.trimmingWhitespace().isEmpty && prompt.earlier == nil && gathered.proposal == nil
            ? prompt.defaultAnswer ?? typed : typed
        if let proposal = gathered.proposal, let confirmer = prompt.awaitingAgreementFrom {
            // The other practitioner's turn: Enter or yes agrees; anything else is their own proposal.
            let word = raw.trimmingWhitespace().lowercased()
            if ["", "yes", "y", "agree", "agreed", "ok"].contains(word), proposal.value != .yesNo(false) || word == "" {
                return record(.agreed(key: proposal.key), by: confirmer, at: time, enteredBy: enteredBy)
            }
            return propose(raw, prompt: prompt, by: confirmer, at: time, enteredBy: enteredBy)
        }
        if let problem = roster.refusal(actor: actor, role: prompt.role) {
            return .reask(withoutMessages(prompt), problem: problem)
        }
        // An earlier answer shown again (after /back) is kept with Enter; for a both-question it was agreed already.
        if raw.trimmingWhitespace().isEmpty, prompt.earlier != nil {
            return record(.confirmed(key: prompt.key), by: actor, at: time, enteredBy: enteredBy)
        }
        if prompt.role == "both", roster.isCoRun {
            return propose(raw, prompt: prompt, by: actor, at: time, enteredBy: enteredBy)
        }
        switch parse(raw, for: prompt, at: time) {
        case .problem(let problem):
            return .reask(withoutMessages(prompt), problem: problem)
        case .accepted(let value):
            return record(.answered(key: prompt.key, value: value), by: actor, at: time, enteredBy: enteredBy)
        }
    }

    /// Reads an answer to the open question with its type, rules and the author's validations.
    private func parse(_ raw: String, for prompt: Prompt, at time: Timestamp) -> AnswerParser.Result {
        let question = Question(
            type: prompt.type,
            required: prompt.required,
            preferNotToSay: prompt.preferNotToSay,
            validations: script.node(at: gathered.current!)?.question?.validations ?? []
        )
        return AnswerParser.parse(raw, for: question, at: time, context: context)
    }

    /// A `both` question's answer from one practitioner, for the other to agree with.
    private mutating func propose(
        _ raw: String,
        prompt: Prompt,
        by actor: String,
        at time: Timestamp,
        enteredBy: String?
    ) -> Action {
        switch parse(raw, for: prompt, at: time) {
        case .problem(let problem):
            return .reask(withoutMessages(prompt), problem: problem)
        case .accepted(let value):
            return record(.proposed(key: prompt.key, value: value), by: actor, at: time, enteredBy: enteredBy)
        }
    }

    /// `/handover`: the keyboard passes to another practitioner of the roster.
    public mutating func handedOver(to id: String, by actor: String, at time: Timestamp) -> Action {
        guard case .asking = state, let prompt = prompt(for: gathered) else {
            preconditionFailure("Invalid state for a hand-over: \(state)")
        }
        guard roster.isCoRun else {
            return .reask(
                withoutMessages(prompt),
                problem: "Only one practitioner is signed in, so there is no one to hand over to."
            )
        }
        guard let member = roster.member(id) else {
            return .reask(
                withoutMessages(prompt),
                problem: "No one signed in has the id '\(id)'. Signed in: "
                    + roster.members.map { "\($0.name) (\($0.id), \($0.role))" }.joined(separator: ", ") + "."
            )
        }
        guard id != gathered.speaker else {
            return .reask(withoutMessages(prompt), problem: "The keyboard is already with \(member.name).")
        }
        return record(.handedOver(to: id), by: actor, at: time)
    }

    /// The ending a co-run session reaches once everyone has acknowledged the concern's guidance.
    public var endingAwaitingAcknowledgement: Ending? {
        if case .acknowledging(let e) = state { return e }
        return nil
    }

    /// After a concern in a co-run session: one practitioner confirms they have read the guidance.
    public mutating func concernAcknowledged(by actor: String, at time: Timestamp) -> Action {
        guard case .acknowledging = state else { preconditionFailure("Invalid state for an acknowledgement: \(state)") }
        return record(.concernAcknowledged, by: actor, at: time)
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
    private mutating func record(
        _ event: JournalEvent,
        by actor: String,
        at time: Timestamp,
        enteredBy: String? = nil
    ) -> Action {
        let entry = JournalEntry(seq: journal.count + 1, at: time, actor: actor, event: event, enteredBy: enteredBy)
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
        case .acknowledging(let ending):
            return .acknowledgeConcern(ending, by: gathered.awaitingAcknowledgement[0])
        case .paused:
            return .pause(withoutMessages(prompt(for: gathered)!))
        case .asking:
            let prompt = prompt(for: gathered)!
            if case .noteAdded = event { return .acknowledge("Note saved.", withoutMessages(prompt)) }
            if case .handedOver = event { return .ask(withoutMessages(prompt)) }
            return .ask(prompt)
        }
    }

    private func withoutMessages(_ prompt: Prompt) -> Prompt {
        var p = prompt
        p.messages = []
        return p
    }
}
