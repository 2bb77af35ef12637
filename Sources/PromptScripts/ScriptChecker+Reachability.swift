import InterviewEngine
import Yams

extension ScriptChecker {
    /// Finds nodes no route reaches, and routes that run past the last node without an outcome.
    func checkReachability(_ nodes: [InterviewEngine.Node], top: Int?) {
        guard !nodes.isEmpty else { return }
        let end = nodes.count
        func successors(_ i: Int) -> [Int] {
            let node = nodes[i]
            // A node with `when:` may be skipped, so the next node is always a successor.
            var out = node.condition == nil ? [] : [i + 1]
            if case .stop = node.kind { return out }
            for jump in node.jumps {
                if let t = nodes.firstIndex(where: { $0.id == jump.target }), t > i { out.append(t) }
                if jump.condition == nil { return out }
            }
            out.append(i + 1)
            return out
        }
        var seen: Set<Int> = [0]
        var stack = [0]
        while let i = stack.popLast() {
            guard i < end else { continue }
            for s in successors(i) where seen.insert(s).inserted { stack.append(s) }
        }
        for (i, node) in nodes.enumerated() where !seen.contains(i) {
            report.error(
                at: yaml(node.id),
                "no route reaches this node",
                node: node.id,
                fix: "remove it, or change the 'next:' or 'stop' before it so the interview can get here"
            )
        }
        if top == nil, seen.contains(end) {
            let last = nodes[end - 1]
            report.error(
                at: yaml(last.id),
                "the interview can run past the last node without reaching an outcome",
                node: last.id,
                fix:
                    "end the script with a stop node, e.g. '- id: done' and 'stop: \(script.outcomes.first?.id ?? "an-outcome")'"
            )
        }
    }
}
