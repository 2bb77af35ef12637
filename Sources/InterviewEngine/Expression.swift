/// A condition on earlier answers and on context, as written after `when:` or `if:`.
public indirect enum Expression: Sendable, Equatable {
    case literal(Literal)
    /// An earlier answer, by question id (inside a repeat: this repetition's answer).
    case answer(String)
    /// A context value: `context.type`, `context.role`.
    case context(String)
    /// `answered(id)`: true when the question has a real answer (not skipped or declined).
    case answered(String)
    /// `count(group)`: how many repetitions a group has.
    case count(String)
    case not(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case compare(Comparison, Expression, Expression)

    public enum Comparison: String, Sendable, Equatable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        /// The left side (a several-of answer, or text) contains the right side.
        case contains = "contains"
    }

    public enum Literal: Sendable, Equatable {
        case bool(Bool)
        case number(Double)
        case string(String)
    }
}

/// A value an expression works on.
public enum ExpressionValue: Sendable, Equatable {
    case bool(Bool)
    case number(Double)
    case string(String)
    case set([String])
}

/// Supplies values to `Expression.evaluate`; missing values make comparisons false.
public protocol ExpressionEnvironment {
    func answerValue(_ id: String) -> ExpressionValue?
    func contextValue(_ key: String) -> ExpressionValue?
    func repetitions(_ group: String) -> Int
}

extension Expression {
    /// Missing, skipped or declined answers make every comparison false, so a condition never fires on
    /// an answer nobody gave.
    public func evaluate(in env: some ExpressionEnvironment) -> Bool {
        switch self {
        case .literal(.bool(let b)): return b
        case .literal: return false
        case .answer(let id): return env.answerValue(id) == .bool(true)
        case .context(let key): return env.contextValue(key) == .bool(true)
        case .answered(let id): return env.answerValue(id) != nil
        case .count(let group): return env.repetitions(group) > 0
        case .not(let e): return !e.evaluate(in: env)
        case .and(let a, let b): return a.evaluate(in: env) && b.evaluate(in: env)
        case .or(let a, let b): return a.evaluate(in: env) || b.evaluate(in: env)
        case .compare(let op, let lhs, let rhs):
            guard let l = lhs.value(in: env), let r = rhs.value(in: env) else { return false }
            return Self.compare(op, l, r)
        }
    }

    func value(in env: some ExpressionEnvironment) -> ExpressionValue? {
        switch self {
        case .literal(.bool(let b)): return .bool(b)
        case .literal(.number(let n)): return .number(n)
        case .literal(.string(let s)): return .string(s)
        case .answer(let id): return env.answerValue(id)
        case .context(let key): return env.contextValue(key)
        case .count(let group): return .number(Double(env.repetitions(group)))
        case .answered, .not, .and, .or, .compare: return .bool(evaluate(in: env))
        }
    }

    static func compare(_ op: Comparison, _ l: ExpressionValue, _ r: ExpressionValue) -> Bool {
        switch (op, l, r) {
        case (.equal, _, _): return l == r
        case (.notEqual, _, _): return l != r
        case (.contains, .set(let items), .string(let s)): return items.contains(s)
        case (.contains, .string(let text), .string(let s)): return text.lowercased().contains(s.lowercased())
        case (_, .number(let a), .number(let b)):
            switch op {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            default: return false
            }
        case (_, .string(let a), .string(let b)):
            // Dates are stored as YYYY-MM-DD, so string order is date order.
            switch op {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            default: return false
            }
        default: return false
        }
    }

    /// Every answer id the expression reads, for lint.
    public var answerReferences: [String] {
        switch self {
        case .literal, .context: return []
        case .answer(let id), .answered(let id), .count(let id): return [id]
        case .not(let e): return e.answerReferences
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b):
            return a.answerReferences + b.answerReferences
        }
    }
}
