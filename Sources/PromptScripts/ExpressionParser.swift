import InterviewEngine

/// Parses the condition language: `crisis == yes and not (context.type < 3)`, `answered(x)`,
/// `count(focus-areas) >= 2`, `worries contains 'sleep'`.
package struct ExpressionParser {
    package struct Failure: Error, Equatable {
        /// 0-based offset in Unicode scalars where the problem is.
        package var offset: Int
        package var message: String
    }

    /// Words, values and symbols a condition may hold. Real conditions hold a few dozen; the cap keeps the
    /// recursive parser, checker and evaluator far from the end of the stack on a hostile file.
    package static let maxTokens = 200

    enum Token: Equatable {
        case name(String)
        case number(Double)
        case string(String)
        case symbol(String)
        case end
    }

    /// Where each part of a parsed condition was written, in the same shape as the expression: a value's own
    /// token, an operator's token with its operands as children (`not x` has one child, `a and b` two), and for
    /// `answered(x)` and `count(x)` the id inside the brackets. Offsets are in Unicode scalars of the source.
    package struct Span: Equatable, Sendable {
        package var range: Range<Int>
        package var children: [Span] = []
    }

    private var tokens: [(token: Token, range: Range<Int>)] = []
    private var index = 0

    package static func parse(_ source: String) throws(Failure) -> Expression {
        try parseLocated(source).expression
    }

    /// The expression and where each of its parts sits in `source`, for messages that point at the bad operand.
    package static func parseLocated(_ source: String) throws(Failure) -> (expression: Expression, span: Span) {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(source)
        let expr = try parser.parseOr()
        guard case .end = parser.peek else {
            throw Failure(
                offset: parser.offset,
                message: "unexpected \(describe(parser.peek)) after a complete condition"
            )
        }
        return expr
    }

    private var peek: Token { tokens[index].token }
    private var offset: Int { tokens[index].range.lowerBound }
    private var range: Range<Int> { tokens[index].range }

    private mutating func take() -> Token {
        defer { index += 1 }
        return tokens[index].token
    }

    private typealias Parsed = (expression: Expression, span: Span)

    private mutating func parseOr() throws(Failure) -> Parsed {
        var lhs = try parseAnd()
        while peek == .name("or") {
            let at = range
            index += 1
            let rhs = try parseAnd()
            lhs = (.or(lhs.expression, rhs.expression), Span(range: at, children: [lhs.span, rhs.span]))
        }
        return lhs
    }

    private mutating func parseAnd() throws(Failure) -> Parsed {
        var lhs = try parseNot()
        while peek == .name("and") {
            let at = range
            index += 1
            let rhs = try parseNot()
            lhs = (.and(lhs.expression, rhs.expression), Span(range: at, children: [lhs.span, rhs.span]))
        }
        return lhs
    }

    private mutating func parseNot() throws(Failure) -> Parsed {
        if peek == .name("not") {
            let at = range
            index += 1
            let inner = try parseNot()
            return (.not(inner.expression), Span(range: at, children: [inner.span]))
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(Failure) -> Parsed {
        let lhs = try parseTerm()
        let op: Expression.Comparison?
        switch peek {
        case .symbol(let s): op = Expression.Comparison(rawValue: s == "=" ? "==" : s)
        case .name("contains"): op = .contains
        default: op = nil
        }
        guard let op else { return lhs }
        let at = range
        index += 1
        let rhs = try parseTerm()
        return (.compare(op, lhs.expression, rhs.expression), Span(range: at, children: [lhs.span, rhs.span]))
    }

    private mutating func parseTerm() throws(Failure) -> Parsed {
        let at = offset
        let here = Span(range: range)
        switch take() {
        case .number(let n): return (.literal(.number(n)), here)
        case .string(let s): return (.literal(.string(s)), here)
        case .symbol("("):
            let inner = try parseOr()
            guard take() == .symbol(")") else { throw Failure(offset: at, message: "this '(' is never closed") }
            return inner
        case .name(let word):
            switch word {
            case "yes", "true": return (.literal(.bool(true)), here)
            case "no", "false": return (.literal(.bool(false)), here)
            case "answered", "count":
                guard take() == .symbol("(") else { throw Failure(offset: at, message: "write \(word)(question-id)") }
                let inside = Span(range: range)
                guard case .name(let id) = take(), take() == .symbol(")") else {
                    throw Failure(offset: at, message: "write \(word)(question-id)")
                }
                return (word == "count" ? .count(id) : .answered(id), inside)
            default:
                if word.hasPrefix("context.") { return (.context(String(word.dropFirst(8))), here) }
                return (.answer(word), here)
            }
        case let other:
            throw Failure(
                offset: at,
                message: "expected a question id, a value or '(' but found \(Self.describe(other))"
            )
        }
    }

    static func describe(_ token: Token) -> String {
        switch token {
        case .name(let n): "'\(n)'"
        case .number(let n): "the number \(AnswerValue.format(n))"
        case .string(let s): "the text '\(s)'"
        case .symbol(let s): "'\(s)'"
        case .end: "the end of the condition"
        }
    }

    static func tokenize(_ source: String) throws(Failure) -> [(token: Token, range: Range<Int>)] {
        let scalars = Array(source.unicodeScalars)
        var out: [(token: Token, range: Range<Int>)] = []
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" }
        func isNamePart(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c == "-" || c == "."
        }
        while i < scalars.count {
            let c = scalars[i]
            if c.properties.isWhitespace {
                i += 1
                continue
            }
            let start = i
            guard out.count < maxTokens else {
                throw Failure(
                    offset: start,
                    message: "the condition is longer than \(maxTokens) words, values and symbols"
                )
            }
            if isNameStart(c) {
                while i < scalars.count, isNamePart(scalars[i]) { i += 1 }
                out.append((.name(String(String.UnicodeScalarView(scalars[start..<i]))), start..<i))
            } else if c.properties.numericType != nil {
                while i < scalars.count, scalars[i].properties.numericType != nil || scalars[i] == "." { i += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<i]))
                guard let n = Double(text) else { throw Failure(offset: start, message: "'\(text)' is not a number") }
                out.append((.number(n), start..<i))
            } else if c == "'" || c == "\"" {
                i += 1
                while i < scalars.count, scalars[i] != c { i += 1 }
                guard i < scalars.count else { throw Failure(offset: start, message: "this quote is never closed") }
                i += 1
                out.append((.string(String(String.UnicodeScalarView(scalars[(start + 1)..<(i - 1)]))), start..<i))
            } else if "=!<>".unicodeScalars.contains(c) {
                i += 1
                if i < scalars.count, scalars[i] == "=" { i += 1 }
                let op = String(String.UnicodeScalarView(scalars[start..<i]))
                guard ["=", "==", "!=", "<", "<=", ">", ">="].contains(op) else {
                    throw Failure(offset: start, message: "'\(op)' is not an operator; use ==, !=, <, <=, > or >=")
                }
                out.append((.symbol(op), start..<i))
            } else if c == "(" || c == ")" {
                i += 1
                out.append((.symbol(String(c)), start..<i))
            } else {
                throw Failure(offset: start, message: "'\(c)' cannot be used in a condition")
            }
        }
        out.append((.end, scalars.count..<scalars.count))
        return out
    }
}
