/// One interview session as stored: which script it pins (version and hash, so an edited script is
/// detected rather than mis-replayed), its answers so far live in `events`.
public struct SessionRow: Sendable, Equatable {
    public var id: String
    public var scriptID: String
    public var scriptVersion: String
    public var scriptHash: String
    public var scriptPath: String
    public var contextJSON: String
    /// "active", "paused" or "finished"; the store does not interpret it.
    public var status: String
    public var outcome: String?
    /// A human readable "where we are", e.g. the current question id, shown when listing sessions.
    public var cursor: String?
    /// Milliseconds since the Unix epoch.
    public var createdAt: Int64
    /// Milliseconds since the Unix epoch.
    public var updatedAt: Int64
    public var recordPath: String?
    /// The microproject this session is a stage of, if any.
    public var microprojectID: String?
    /// The stage of the cycle it runs (focus, safety, plan…), if any.
    public var stage: String?

    public init(
        id: String,
        scriptID: String,
        scriptVersion: String,
        scriptHash: String,
        scriptPath: String,
        contextJSON: String,
        status: String,
        outcome: String? = nil,
        cursor: String? = nil,
        createdAt: Int64,
        updatedAt: Int64,
        recordPath: String? = nil,
        microprojectID: String? = nil,
        stage: String? = nil
    ) {
        self.id = id
        self.scriptID = scriptID
        self.scriptVersion = scriptVersion
        self.scriptHash = scriptHash
        self.scriptPath = scriptPath
        self.contextJSON = contextJSON
        self.status = status
        self.outcome = outcome
        self.cursor = cursor
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.recordPath = recordPath
        self.microprojectID = microprojectID
        self.stage = stage
    }
}
