import InterviewEngine

extension ScriptChecker {
    /// `{id}` in text must name a question; `{#}` only makes sense inside a repeat.
    func checkPiping() {
        func check(_ text: String?, in node: InterviewEngine.Node, insideGroup: Bool) {
            guard let text else { return }
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let name = String(rest[rest.index(after: open)..<close])
                rest = rest[rest.index(after: close)...]
                if name.hasPrefix("context.") {
                    let key = String(name.dropFirst(8))
                    if Self.contextTypes[key] == nil {
                        report.add(
                            .error,
                            line: node.location?.line ?? 1,
                            column: node.location?.column ?? 1,
                            "the text pipes in '{\(name)}', which is not a context value",
                            node: node.id,
                            fix:
                                "use one of: \(Self.contextTypes.keys.sorted().map { "{context.\($0)}" }.joined(separator: ", "))"
                        )
                    }
                    continue
                }
                if name == "#" {
                    if !insideGroup {
                        report.add(
                            .error,
                            line: node.location?.line ?? 1,
                            column: node.location?.column ?? 1,
                            "'{#}' (the repetition number) is used outside a repeat",
                            node: node.id,
                            fix: "remove it, or move this node into a repeat"
                        )
                    }
                    continue
                }
                if places[name]?.node.question == nil {
                    let known = places.values.filter { $0.node.question != nil }.map(\.node.id).sorted()
                    let close = closest(name, in: known)
                    report.add(
                        .error,
                        line: node.location?.line ?? 1,
                        column: node.location?.column ?? 1,
                        "the text pipes in '{\(name)}', which is not a question in this script",
                        node: node.id,
                        fix: close.map { "did you mean '{\($0)}'?" } ?? "use the id of an earlier question in braces"
                    )
                }
            }
        }
        if let intro = script.intro, intro.contains("{") {
            // The intro is said before any answer, so it may only use context.
            var rest = Substring(intro)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let name = String(rest[rest.index(after: open)..<close])
                rest = rest[rest.index(after: close)...]
                if !name.hasPrefix("context.") || Self.contextTypes[String(name.dropFirst(8))] == nil {
                    report.add(
                        .error,
                        line: 1,
                        column: 1,
                        "the intro pipes in '{\(name)}', but only context values are known before the first answer",
                        node: "intro",
                        fix: "use a context value such as {context.participant}, or move this text into a message node"
                    )
                }
            }
        }
        for node in script.nodes {
            check(node.text, in: node, insideGroup: false)
            check(node.guidance, in: node, insideGroup: false)
            if case .group(let g) = node.kind {
                check(g.anotherPrompt, in: node, insideGroup: true)
                if let atMost = g.atMost { check(atMost, in: node, insideGroup: true) }
                for inner in g.nodes {
                    check(inner.text, in: inner, insideGroup: true)
                    check(inner.guidance, in: inner, insideGroup: true)
                }
            }
        }
    }
}
