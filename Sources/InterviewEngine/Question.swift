/// What a question accepts, and how strictly.
public struct Question: Sendable, Equatable {
    public var type: QuestionType
    public var required: Bool
    /// Offers "prefer not to say" as an answer.
    public var preferNotToSay: Bool
    public var validations: [Validation]
    /// What Enter gives when there is no earlier answer, as a person would type it ("6"); shown with the question.
    public var defaultAnswer: String?

    public init(
        type: QuestionType,
        required: Bool = true,
        preferNotToSay: Bool = false,
        validations: [Validation] = [],
        defaultAnswer: String? = nil
    ) {
        self.type = type
        self.required = required
        self.preferNotToSay = preferNotToSay
        self.validations = validations
        self.defaultAnswer = defaultAnswer
    }
}

public enum QuestionType: Sendable, Equatable {
    case shortText
    case longText
    case yesNo
    case oneOf([Choice])
    case severalOf([Choice], min: Int, max: Int)
    case number(min: Double?, max: Double?, wholeOnly: Bool)
    case date
    case scale(min: Int, max: Int, minLabel: String?, maxLabel: String?)

    /// The word used in lint messages, graphs and records.
    public var name: String {
        switch self {
        case .shortText: "text"
        case .longText: "long-text"
        case .yesNo: "yes-no"
        case .oneOf: "one-of"
        case .severalOf: "several-of"
        case .number: "number"
        case .date: "date"
        case .scale: "scale"
        }
    }

    public var choices: [Choice] {
        switch self {
        case .oneOf(let c), .severalOf(let c, _, _): c
        default: []
        }
    }
}

/// One option of a choice question: `value` goes in the record and conditions, `label` is shown.
public struct Choice: Sendable, Equatable {
    public var value: String
    public var label: String
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// An author's rule with the author's own message.
public struct Validation: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        case minLength(Int)
        case maxLength(Int)
        /// A Swift regular expression the whole answer must match.
        case pattern(String)
        /// For dates: not earlier than the day the answer is given.
        case notInPast
        /// For dates: not later than the day the answer is given.
        case notInFuture
        /// The answer must be one of the comma-separated values the program gives as `context.NAME` (for example
        /// the planned sessions not logged yet). Without that context value, any answer passes.
        case inContext(String)
    }
    public var rule: Rule
    public var message: String
    public init(rule: Rule, message: String) {
        self.rule = rule
        self.message = message
    }
}
