import InterviewEngine
import Yams

extension ScriptChecker {
    /// The types a condition works with.
    enum ValueType: Equatable {
        case bool, number, text, date
        case choice([String])
        case set([String])

        var name: String {
            switch self {
            case .bool: "yes-no"
            case .number: "number"
            case .text: "text"
            case .date: "date"
            case .choice: "one-of choice"
            case .set: "several-of choice"
            }
        }
    }

    /// Context values the program supplies.
    static var contextTypes: [String: ValueType] { ScriptContext.types }
}

/// The context values the program gives scripts, and their kinds.
public enum ScriptContext {
    /// Names whose values must be numbers; the rest are text.
    public static let numeric: Set<String> = ["type", "suggested", "session", "planned"]
    public static var names: [String] { types.keys.sorted() }

    static let types: [String: ScriptChecker.ValueType] = [
        "type": .number, "suggested": .number, "session": .number, "planned": .number, "level": .text,
        "role": .text, "participant": .text, "stage": .text, "type-title": .text, "suggested-title": .text,
        "suggested-reason": .text, "tracker": .text, "practitioner": .text, "closure-open": .text, "priorities": .text,
        "closure-open-items": .text, "sessions-open": .text, "six-months": .date,
    ]
}

extension ScriptChecker {

    /// Parses, resolves and type-checks one condition, then puts it on its node.
    mutating func attach(_ pending: PendingCondition) {
        guard case .scalar(let scalar) = pending.yaml else {
            report.error(
                at: pending.yaml,
                "a condition should be one line of text",
                node: pending.nodeID,
                fix: "write e.g. \"when: crisis == yes\""
            )
            return
        }
        var expression: Expression
        let span: ExpressionParser.Span
        do {
            (expression, span) = try ExpressionParser.parseLocated(scalar.string)
        } catch {
            report.error(
                at: pending.yaml,
                "cannot read the condition: \(error.message)",
                node: pending.nodeID,
                fix: "write conditions like 'crisis == yes', 'context.type >= 3' or 'answered(notes)'",
                within: error.offset..<error.offset
            )
            expression = .literal(.bool(false))
            place(expression, for: pending)
            return
        }
        let problemsBefore = report.diagnostics.count
        _ = check(&expression, span, pending: pending, wantBool: true)
        if report.diagnostics.count > problemsBefore { expression = .literal(.bool(false)) }
        place(expression, for: pending)
    }

    private mutating func place(_ expression: Expression, for pending: PendingCondition) {
        func update(_ node: inout InterviewEngine.Node) {
            if let j = pending.jumpIndex { node.jumps[j].condition = expression } else { node.condition = expression }
        }
        // With a repeated id the place may be another node's (whose 'next' rules differ); the script is refused
        // for the id anyway, so the condition is checked but put nowhere.
        guard !repeatedIDs.contains(pending.nodeID), let place = places[pending.nodeID] else { return }
        if let inner = place.inner, case .group(var g) = attaching[place.top].kind {
            update(&g.nodes[inner])
            attaching[place.top].kind = .group(g)
        } else {
            update(&attaching[place.top])
        }
    }

    /// Returns the type of `e`, reporting what does not fit at the part of the condition it is about (`span` says
    /// where each part was written). Bare words next to a choice become its values.
    private func check(
        _ e: inout Expression,
        _ span: ExpressionParser.Span,
        pending: PendingCondition,
        wantBool: Bool
    ) -> ValueType? {
        func fail(_ message: String, _ fix: String) -> ValueType? {
            report.error(at: pending.yaml, message, node: pending.nodeID, fix: fix, within: span.range)
            return nil
        }
        func child(_ i: Int) -> ExpressionParser.Span { i < span.children.count ? span.children[i] : span }
        switch e {
        case .literal(.bool): return .bool
        case .literal(.number): return .number
        case .literal(.string): return .text
        case .context(let key):
            guard let t = Self.contextTypes[key] else {
                return fail(
                    "unknown context value 'context.\(key)'",
                    "use one of: \(Self.contextTypes.keys.sorted().map { "context.\($0)" }.joined(separator: ", "))"
                )
            }
            return t
        case .answered(let id):
            return answerType(id, span, pending: pending) == nil ? nil : .bool
        case .count(let id):
            guard let place = places[id], case .group = place.node.kind else {
                return fail("count(\(id)) needs the id of a repeat", "use count() with a 'repeat:' node's id")
            }
            return .number
        case .answer(let id):
            guard let t = answerType(id, span, pending: pending) else { return nil }
            if wantBool, t != .bool {
                return fail(
                    "'\(id)' is a \(t.name) question, so it cannot stand alone as a condition",
                    "compare it, e.g. '\(id) == \(example(t))'"
                )
            }
            return t
        case .not(var inner):
            let t = check(&inner, child(0), pending: pending, wantBool: true)
            e = .not(inner)
            return t == nil ? nil : .bool
        case .and(var a, var b), .or(var a, var b):
            let isAnd = if case .and = e { true } else { false }
            let ta = check(&a, child(0), pending: pending, wantBool: true)
            let tb = check(&b, child(1), pending: pending, wantBool: true)
            e = isAnd ? .and(a, b) : .or(a, b)
            return ta == nil || tb == nil ? nil : .bool
        case .compare(let op, var lhs, var rhs):
            let tl = check(&lhs, child(0), pending: pending, wantBool: false, bareWordsOK: false)
            let tr = check(&rhs, child(1), pending: pending, wantBool: false, bareWordsOK: true, against: tl)
            e = .compare(op, lhs, rhs)
            guard let tl, let tr else { return nil }
            return compatible(op, tl, tr, rhs: rhs, pending: pending, at: span, rhsAt: child(1)) ? .bool : nil
        }
    }

    /// The right side of a comparison may be a bare choice value: `area == family`.
    private func check(
        _ e: inout Expression,
        _ span: ExpressionParser.Span,
        pending: PendingCondition,
        wantBool: Bool,
        bareWordsOK: Bool,
        against other: ValueType? = nil
    ) -> ValueType? {
        if bareWordsOK, case .answer(let word) = e, places[word] == nil {
            e = .literal(.string(word))
            return .text
        }
        return check(&e, span, pending: pending, wantBool: wantBool)
    }

    private func compatible(
        _ op: Expression.Comparison,
        _ l: ValueType,
        _ r: ValueType,
        rhs: Expression,
        pending: PendingCondition,
        at span: ExpressionParser.Span,
        rhsAt rhsSpan: ExpressionParser.Span
    ) -> Bool {
        /// Problems with the operator point at it; problems with the value compared against point at the value.
        func fail(_ message: String, _ fix: String, atValue: Bool = false) -> Bool {
            let range = atValue ? rhsSpan.range : span.range
            report.error(at: pending.yaml, message, node: pending.nodeID, fix: fix, within: range)
            return false
        }
        let literal: String? = if case .literal(.string(let s)) = rhs { s } else { nil }
        switch (op, l) {
        case (.contains, .set(let values)), (.equal, .choice(let values)), (.notEqual, .choice(let values)):
            guard let literal else {
                if case .choice = r, case .choice = l { return true }
                return fail(
                    "compare a choice with one of its values",
                    "e.g. 'answer \(op.rawValue) \(values.first ?? "value")'",
                    atValue: true
                )
            }
            if !values.contains(literal) {
                return fail(
                    "'\(literal)' is not one of the declared choices",
                    "use one of: \(values.joined(separator: ", "))",
                    atValue: true
                )
            }
            return true
        case (.contains, .text):
            return r == .text
                ? true
                : fail("'contains' on text needs text on the right", "e.g. notes contains 'school'", atValue: true)
        case (.contains, _):
            return fail("'contains' works on several-of answers and text, not on a \(l.name)", "use == or != instead")
        case (_, .choice), (_, .set):
            return fail("'\(op.rawValue)' cannot compare a \(l.name)", "use ==, != (one-of) or contains (several-of)")
        case (.equal, .bool), (.notEqual, .bool):
            return r == .bool
                ? true
                : fail(
                    "a yes-no answer compares with yes or no, not \(literal.map { "'\($0)'" } ?? "a \(r.name)")",
                    "write e.g. '== yes' or '== no'",
                    atValue: true
                )
        case (.equal, _), (.notEqual, _):
            if l == .date, r == .text, let literal, CivilTime.isValidDay(literal) { return true }
            return l == r
                ? true
                : fail(
                    "cannot compare a \(l.name) with a \(r.name)",
                    "compare like with like, e.g. a number with a number",
                    atValue: true
                )
        default:
            if l == .number, r == .number { return true }
            if l == .date, r == .date { return true }
            if l == .date, r == .text, let literal, CivilTime.isValidDay(literal) { return true }
            return fail(
                "'\(op.rawValue)' needs numbers or dates on both sides, not a \(l.name) and a \(r.name)",
                "write e.g. 'count >= 2' or \"end-date < '2026-12-31'\""
            )
        }
    }

    /// The type of an earlier question, reporting references to unknown or later questions.
    private func answerType(_ id: String, _ span: ExpressionParser.Span, pending: PendingCondition) -> ValueType? {
        guard let target = places[id], let user = places[pending.nodeID] else {
            let known = places.values.filter { $0.node.question != nil }.map(\.node.id).sorted()
            let close = closest(id, in: known)
            report.error(
                at: pending.yaml,
                "the condition refers to '\(id)', which is not a question in this script",
                node: pending.nodeID,
                fix: close.map { "did you mean '\($0)'?" } ?? "use the id of an earlier question",
                within: span.range
            )
            return nil
        }
        guard let question = target.node.question else {
            report.error(
                at: pending.yaml,
                "'\(id)' is not a question, so it has no answer",
                node: pending.nodeID,
                fix: "refer to a question's id",
                within: span.range
            )
            return nil
        }
        let sameGroup = target.inner != nil && target.top == user.top && user.inner != nil
        let before: Bool
        if sameGroup {
            before = target.inner! < user.inner! || (target.inner == user.inner && pending.field == "next")
        } else if target.inner != nil {
            report.error(
                at: pending.yaml,
                "'\(id)' is inside a repeat, so it has one answer per repetition",
                node: pending.nodeID,
                fix: "use it only within the same repeat, or count(\(attaching[target.top].id)) outside it",
                within: span.range
            )
            return nil
        } else {
            before = target.top < user.top || (target.top == user.top && pending.field == "next")
        }
        if !before {
            report.error(
                at: pending.yaml,
                "the condition uses '\(id)', which is asked later",
                node: pending.nodeID,
                fix: "conditions can only use answers given before this point",
                within: span.range,
                notes: [report.note(at: yaml(id)?[field: "id"], "'\(id)' is asked here")]
            )
            return nil
        }
        switch question.type {
        case .yesNo: return .bool
        case .number, .scale: return .number
        case .shortText, .longText: return .text
        case .date: return .date
        case .oneOf(let c): return .choice(c.map(\.value))
        case .severalOf(let c, _, _): return .set(c.map(\.value))
        }
    }

    private func example(_ t: ValueType) -> String {
        switch t {
        case .choice(let v), .set(let v): v.first ?? "value"
        case .number: "3"
        case .date: "'2026-12-31'"
        default: "'text'"
        }
    }
}
