/// One thing that happened, in order. The interview state is the replay of these.
public struct JournalEntry: Codable, Equatable, Sendable {
    public var seq: Int
    public var at: Timestamp
    /// Who did it (a practitioner id or role).
    public var actor: String
    public var event: JournalEvent
    /// Who typed it when that is not the actor (`/as lead`: the Link typed the Lead's answer).
    public var enteredBy: String?

    public init(seq: Int, at: Timestamp, actor: String, event: JournalEvent, enteredBy: String? = nil) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.event = event
        self.enteredBy = enteredBy
    }
}

/// Inputs only: what the machine derives (the next question, the outcome) is never journaled, so replay
/// cannot disagree with itself.
public enum JournalEvent: Codable, Equatable, Sendable {
    /// The interview began with this context (type, participant…) and these people in their roles.
    case started(context: [String: String], roster: Roster)
    /// An answer was given (or changed) for the question with this key.
    case answered(key: String, value: AnswerValue)
    /// An earlier answer, shown again after a return to the route, was kept.
    case confirmed(key: String)
    /// A `both` question: one practitioner's answer, waiting for the other to agree.
    case proposed(key: String, value: AnswerValue)
    /// A `both` question: the other practitioner agreed with the proposal, so it is the answer.
    case agreed(key: String)
    /// `/handover`: the keyboard passes to this practitioner.
    case handedOver(to: String)
    /// After a concern in a co-run session: this practitioner has read the safeguarding guidance.
    case concernAcknowledged
    /// `/back`: the previous question is open again.
    case wentBack
    case noteAdded(String)
    /// `/concern`: normal questioning stops and the concern outcome is reached.
    case concernRaised(String)
    /// Saved and left: `/pause`, `/quit`, Ctrl-C, Ctrl-D or the end of piped input.
    case paused(reason: String)
    case resumed

    /// A short name for the store's `kind` column and the audit trail.
    public var kind: String {
        switch self {
        case .started: "started"
        case .answered: "answered"
        case .confirmed: "confirmed"
        case .proposed: "proposed"
        case .agreed: "agreed"
        case .handedOver: "handed-over"
        case .concernAcknowledged: "concern-acknowledged"
        case .wentBack: "went-back"
        case .noteAdded: "note"
        case .concernRaised: "concern"
        case .paused: "paused"
        case .resumed: "resumed"
        }
    }
}
