/// What the route sees: on-route answers only, so an answer that fell off the route never steers it.
struct RouteEnvironment {
    let script: Script
    let context: [String: String]
    let progress: Progress

    func answer(_ key: String) -> AnswerValue? {
        guard progress.onRoute[key, default: 0] > 0 else { return nil }
        return progress.answers[key]?.value
    }

    func repetitions(_ groupID: String) -> Int {
        guard let top = script.nodes.firstIndex(where: { $0.id == groupID }) else { return 0 }
        return progress.trail.reversed().first { $0.top == top }?.iteration ?? 0
    }

    func scoped(to cursor: Cursor) -> Scoped { Scoped(env: self, cursor: cursor) }

    /// Replaces `{id}` with the answer's words and `{#}` with the repetition number.
    func pipe(_ text: String, at cursor: Cursor) -> String {
        guard text.contains("{") else { return text }
        let scoped = scoped(to: cursor)
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if name == "#" {
                out += cursor.iteration.map(String.init) ?? ""
            } else if name.hasPrefix("context.") {
                out += context[String(name.dropFirst(8))] ?? ""
            } else if let (value, type) = scoped.given(name) {
                out += value.display(for: type)
            } else {
                out += "{\(name)}"
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Context keys whose values restate sensitive answers (named by the reserved context key
    /// `sensitive-context`, comma separated).
    var sensitiveContext: Set<String> {
        Set((context[InterviewStateMachine.sensitiveContextKey] ?? "").split(separator: ",").map(String.init))
    }

    /// True when `text` pipes in a sensitive answer or a sensitive context value: a question that restates a
    /// sensitive answer is itself sensitive.
    func pipesSensitive(_ text: String, at cursor: Cursor) -> Bool {
        guard text.contains("{") else { return false }
        let hidden = sensitiveContext
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if name.hasPrefix("context.") {
                if hidden.contains(String(name.dropFirst(8))) { return true }
            } else if let node = scoped(to: cursor).node(name), node.sensitive {
                return true
            }
            rest = rest[rest.index(after: close)...]
        }
        return false
    }

    /// Resolves names the way authors write them: inside a repeat, a sibling id means this repetition's answer.
    struct Scoped: ExpressionEnvironment {
        let env: RouteEnvironment
        let cursor: Cursor

        func given(_ id: String) -> (AnswerValue, QuestionType?)? {
            if let iteration = cursor.iteration, let (groupNode, group) = env.script.group(at: cursor),
                let inner = group.nodes.first(where: { $0.id == id })
            {
                let key = "\(groupNode.id).\(iteration).\(id)"
                return env.answer(key).map { ($0, inner.question?.type) }
            }
            guard let node = env.script.nodes.first(where: { $0.id == id }) else { return nil }
            return env.answer(id).map { ($0, node.question?.type) }
        }

        /// The node an id names here: inside a repeat, a sibling id means the sibling.
        func node(_ id: String) -> Node? {
            if cursor.iteration != nil, let (_, group) = env.script.group(at: cursor),
                let inner = group.nodes.first(where: { $0.id == id })
            {
                return inner
            }
            return env.script.nodes.first(where: { $0.id == id })
        }

        /// Only the value: no search of the script for the node's type, which a long script makes slow.
        func answerValue(_ id: String) -> ExpressionValue? {
            if let iteration = cursor.iteration, let (groupNode, group) = env.script.group(at: cursor),
                group.nodes.contains(where: { $0.id == id })
            {
                return env.answer("\(groupNode.id).\(iteration).\(id)")?.expressionValue
            }
            return env.answer(id)?.expressionValue
        }

        func contextValue(_ key: String) -> ExpressionValue? {
            guard let raw = env.context[key] else { return nil }
            if let n = Double(raw) { return .number(n) }
            return .string(raw)
        }

        func repetitions(_ group: String) -> Int { env.repetitions(group) }
    }
}
