/// An accepted answer.
public enum AnswerValue: Sendable, Equatable, Codable {
    case text(String)
    case yesNo(Bool)
    case choice(String)
    case choices([String])
    case number(Double)
    /// A calendar date as YYYY-MM-DD.
    case date(String)
    /// "Prefer not to say".
    case declined
    /// Left out with `/skip` on an optional question.
    case skipped

    /// The value conditions see; nil for skipped and declined answers.
    public var expressionValue: ExpressionValue? {
        switch self {
        case .text(let s): .string(s)
        case .yesNo(let b): .bool(b)
        case .choice(let c): .string(c)
        case .choices(let c): .set(c)
        case .number(let n): .number(n)
        case .date(let d): .string(d)
        case .declined, .skipped: nil
        }
    }

    /// How the answer reads to a person, using the question's labels.
    public func display(for type: QuestionType?) -> String {
        switch self {
        case .text(let s): return s
        case .yesNo(let b): return b ? "Yes" : "No"
        case .choice(let value): return Self.label(value, in: type)
        case .choices(let values):
            return values.isEmpty ? "None" : values.map { Self.label($0, in: type) }.joined(separator: ", ")
        case .number(let n): return Self.format(n)
        case .date(let d): return d
        case .declined: return "Prefer not to say"
        case .skipped: return "Skipped"
        }
    }

    static func label(_ value: String, in type: QuestionType?) -> String {
        type?.choices.first { $0.value == value }?.label ?? value
    }

    /// Whole numbers print without a decimal point.
    public static func format(_ n: Double) -> String {
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }
}
