/// One step of a script.
public struct Node: Sendable, Equatable {
    public var id: String
    public var kind: Kind
    /// The node is skipped when this is false.
    public var condition: Expression?
    /// Text to read aloud (the question, or the message). May pipe answers in with `{id}`.
    public var text: String
    /// Guidance for the practitioner only; never read aloud.
    public var guidance: String?
    /// Whom the question is addressed to.
    public var role: String
    /// Sensitive answers are masked in summaries and left out of exports unless asked for.
    public var sensitive: Bool
    /// Where to go next, first match wins; none means the following node.
    public var jumps: [Jump]
    public var location: SourceLocation?

    public enum Kind: Sendable, Equatable {
        /// Asks and waits for an answer.
        case question(Question)
        /// Says something and moves on.
        case message
        /// Ends the interview with a declared outcome.
        case stop(outcome: String)
        /// Repeats its nodes between `min` and `max` times (focus areas 1 to 3).
        case group(Repeat)
    }

    public init(
        id: String,
        kind: Kind,
        condition: Expression? = nil,
        text: String,
        guidance: String? = nil,
        role: String = "practitioner",
        sensitive: Bool = false,
        jumps: [Jump] = [],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.kind = kind
        self.condition = condition
        self.text = text
        self.guidance = guidance
        self.role = role
        self.sensitive = sensitive
        self.jumps = jumps
        self.location = location
    }

    public var question: Question? {
        if case .question(let q) = kind { return q }
        return nil
    }
}

/// A conditional jump to a later node at the same level.
public struct Jump: Sendable, Equatable {
    public var condition: Expression?
    public var target: String
    public init(condition: Expression? = nil, target: String) {
        self.condition = condition
        self.target = target
    }
}

/// A repeated block of nodes.
public struct Repeat: Sendable, Equatable {
    public var min: Int
    public var max: Int
    /// What one repetition is called in prompts ("focus area").
    public var itemName: String
    /// Asked between repetitions once `min` is reached: "Would you like to add another focus area?"
    public var anotherPrompt: String
    /// Said when the block has run `max` times, so nobody types a fourth one at the next question. Without
    /// the script's own words (`at-most:`), `atMostDefault` says it.
    public var atMost: String?
    public var nodes: [Node]

    public init(
        min: Int,
        max: Int,
        itemName: String,
        anotherPrompt: String,
        atMost: String? = nil,
        nodes: [Node]
    ) {
        self.min = min
        self.max = max
        self.itemName = itemName
        self.anotherPrompt = anotherPrompt
        self.atMost = atMost
        self.nodes = nodes
    }

    /// "That makes 3 focus areas, the most there can be here." Every repeat says when it reaches its maximum.
    public var atMostDefault: String {
        let plural = itemName.hasSuffix("s") ? itemName : itemName + "s"
        return max == 1
            ? "That is the one \(itemName) there can be here."
            : "That makes \(max) \(plural), the most there can be here."
    }
}
