/// One entry of a session's append-only audit trail. Sequence numbers start at 1 and have no gaps.
public struct EventRow: Sendable, Equatable {
    public var sessionID: String
    public var seq: Int64
    public var kind: String
    public var actor: String
    /// Milliseconds since the Unix epoch.
    public var at: Int64
    /// JSON made by the caller; the store keeps it verbatim.
    public var payload: String

    public init(sessionID: String, seq: Int64, kind: String, actor: String, at: Int64, payload: String) {
        self.sessionID = sessionID
        self.seq = seq
        self.kind = kind
        self.actor = actor
        self.at = at
        self.payload = payload
    }
}
