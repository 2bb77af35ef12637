/// Something said on the way: read-aloud text, and guidance for the practitioner only.
public struct Message: Equatable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var guidance: String?

    public init(text: String, guidance: String? = nil) {
        self.text = text
        self.guidance = guidance
    }

    public init(stringLiteral text: String) { self.init(text: text) }
}

/// A question ready to show: text already piped, with everything the driver needs to render it.
public struct Prompt: Equatable, Sendable {
    public var key: String
    public var nodeID: String
    /// Messages to say before the question (intro, message nodes passed on the way).
    public var messages: [Message]
    public var text: String
    public var guidance: String?
    public var role: String
    public var type: QuestionType
    public var required: Bool
    public var preferNotToSay: Bool
    public var sensitive: Bool
    /// An earlier answer to this question that is not on the route now: shown, and kept only if confirmed.
    public var earlier: AnswerValue?
    /// What Enter gives when there is no earlier answer (the script's `default:`).
    public var defaultAnswer: String?
    /// "Focus area 2 of up to 3" inside a repeat.
    public var repetitionLabel: String?
    /// 1-based position on the route.
    public var number: Int
    /// How many questions this interview asks in all, counting this one: exact where no condition, jump or
    /// repeat can change it, else an estimate from the answers so far ("question 3 of about 12"). Nil when the
    /// engine cannot say.
    public var total: QuestionTotal? = nil
    /// The practitioner the question is for, when a co-run roster has someone in its role.
    public var addressedTo: Roster.Member?
    /// Who is at the keyboard in a co-run session.
    public var speaker: Roster.Member?
    /// A `both` question already answered by one practitioner, waiting for the other.
    public var proposal: Proposal?
    /// Who must agree with the proposal now.
    public var awaitingAgreementFrom: String?
}

/// How the interview ended.
public struct Ending: Equatable, Sendable {
    public var outcome: Outcome
    /// Messages passed on the way, then the stop's own text.
    public var messages: [Message]
    public var guidance: String?
    /// True when a `/concern` ended normal questioning.
    public var byConcern: Bool
    /// True when the outcome is the script's concern outcome, however it was reached.
    public var isSafetyStop: Bool
}

/// What the driver must do next.
public enum Action: Equatable, Sendable {
    /// Say the notice (what the last event did), show the prompt's messages, then ask it.
    case ask(Prompt, notice: Notice? = nil)
    /// The event was not taken: say the problem, then ask the same question again. Nothing was recorded.
    case reask(Prompt, problem: EventProblem)
    /// Something was recorded (a note) or shown: confirm it in a word, then read the same question again.
    case acknowledge(String, Prompt)
    /// A concern ended a co-run session: this practitioner must acknowledge the guidance before it closes.
    case acknowledgeConcern(Ending, by: String)
    /// Say the notice (what the last answer did), then the outcome; nothing more is asked.
    case finish(Ending, notice: Notice? = nil)
    /// Progress is saved; `continue` picks up at this question.
    case pause(Prompt)
}

/// Where the interview stands after an event: what a store keeps beside the journal.
public enum InterviewStatus: Sendable, Equatable {
    case asking
    case paused
    /// A concern ended a co-run session; someone has still to acknowledge its guidance.
    case acknowledging
    case finished(outcome: String)

    /// The state's name, for people and for failures.
    public enum Name: String, Sendable, Equatable {
        case new = "not started"
        case asking
        case paused
        case acknowledging = "waiting for the concern to be acknowledged"
        case finished
    }
}

/// What one event did: the journal entries it appended (none when it was refused), where the interview stands
/// now, and what to do next. A front end persists `appended` with `status` and `cursor`, then carries out
/// `action`, without asking the machine again.
public struct Step: Equatable, Sendable {
    public var appended: [JournalEntry]
    public var status: InterviewStatus
    /// The key of the question open now; nil once nothing is asked.
    public var cursor: String?
    public var action: Action

    public init(appended: [JournalEntry], status: InterviewStatus, cursor: String?, action: Action) {
        self.appended = appended
        self.status = status
        self.cursor = cursor
        self.action = action
    }
}

/// How many questions an interview asks in all, as far as the engine can tell now.
public enum QuestionTotal: Sendable, Equatable {
    /// Nothing in the script can change the count.
    case exactly(Int)
    /// Conditions, jumps or repeats decide; this is the count if the answers so far stand.
    case about(Int)
}
