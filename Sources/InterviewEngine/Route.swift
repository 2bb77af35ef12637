/// Works out where the interview goes next from the answers on the route. Pure: same answers, same route.
struct Route {
    let script: Script
    let env: RouteEnvironment

    /// What the walk found.
    enum Stop: Equatable {
        case question(Cursor, messages: [Message])
        case outcome(Node, Cursor, messages: [Message])
        /// The script ran past its last node; lint refuses such scripts, so this is a script bug.
        case ranOff(messages: [Message])
    }

    /// The first stopping point from the start of the script.
    func first() -> Stop { settle(Cursor(top: 0), messages: []) }

    /// The next stopping point after the question at `cursor` was answered.
    func next(after cursor: Cursor) -> Stop {
        if let (_, group) = script.group(at: cursor), let inner = cursor.inner, inner == group.nodes.count {
            let again = env.answer(script.key(at: cursor)) == .yesNo(true)
            let iteration = cursor.iteration ?? 1
            return again
                ? settle(Cursor(top: cursor.top, iteration: iteration + 1, inner: 0), messages: [])
                : settle(afterGroup(cursor.top), messages: [])
        }
        return settle(following(cursor), messages: [])
    }

    /// Follows the node's jumps, first match wins; else the next node at the same level.
    func following(_ cursor: Cursor) -> Cursor {
        guard let node = script.node(at: cursor) else { return cursor }
        let scoped = env.scoped(to: cursor)
        for jump in node.jumps where jump.condition?.evaluate(in: scoped) ?? true {
            if cursor.inner != nil, let (_, group) = script.group(at: cursor),
                let target = group.nodes.firstIndex(where: { $0.id == jump.target })
            {
                return Cursor(top: cursor.top, iteration: cursor.iteration, inner: target)
            }
            if cursor.inner == nil, let target = script.nodes.firstIndex(where: { $0.id == jump.target }) {
                return Cursor(top: target)
            }
        }
        var next = cursor
        if let inner = cursor.inner { next.inner = inner + 1 } else { next.top += 1 }
        return next
    }

    /// A group's own jumps apply once it is done.
    func afterGroup(_ top: Int) -> Cursor {
        following(Cursor(top: top))
    }

    private func settle(_ start: Cursor, messages: [Message]) -> Stop {
        var cursor = start
        var said = messages
        while true {
            if cursor.inner == nil {
                guard cursor.top < script.nodes.count else { return .ranOff(messages: said) }
            } else if let (_, group) = script.group(at: cursor), let inner = cursor.inner,
                inner >= group.nodes.count
            {
                let done = cursor.iteration ?? 1
                if done < group.min {
                    cursor = Cursor(top: cursor.top, iteration: done + 1, inner: 0)
                    continue
                }
                if done >= group.max {
                    // Reaching the maximum is said, in the script's words when it has them.
                    if group.max > group.min {
                        said.append(Message(text: env.pipe(group.atMost ?? group.atMostDefault, at: cursor)))
                    }
                    cursor = afterGroup(cursor.top)
                    continue
                }
                return .question(Cursor(top: cursor.top, iteration: done, inner: group.nodes.count), messages: said)
            }
            guard let node = script.node(at: cursor) else { return .ranOff(messages: said) }
            let scoped = env.scoped(to: cursor)
            if let condition = node.condition, !condition.evaluate(in: scoped) {
                if cursor.inner != nil { cursor.inner! += 1 } else { cursor.top += 1 }
                continue
            }
            switch node.kind {
            case .question:
                return .question(cursor, messages: said)
            case .message:
                said.append(
                    Message(
                        text: env.pipe(node.text, at: cursor),
                        guidance: node.guidance.map { env.pipe($0, at: cursor) }
                    )
                )
                cursor = following(cursor)
            case .stop:
                return .outcome(node, cursor, messages: said)
            case .group:
                cursor = Cursor(top: cursor.top, iteration: 1, inner: 0)
            }
        }
    }
}
