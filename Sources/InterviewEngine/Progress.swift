/// Everything the interview has gathered so far.
public struct Progress: Equatable, Sendable {
    /// The latest answer for every key ever answered, on route or not: off-route answers stay here so a
    /// return to the route can show them for confirmation.
    public var answers: [String: GivenAnswer] = [:]
    /// Questions answered on the current route, in order. `/back` pops from here.
    public var trail: [Cursor] = []
    /// How many times each key is on the trail; a key is on route while its count is positive.
    var onRoute: [String: Int] = [:]
    /// The question being asked now.
    public var current: Cursor?
    /// Messages passed on the way to the current question, shown before it.
    public var pendingMessages: [Message] = []
    /// Who is at the keyboard (a co-run consult hands it over); nil when one person runs the interview.
    public var speaker: String?
    /// A `both` question's answer waiting for the other practitioner to agree.
    public var proposal: Proposal?
    /// After a concern in a co-run session: who has still to acknowledge the guidance.
    public var awaitingAcknowledgement: [String] = []
    public var notes: [Remark] = []
    public var concerns: [Remark] = []
    public var startedAt: Timestamp
    public var updatedAt: Timestamp

    init(startedAt: Timestamp) {
        self.startedAt = startedAt
        self.updatedAt = startedAt
    }
}

/// An answer with who gave it and when.
public struct GivenAnswer: Equatable, Sendable, Codable {
    public var value: AnswerValue
    public var by: String
    public var at: Timestamp
    /// For `both` questions: who agreed with it.
    public var agreedBy: [String] = []
    /// Who typed it, when not the person who gave it (`/as`).
    public var enteredBy: String?
}

/// One practitioner's answer to a `both` question, waiting for the other's agreement.
public struct Proposal: Equatable, Sendable {
    public var key: String
    public var value: AnswerValue
    public var by: String
    public var enteredBy: String?
}

/// A note or a concern, attached to the question that was open when it was made.
public struct Remark: Equatable, Sendable, Codable {
    public var text: String
    public var by: String
    public var at: Timestamp
    /// The key of the question that was open, if any.
    public var during: String?
}
