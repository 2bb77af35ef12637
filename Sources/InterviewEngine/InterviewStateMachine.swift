/// The interview as a pure state machine: events in, steps out. No terminal, file or clock inside; every
/// accepted event lands in `journal`, and replaying the journal rebuilds the same machine.
public struct InterviewStateMachine: Equatable, Sendable {
    public let script: Script
    public internal(set) var context: [String: String] = [:]
    public internal(set) var roster = Roster()
    public internal(set) var journal: [JournalEntry] = []
    var state: State
    var shape: ScriptShape { script.shape }

    /// The payload lives in the case it belongs to, so the types carry the invariants (no progress before the
    /// start, an ending only once finished). An event mutates the payload in place: it swaps the state to
    /// `.modifying` while it works, so the payload has one owner and nothing is copied.
    enum State: Equatable, Sendable {
        /// Nothing applied yet; only `started` is valid.
        case new
        /// Waiting for an answer to the question at `progress.current`.
        case asking(Progress)
        /// Saved and left; only `resumed` is valid.
        case paused(Progress)
        /// A concern ended questioning in a co-run session; each practitioner acknowledges the guidance.
        case acknowledging(Progress, Ending)
        /// Reached an outcome; nothing more is asked.
        case finished(Progress, Ending)
        /// Only while an event changes the payload.
        case modifying
    }

    init(script: Script) {
        self.script = script
        self.state = .new
    }

    /// Starts an interview and returns its first step.
    public static func start(
        script: Script,
        context: [String: String],
        roster: Roster = Roster(),
        by actor: String,
        at time: Timestamp
    ) -> (InterviewStateMachine, Step) {
        var machine = InterviewStateMachine(script: script)
        let step = machine.live(.started(context: context, roster: roster), by: actor, at: time)
        return (machine, step)
    }

    // MARK: Queries

    /// Everything gathered so far; nil before the start.
    public var progress: Progress? {
        switch state {
        case .asking(let p), .paused(let p), .acknowledging(let p, _), .finished(let p, _): p
        case .new, .modifying: nil
        }
    }

    var gathered: Progress { progress ?? Progress(startedAt: 0) }

    public var status: InterviewStatus.Name {
        switch state {
        case .new: .new
        case .asking: .asking
        case .paused: .paused
        case .acknowledging: .acknowledging
        case .finished: .finished
        case .modifying: preconditionFailure("The interview was read while an event was changing it")
        }
    }

    public var ending: Ending? {
        if case .finished(_, let e) = state { return e }
        return nil
    }

    /// Who must still acknowledge a concern's guidance before the session closes.
    public var awaitingAcknowledgement: String? {
        if case .acknowledging(let p, _) = state { return p.awaitingAcknowledgement.first }
        return nil
    }

    /// The ending a co-run session reaches once everyone has acknowledged the concern's guidance.
    public var endingAwaitingAcknowledgement: Ending? {
        if case .acknowledging(_, let e) = state { return e }
        return nil
    }

    /// Who is at the keyboard in a co-run session.
    public var speaker: String? { progress?.speaker }

    public var isPaused: Bool {
        if case .paused = state { return true }
        return false
    }

    /// The question open now, if any.
    public var currentPrompt: Prompt? {
        switch state {
        case .asking(let p), .paused(let p): prompt(for: p)
        case .new, .finished, .acknowledging, .modifying: nil
        }
    }

    // MARK: Events

    /// What can happen to an interview, as a front end reports it.
    public enum Event: Sendable, Equatable {
        case started(context: [String: String], roster: Roster)
        /// Someone typed an answer (not a slash command). `enteredBy` is who typed it when they answer for
        /// someone else.
        case answer(String, enteredBy: String? = nil)
        /// `/as ROLE ANSWER`: the one at the keyboard types the answer of the practitioner in ROLE (or with that id).
        case answerFor(String, answer: String)
        case skip
        case back
        case note(String)
        case concern(String)
        case pause(reason: String)
        case resume
        /// `/handover [ROLE or ID]`: empty for the other practitioner.
        case handOver(to: String)
        /// After a concern in a co-run session: the actor has read the guidance.
        case acknowledge

        var name: String {
            switch self {
            case .started: "started"
            case .answer: "answer"
            case .answerFor: "answer for someone else"
            case .skip: "skip"
            case .back: "back"
            case .note: "note"
            case .concern: "concern"
            case .pause: "pause"
            case .resume: "resume"
            case .handOver: "hand-over"
            case .acknowledge: "acknowledgement"
            }
        }
    }

    /// The one entry point for live events: checks the event fits the state, applies it, and says what changed
    /// and what to do next. An event that cannot happen now throws and changes nothing.
    public mutating func step(_ event: Event, by actor: String, at time: Timestamp) throws(ImpossibleEvent) -> Step {
        let impossible = ImpossibleEvent(event: event.name, state: status)
        switch event {
        case .started(let context, let roster):
            guard case .new = state else { throw impossible }
            return record(.started(context: context, roster: roster), by: actor, at: time)
        case .answer(let typed, let enteredBy):
            guard let open = openQuestion() else { throw impossible }
            return answer(typed, open, by: actor, at: time, enteredBy: enteredBy)
        case .answerFor(let target, let typed):
            guard let open = openQuestion() else { throw impossible }
            return answer(typed, for: target, open, by: actor, at: time)
        case .skip:
            guard let open = openQuestion() else { throw impossible }
            guard !open.question.required else {
                return refuse(.cannotSkip(preferNotToSay: open.question.preferNotToSay))
            }
            return record(
                .answered(key: open.key, value: .skipped),
                by: actor,
                at: time,
                notice: .skipped(key: open.key)
            )
        case .back:
            guard let open = openQuestion() else { throw impossible }
            guard open.hasAnsweredBefore else { return refuse(.nothingToGoBackTo) }
            return record(.wentBack, by: actor, at: time)
        case .note(let text):
            guard openQuestion() != nil else { throw impossible }
            return record(.noteAdded(text), by: actor, at: time)
        case .concern(let text):
            guard openQuestion() != nil else { throw impossible }
            return record(.concernRaised(text), by: actor, at: time)
        case .pause(let reason):
            guard openQuestion() != nil else { throw impossible }
            return record(.paused(reason: reason), by: actor, at: time)
        case .resume:
            guard case .paused = state else { throw impossible }
            return record(.resumed, by: actor, at: time)
        case .handOver(let target):
            guard let open = openQuestion() else { throw impossible }
            return handOver(to: target, open, by: actor, at: time)
        case .acknowledge:
            guard case .acknowledging(let p, _) = state else { throw impossible }
            guard p.awaitingAcknowledgement.contains(actor) else { throw impossible }
            return record(.concernAcknowledged, by: actor, at: time)
        }
    }

    /// Someone typed an answer (not a slash command).
    /// `enteredBy` is who typed it when they answer for someone else (`/as lead`).
    public mutating func answerSubmitted(
        _ typed: String,
        by actor: String,
        at time: Timestamp,
        enteredBy: String? = nil
    ) -> Step {
        live(.answer(typed, enteredBy: enteredBy), by: actor, at: time)
    }

    /// `/as ROLE ANSWER`: `typist` types the answer of the practitioner named by role or id.
    public mutating func answerSubmitted(
        _ typed: String,
        for target: String,
        by typist: String,
        at time: Timestamp
    )
        -> Step
    {
        live(.answerFor(target, answer: typed), by: typist, at: time)
    }

    /// `/handover`: the keyboard passes to the practitioner named by role or id, or to the other one.
    public mutating func handedOver(to target: String, by actor: String, at time: Timestamp) -> Step {
        live(.handOver(to: target), by: actor, at: time)
    }

    /// After a concern in a co-run session: one practitioner confirms they have read the guidance.
    public mutating func concernAcknowledged(by actor: String, at time: Timestamp) -> Step {
        live(.acknowledge, by: actor, at: time)
    }

    /// `/skip`: allowed only on optional questions.
    public mutating func skipRequested(by actor: String, at time: Timestamp) -> Step {
        live(.skip, by: actor, at: time)
    }

    /// `/back`: reopens the previous question on the route, showing its answer for confirmation.
    public mutating func wentBack(by actor: String, at time: Timestamp) -> Step {
        live(.back, by: actor, at: time)
    }

    /// `/note TEXT`: kept with the question that is open.
    public mutating func noteAdded(_ text: String, by actor: String, at time: Timestamp) -> Step {
        live(.note(text), by: actor, at: time)
    }

    /// `/concern TEXT`: stops normal questioning and reaches the concern outcome.
    public mutating func concernRaised(_ text: String, by actor: String, at time: Timestamp) -> Step {
        live(.concern(text), by: actor, at: time)
    }

    /// `/pause`, `/quit`, Ctrl-C on an empty line, Ctrl-D or the end of piped input.
    public mutating func paused(reason: String, by actor: String, at time: Timestamp) -> Step {
        live(.pause(reason: reason), by: actor, at: time)
    }

    /// `continue`: reopens the question that was open when the interview was paused.
    public mutating func resumed(by actor: String, at time: Timestamp) -> Step {
        live(.resume, by: actor, at: time)
    }

    /// A live event from a caller that knows it fits: one that does not is a bug, so it stops the program.
    private mutating func live(_ event: Event, by actor: String, at time: Timestamp) -> Step {
        do {
            return try step(event, by: actor, at: time)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    // MARK: Answers

    /// What the rules need of the open question, read from the script without piping any text.
    struct OpenQuestion {
        var cursor: Cursor
        var key: String
        var question: Question
        var role: String
        var earlier: AnswerValue?
        var proposal: Proposal?
        var speaker: String?
        var hasAnsweredBefore: Bool
    }

    /// The open question while asking; nil in every other state.
    func openQuestion() -> OpenQuestion? {
        guard case .asking(let p) = state, let cursor = p.current else { return nil }
        let key = script.key(at: cursor)
        let question: Question
        let role: String
        if let node = script.node(at: cursor), let q = node.question {
            question = q
            role = node.role
        } else {
            // A group's "add another?" question.
            question = Question(type: .yesNo)
            role = script.nodes[cursor.top].role
        }
        return OpenQuestion(
            cursor: cursor,
            key: key,
            question: question,
            role: role,
            earlier: p.answers[key]?.value,
            proposal: p.proposal?.key == key ? p.proposal : nil,
            speaker: p.speaker,
            hasAnsweredBefore: !p.trail.isEmpty
        )
    }

    private mutating func answer(
        _ typed: String,
        _ open: OpenQuestion,
        by actor: String,
        at time: Timestamp,
        enteredBy: String?
    ) -> Step {
        let blank = typed.trimmingWhitespace().isEmpty
        // Enter on a question with a default (and no earlier answer) gives the default, as if typed.
        var raw = typed
        if blank, open.earlier == nil, open.proposal == nil, let given = defaultAnswer(open) { raw = given }
        if let proposal = open.proposal, let confirmer = roster.other(than: proposal.by)?.id {
            // The other practitioner's turn: Enter, a word of agreement or the same answer agrees; anything
            // else is their own proposal.
            if agrees(raw, with: proposal, open, at: time) {
                return record(
                    .agreed(key: proposal.key),
                    by: confirmer,
                    at: time,
                    enteredBy: enteredBy,
                    notice: .agreed
                )
            }
            return propose(raw, open, by: confirmer, at: time, enteredBy: enteredBy)
        }
        if let holder = roster.holderOtherThan(actor: actor, role: open.role) {
            return refuse(.addressedToSomeoneElse(role: open.role, holder: holder))
        }
        let empty = raw.trimmingWhitespace().isEmpty
        // An earlier answer shown again (after /back) is kept with Enter; for a both-question it was agreed already.
        if empty, open.earlier != nil {
            return record(.confirmed(key: open.key), by: actor, at: time, enteredBy: enteredBy, notice: .kept)
        }
        if open.role == "both", roster.isCoRun {
            return propose(raw, open, by: actor, at: time, enteredBy: enteredBy)
        }
        // Enter on an optional question with nothing to keep leaves it out, and says so.
        if empty, !open.question.required {
            return record(
                .answered(key: open.key, value: .skipped),
                by: actor,
                at: time,
                enteredBy: enteredBy,
                notice: .skipped(key: open.key)
            )
        }
        switch parse(raw, open, at: time) {
        case .problem(let problem):
            return refuse(.answer(problem))
        case .accepted(let value):
            let notice: Notice =
                enteredBy == nil
                ? .saved
                : roster.member(actor).map { Notice.savedFor($0, typedBy: enteredBy.flatMap(roster.member)) } ?? .saved
            return record(
                .answered(key: open.key, value: value),
                by: actor,
                at: time,
                enteredBy: enteredBy,
                notice: notice
            )
        }
    }

    /// `/as ROLE ANSWER`: who ROLE names, then their answer, typed by `typist`.
    private mutating func answer(
        _ typed: String,
        for target: String,
        _ open: OpenQuestion,
        by typist: String,
        at time: Timestamp
    ) -> Step {
        guard roster.isCoRun else { return refuse(.onlyOnePractitioner(command: "as")) }
        guard let member = roster.named(target) else {
            return refuse(.noSuchRole(typed: target, roles: roster.members.map(\.role)))
        }
        guard !typed.trimmingWhitespace().isEmpty else { return refuse(.answerAsNeedsAnswer(role: member.role)) }
        // Typing your own answer with /as is just answering: no "typed by".
        return answer(typed, open, by: member.id, at: time, enteredBy: member.id == typist ? nil : typist)
    }

    /// Whether the confirmer's words agree with a proposal.
    private func agrees(_ raw: String, with proposal: Proposal, _ open: OpenQuestion, at time: Timestamp) -> Bool {
        if raw.trimmingWhitespace().isEmpty { return true }
        if case .accepted(let value) = parse(raw, open, at: time), value == proposal.value { return true }
        guard Vocabulary.agrees(raw) else { return false }
        // "yes" at a proposal of "No" is an answer of its own, not agreement.
        if case .yesNo = open.question.type, let yes = Vocabulary.yesOrNo(raw) { return proposal.value == .yesNo(yes) }
        return true
    }

    /// What Enter gives: the script's default with answers piped in, when it has one.
    private func defaultAnswer(_ open: OpenQuestion) -> String? {
        guard let given = open.question.defaultAnswer, let p = progress else { return nil }
        let piped = RouteEnvironment(script: script, context: context, progress: p).pipe(given, at: open.cursor)
        return piped.isEmpty ? nil : piped
    }

    /// Reads an answer to the open question with its type, rules and the author's validations.
    private func parse(_ raw: String, _ open: OpenQuestion, at time: Timestamp) -> AnswerParser.Result {
        AnswerParser.parse(raw, for: open.question, at: time, context: context)
    }

    /// A `both` question's answer from one practitioner, for the other to agree with. Enter on an optional one
    /// proposes to leave it out.
    private mutating func propose(
        _ raw: String,
        _ open: OpenQuestion,
        by actor: String,
        at time: Timestamp,
        enteredBy: String?
    ) -> Step {
        let awaiting = roster.other(than: actor)
        if raw.trimmingWhitespace().isEmpty, !open.question.required {
            return record(
                .proposed(key: open.key, value: .skipped),
                by: actor,
                at: time,
                enteredBy: enteredBy,
                notice: .proposed(awaiting: awaiting)
            )
        }
        switch parse(raw, open, at: time) {
        case .problem(let problem):
            return refuse(.answer(problem))
        case .accepted(let value):
            return record(
                .proposed(key: open.key, value: value),
                by: actor,
                at: time,
                enteredBy: enteredBy,
                notice: .proposed(awaiting: awaiting)
            )
        }
    }

    private mutating func handOver(
        to target: String,
        _ open: OpenQuestion,
        by actor: String,
        at time: Timestamp
    )
        -> Step
    {
        guard roster.isCoRun else { return refuse(.onlyOnePractitioner(command: "handover")) }
        let named =
            target.trimmingWhitespace().isEmpty ? roster.other(than: open.speaker ?? actor) : roster.named(target)
        guard let member = named else { return refuse(.handOverToWhom(signedIn: roster.members)) }
        guard member.id != open.speaker else { return refuse(.alreadyHasKeyboard(member)) }
        return record(.handedOver(to: member.id), by: actor, at: time, notice: .handedOver(to: member))
    }

    // MARK: Journal

    /// The event was not taken: the same question again, with the problem. Nothing changed.
    private func refuse(_ problem: EventProblem) -> Step {
        guard case .asking(let p) = state, let prompt = prompt(for: p) else {
            preconditionFailure("A refusal while not asking: \(status)")
        }
        return Step(
            appended: [],
            status: .asking,
            cursor: prompt.key,
            action: .reask(withoutMessages(prompt), problem: problem)
        )
    }

    /// Journals an event, applies it, and says what changed and what to do next.
    private mutating func record(
        _ event: JournalEvent,
        by actor: String,
        at time: Timestamp,
        enteredBy: String? = nil,
        notice: Notice? = nil
    ) -> Step {
        let entry = JournalEntry(seq: journal.count + 1, at: time, actor: actor, event: event, enteredBy: enteredBy)
        do {
            try apply(entry)
        } catch {
            preconditionFailure("A live event failed to apply: \(error)")
        }
        return settled(after: event, appended: entry, notice: notice)
    }

    /// The step after an accepted event: the one prompt built for it, and what to do with it.
    private func settled(after event: JournalEvent, appended entry: JournalEntry, notice: Notice?) -> Step {
        switch state {
        case .finished(_, let ending):
            return Step(
                appended: [entry],
                status: .finished(outcome: ending.outcome.id),
                cursor: nil,
                action: .finish(ending, notice: notice)
            )
        case .acknowledging(let p, let ending):
            return Step(
                appended: [entry],
                status: .acknowledging,
                cursor: nil,
                action: .acknowledgeConcern(ending, by: p.awaitingAcknowledgement[0])
            )
        case .paused(let p):
            let prompt = prompt(for: p)!
            return Step(appended: [entry], status: .paused, cursor: prompt.key, action: .pause(withoutMessages(prompt)))
        case .asking(let p):
            let prompt = prompt(for: p)!
            let action: Action
            switch event {
            case .noteAdded: action = .acknowledge(Notice.noteSaved.words, withoutMessages(prompt))
            case .handedOver: action = .ask(withoutMessages(prompt), notice: notice)
            default: action = .ask(prompt, notice: notice)
            }
            return Step(appended: [entry], status: .asking, cursor: prompt.key, action: action)
        case .new, .modifying:
            preconditionFailure("Invalid state after \(event.kind): \(status)")
        }
    }

    private func withoutMessages(_ prompt: Prompt) -> Prompt {
        var p = prompt
        p.messages = []
        return p
    }
}
