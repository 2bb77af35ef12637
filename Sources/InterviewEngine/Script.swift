/// A prompt script as the engine runs it: loaded and checked by PromptScripts, never parsed here.
public struct Script: Sendable, Equatable {
    public var id: String
    public var version: String
    public var title: String
    /// Read aloud when the interview starts.
    public var intro: String?
    /// Every way the interview can end. Stops name one of these.
    public var outcomes: [Outcome]
    /// The outcome reached when someone raises a concern with `/concern`.
    public var concernOutcome: String
    /// Shown when a concern is raised: what to do next under safeguarding procedures.
    public var concernGuidance: String
    public var nodes: [Node] { didSet { shape = ScriptShape(nodes) } }
    /// What the nodes alone say about the question total, worked out once per script (not per interview).
    private(set) var shape: ScriptShape
    /// SHA-256 of the file's bytes, so a session can tell when its script changed underneath it.
    public var contentHash: String

    public init(
        id: String,
        version: String,
        title: String,
        intro: String? = nil,
        outcomes: [Outcome],
        concernOutcome: String,
        concernGuidance: String,
        nodes: [Node],
        contentHash: String = ""
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.intro = intro
        self.outcomes = outcomes
        self.concernOutcome = concernOutcome
        self.concernGuidance = concernGuidance
        self.nodes = nodes
        self.shape = ScriptShape(nodes)
        self.contentHash = contentHash
    }

    public func outcome(_ id: String) -> Outcome? { outcomes.first { $0.id == id } }
}

/// One declared ending of a script.
public struct Outcome: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    /// Read aloud when the outcome is reached.
    public var message: String
    /// For the practitioner only: what to do next.
    public var guidance: String?

    public init(id: String, title: String, message: String, guidance: String? = nil) {
        self.id = id
        self.title = title
        self.message = message
        self.guidance = guidance
    }
}

/// Where a node came from, so engine-side messages can point back at the file.
public struct SourceLocation: Sendable, Equatable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
