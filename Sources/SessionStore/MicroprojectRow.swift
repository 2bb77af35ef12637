/// A microproject as the store lists it. Its history is `microproject_events`; this row is the latest
/// projection of it, kept for listing without a replay.
public struct MicroprojectRow: Sendable, Equatable {
    public var id: String
    public var practitionerID: String
    public var status: String
    public var stage: String
    /// A small JSON object for lists (type, participant code, planned end).
    public var summaryJSON: String
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String,
        practitionerID: String,
        status: String,
        stage: String,
        summaryJSON: String,
        createdAt: Int64,
        updatedAt: Int64
    ) {
        self.id = id
        self.practitionerID = practitionerID
        self.status = status
        self.stage = stage
        self.summaryJSON = summaryJSON
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One entry of a microproject's own journal (stage completed, paused, escalation reviewed…).
public struct MicroprojectEventRow: Sendable, Equatable {
    public var microprojectID: String
    public var seq: Int64
    public var kind: String
    public var actor: String
    public var at: Int64
    public var payload: String

    public init(microprojectID: String, seq: Int64, kind: String, actor: String, at: Int64, payload: String) {
        self.microprojectID = microprojectID
        self.seq = seq
        self.kind = kind
        self.actor = actor
        self.at = at
        self.payload = payload
    }
}
