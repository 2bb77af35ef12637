import InterviewEngine

extension ScriptGraph {
    static func dot(_ script: Script, _ edges: [Edge]) -> String {
        var out =
            "digraph \(quote(script.id)) {\n  rankdir=TB;\n  label=\(quote("\(script.title) (version \(script.version))"));\n"
        out += "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        out += "  \"start\" [shape=circle, label=\"start\"];\n  \"concern\" [shape=note, label=\"/concern\"];\n"
        for node in allNodes(script) {
            out += "  \(quote(node.id)) [label=\(quote(label(node)))\(node.isStop ? ", shape=hexagon" : "")];\n"
            if case .group = node.kind {
                out += "  \(quote(node.id + ".another")) [shape=diamond, label=\"another?\"];\n"
            }
        }
        for outcome in script.outcomes {
            out +=
                "  \(quote("outcome:" + outcome.id)) [shape=doubleoctagon, style=bold, label=\(quote("Outcome: \(outcome.title)"))];\n"
        }
        for edge in edges {
            out += "  \(quote(edge.from)) -> \(quote(edge.to))\(edge.label.map { " [label=\(quote($0))]" } ?? "");\n"
        }
        return out + "}\n"
    }

    static func mermaid(_ script: Script, _ edges: [Edge]) -> String {
        var ids: [String: String] = [:]
        func id(_ name: String) -> String {
            if let existing = ids[name] { return existing }
            let made = "n\(ids.count)"
            ids[name] = made
            return made
        }
        var out = "flowchart TD\n  %% \(script.title) (version \(script.version))\n"
        out += "  \(id("start"))((start))\n  \(id("concern"))>/concern]\n"
        for node in allNodes(script) {
            out += "  \(id(node.id))[\"\(mermaidText(label(node)))\"]\n"
            if case .group = node.kind { out += "  \(id(node.id + ".another")){\"another?\"}\n" }
        }
        for outcome in script.outcomes {
            out += "  \(id("outcome:" + outcome.id))[[\"Outcome: \(mermaidText(outcome.title))\"]]\n"
        }
        for edge in edges {
            let label = edge.label.map { "|\"\(mermaidText($0))\"|" } ?? ""
            out += "  \(id(edge.from)) -->\(label) \(id(edge.to))\n"
        }
        return out
    }

    private static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"").replacingOccurrences("\n", "\\n")
            + "\""
    }

    private static func mermaidText(_ s: String) -> String {
        s.replacingOccurrences("\"", "#quot;").replacingOccurrences("\n", "<br/>")
    }
}

extension InterviewEngine.Node {
    var isStop: Bool {
        if case .stop = kind { return true }
        return false
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
