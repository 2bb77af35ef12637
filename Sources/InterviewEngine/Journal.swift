/// One thing that happened, in order. The interview state is the replay of these.
public struct JournalEntry: Codable, Equatable, Sendable {
    public var seq: Int
    public var at: Timestamp
    /// Who did it (a practitioner id or role).
    public var actor: String
    public var event: JournalEvent

    public init(seq: Int, at: Timestamp, actor: String, event: JournalEvent) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.event = event
    }
}

/// Inputs only: what the machine derives (the next question, the outcome) is never journaled, so replay
/// cannot disagree with itself.
public enum JournalEvent: Codable, Equatable, Sendable {
    /// The interview began with this context (type, role, participant).
    case started(context: [String: String])
    /// An answer was given (or changed) for the question with this key.
    case answered(key: String, value: AnswerValue)
    /// An earlier answer, shown again after a return to the route, was kept.
    case confirmed(key: String)
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
        case .wentBack: "went-back"
        case .noteAdded: "note"
        case .concernRaised: "concern"
        case .paused: "paused"
        case .resumed: "resumed"
        }
    }
}
