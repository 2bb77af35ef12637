import InterviewEngine

/// The flow of a script as a picture: Graphviz DOT or Mermaid.
public enum ScriptGraph {
    public enum Format: String, CaseIterable, Sendable { case dot, mermaid }

    struct Edge: Equatable {
        var from: String
        var to: String
        var label: String?
    }

    public static func render(_ script: Script, format: Format) -> String {
        let edges = edges(script)
        switch format {
        case .dot: return dot(script, edges)
        case .mermaid: return mermaid(script, edges)
        }
    }

    static func edges(_ script: Script) -> [Edge] {
        var out: [Edge] = [Edge(from: "start", to: script.nodes.first?.id ?? "start", label: nil)]
        func walk(_ nodes: [InterviewEngine.Node], exit: String?) {
            for (i, node) in nodes.enumerated() {
                let following = i + 1 < nodes.count ? nodes[i + 1].id : exit
                if node.condition != nil, let following {
                    out.append(Edge(from: node.id, to: following, label: "skipped unless " + describe(node.condition!)))
                }
                switch node.kind {
                case .stop(let outcome):
                    out.append(Edge(from: node.id, to: "outcome:" + outcome, label: nil))
                    continue
                case .group(let g):
                    out.append(
                        Edge(from: node.id, to: g.nodes.first?.id ?? node.id, label: "\(g.itemName) 1..\(g.max)")
                    )
                    walk(g.nodes, exit: node.id + ".another")
                    out.append(Edge(from: node.id + ".another", to: g.nodes.first?.id ?? node.id, label: "another"))
                default: break
                }
                var always = false
                for jump in node.jumps {
                    out.append(Edge(from: node.id, to: jump.target, label: jump.condition.map(describe)))
                    if jump.condition == nil {
                        always = true
                        break
                    }
                }
                if !always, let following { out.append(Edge(from: lastStep(node), to: following, label: nil)) }
            }
        }
        walk(script.nodes, exit: nil)
        out.append(Edge(from: "concern", to: "outcome:" + script.concernOutcome, label: "/concern at any point"))
        return out
    }

    private static func lastStep(_ node: InterviewEngine.Node) -> String {
        if case .group = node.kind { return node.id + ".another" }
        return node.id
    }

    static func describe(_ e: Expression) -> String {
        switch e {
        case .literal(.bool(let b)): return b ? "yes" : "no"
        case .literal(.number(let n)): return AnswerValue.format(n)
        case .literal(.string(let s)): return "'\(s)'"
        case .answer(let id): return id
        case .context(let key): return "context.\(key)"
        case .answered(let id): return "answered(\(id))"
        case .count(let id): return "count(\(id))"
        case .not(let inner):
            if case .compare = inner { return "not (\(describe(inner)))" }
            return "not " + describe(inner)
        case .and(let a, let b): return "(\(describe(a)) and \(describe(b)))"
        case .or(let a, let b): return "(\(describe(a)) or \(describe(b)))"
        case .compare(let op, let a, let b): return "\(describe(a)) \(op.rawValue) \(describe(b))"
        }
    }

    static func allNodes(_ script: Script) -> [InterviewEngine.Node] {
        script.nodes.flatMap { node -> [InterviewEngine.Node] in
            if case .group(let g) = node.kind { return [node] + g.nodes }
            return [node]
        }
    }

    static func label(_ node: InterviewEngine.Node) -> String {
        let kind: String
        switch node.kind {
        case .question(let q): kind = q.type.name
        case .message: kind = "message"
        case .stop(let o): kind = "stop: \(o)"
        case .group(let g): kind = "repeat \(g.min)-\(g.max)"
        }
        return "\(node.id)\n[\(kind)]\(node.role == "practitioner" ? "" : "\nfor \(node.role)")"
    }
}
