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
}

/// A note or a concern, attached to the question that was open when it was made.
public struct Remark: Equatable, Sendable, Codable {
    public var text: String
    public var by: String
    public var at: Timestamp
    /// The key of the question that was open, if any.
    public var during: String?
}
