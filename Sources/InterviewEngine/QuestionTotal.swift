/// What the script alone says about how many questions an interview asks, worked out once per machine so a
/// prompt's total costs a short walk, not a walk of the whole script.
struct ScriptShape: Equatable, Sendable {
    /// The count when no node has a condition, a jump or a repeat: nothing can change it.
    let exactly: Int?
    /// For each top-level node: where the run of plain nodes starting there ends (the first node with a condition,
    /// a jump, a repeat or a stop), and how many questions the run asks.
    let plainRunEnd: [Int]
    let plainRunQuestions: [Int]
    /// For a top-level question or message whose only say in the route is a condition (no jump): the condition,
    /// and whether it asks. The walk reads these without touching the node.
    let onlyCondition: [Expression?]
    let asks: [Bool]

    init(_ nodes: [Node]) {
        var end = [Int](repeating: nodes.count, count: nodes.count)
        var questions = [Int](repeating: 0, count: nodes.count)
        for i in nodes.indices.reversed() {
            let node = nodes[i]
            let plain: Bool
            switch node.kind {
            case .question, .message: plain = node.condition == nil && node.jumps.isEmpty
            case .stop, .group: plain = false
            }
            guard plain else {
                end[i] = i
                continue
            }
            let isQuestion = node.question != nil ? 1 : 0
            end[i] = i + 1 < nodes.count ? end[i + 1] : nodes.count
            questions[i] = isQuestion + (i + 1 < nodes.count ? questions[i + 1] : 0)
        }
        plainRunEnd = end
        plainRunQuestions = questions
        onlyCondition = nodes.map { node in
            switch node.kind {
            case .question, .message: node.jumps.isEmpty ? node.condition : nil
            case .stop, .group: nil
            }
        }
        asks = nodes.map { $0.question != nil }
        // Fixed when every node up to the first stop is plain (what follows an unconditional stop is never asked).
        let firstStop = nodes.firstIndex { if case .stop = $0.kind { true } else { false } } ?? nodes.count
        let fixed = nodes.isEmpty || (end[0] == firstStop)
        exactly = fixed ? (nodes.isEmpty ? 0 : questions[0]) : nil
    }
}

extension InterviewStateMachine {
    /// How many questions the interview asks in all, counting the open one: exact when nothing can change the
    /// count; else the questions answered on the route, this one, and those a walk forward from here reaches if
    /// no later question were answered (conditions read the answers so far, repeats run at their minimum).
    func total(at p: Progress) -> QuestionTotal? {
        if let n = shape.exactly { return .exactly(n) }
        guard let cursor = p.current else { return nil }
        return .about(p.trail.count + 1 + route(p).questionsAfter(cursor, shape: shape))
    }
}

extension Route {
    /// The questions a walk from the question at `cursor` reaches after it, if it and every later question took
    /// no answer. Runs of plain nodes are stepped over in one go.
    func questionsAfter(_ cursor: Cursor, shape: ScriptShape) -> Int {
        var count = 0
        var at: Cursor
        if let (_, group) = script.group(at: cursor), let inner = cursor.inner, inner == group.nodes.count {
            at = afterGroup(cursor.top)  // "add another?" taking no answer: no more repetitions
        } else {
            at = following(cursor)
        }
        // At the top level a name means the same answer whatever the node, so one scope serves them all.
        let top = env.scoped(to: Cursor(top: 0))
        while true {
            if at.inner == nil {
                guard at.top < script.nodes.count else { return count }
                let end = shape.plainRunEnd[at.top]
                if end > at.top {
                    count += shape.plainRunQuestions[at.top]
                    at.top = end
                    continue
                }
                if let condition = shape.onlyCondition[at.top] {
                    if shape.asks[at.top], condition.evaluate(in: top) { count += 1 }
                    at.top += 1
                    continue
                }
            } else if let (_, group) = script.group(at: at), let inner = at.inner, inner >= group.nodes.count {
                let done = at.iteration ?? 1
                if done < group.min {
                    at = Cursor(top: at.top, iteration: done + 1, inner: 0)
                    continue
                }
                if done < group.max { count += 1 }  // "add another?", answered no
                at = afterGroup(at.top)
                continue
            }
            guard let node = script.node(at: at) else { return count }
            if let condition = node.condition, !condition.evaluate(in: env.scoped(to: at)) {
                if at.inner != nil { at.inner! += 1 } else { at.top += 1 }
                continue
            }
            switch node.kind {
            case .question:
                count += 1
                at = following(at)
            case .message:
                at = following(at)
            case .stop:
                return count
            case .group:
                at = Cursor(top: at.top, iteration: 1, inner: 0)
            }
        }
    }
}

#if DEBUG
/// Counts the prompts built on this task, so a test can check an event builds its prompt once.
final class PromptCount: @unchecked Sendable {
    var built = 0
    @TaskLocal static var current: PromptCount?
}
#endif
