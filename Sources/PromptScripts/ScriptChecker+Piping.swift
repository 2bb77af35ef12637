import InterviewEngine
import Yams

extension ScriptChecker {
    /// `{id}` in text must name a question; `{#}` only makes sense inside a repeat. Each problem points at its
    /// placeholder inside the text.
    func checkPiping() {
        /// Reports at the placeholder when the text's YAML scalar is known, else at the node.
        func fail(
            _ message: String,
            fix: String,
            node: InterviewEngine.Node,
            scalar: Yams.Node?,
            within: Range<Int>
        ) {
            if let scalar {
                report.error(at: scalar, message, node: node.id, fix: fix, within: within)
            } else {
                report.add(
                    .error,
                    line: node.location?.line ?? 1,
                    column: node.location?.column ?? 1,
                    message,
                    node: node.id,
                    fix: fix
                )
            }
        }
        func check(_ text: String?, field: String, in node: InterviewEngine.Node, insideGroup: Bool) {
            // Bytes, not characters: most texts have no placeholder, and this is asked of every one.
            guard let text, text.utf8.contains(UInt8(ascii: "{")) else { return }
            let scalar = textYAML(of: node, field: field)
            for (name, range) in Self.placeholders(in: scalar?.scalar?.string ?? text) {
                if name.hasPrefix("context.") {
                    let key = String(name.dropFirst(8))
                    if Self.contextTypes[key] == nil {
                        fail(
                            "the text pipes in '{\(name)}', which is not a context value",
                            fix:
                                "use one of: \(Self.contextTypes.keys.sorted().map { "{context.\($0)}" }.joined(separator: ", "))",
                            node: node,
                            scalar: scalar,
                            within: range
                        )
                    }
                    continue
                }
                if name == "#" {
                    if !insideGroup {
                        fail(
                            "'{#}' (the repetition number) is used outside a repeat",
                            fix: "remove it, or move this node into a repeat",
                            node: node,
                            scalar: scalar,
                            within: range
                        )
                    }
                    continue
                }
                if places[name]?.node.question == nil {
                    let known = places.values.filter { $0.node.question != nil }.map(\.node.id).sorted()
                    let close = closest(name, in: known)
                    fail(
                        "the text pipes in '{\(name)}', which is not a question in this script",
                        fix: close.map { "did you mean '{\($0)}'?" } ?? "use the id of an earlier question in braces",
                        node: node,
                        scalar: scalar,
                        within: range
                    )
                }
            }
        }
        if let intro = script.intro, intro.contains("{") {
            // The intro is said before any answer, so it may only use context.
            let scalar = introYAML.flatMap { $0.scalar == nil ? nil : $0 }
            for (name, range) in Self.placeholders(in: scalar?.scalar?.string ?? intro)
            where !name.hasPrefix("context.") || Self.contextTypes[String(name.dropFirst(8))] == nil {
                let message =
                    "the intro pipes in '{\(name)}', but only context values are known before the first answer"
                let fix = "use a context value such as {context.participant}, or move this text into a message node"
                if let scalar {
                    report.error(at: scalar, message, node: "intro", fix: fix, within: range)
                } else {
                    report.add(.error, line: 1, column: 1, message, node: "intro", fix: fix)
                }
            }
        }
        for node in script.nodes {
            check(node.text, field: "say", in: node, insideGroup: false)
            check(node.guidance, field: "guidance", in: node, insideGroup: false)
            if case .group(let g) = node.kind {
                check(g.anotherPrompt, field: "another", in: node, insideGroup: true)
                if let atMost = g.atMost { check(atMost, field: "at-most", in: node, insideGroup: true) }
                for inner in g.nodes {
                    check(inner.text, field: "say", in: inner, insideGroup: true)
                    check(inner.guidance, field: "guidance", in: inner, insideGroup: true)
                }
            }
        }
    }

    /// The YAML scalar a node's text came from: `say:` and `guidance:` on the node, `another:` and `at-most:` under
    /// its `repeat:`.
    private func textYAML(of node: InterviewEngine.Node, field: String) -> Yams.Node? {
        guard let location = node.location,
            let mapping = nodeYAML[ScriptLoader.Position(line: location.line, column: location.column)]
        else { return nil }
        let value =
            field == "another" || field == "at-most" ? mapping[field: "repeat"]?[field: field] : mapping[field: field]
        guard let value, case .scalar = value else { return nil }
        return value
    }

    /// Every `{name}` in a text, with where it sits (the braces included) in Unicode scalars.
    static func placeholders(in text: String) -> [(name: String, range: Range<Int>)] {
        var out: [(name: String, range: Range<Int>)] = []
        var open: Int? = nil
        var name = String.UnicodeScalarView()
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if scalar == "{" {
                if open == nil {
                    open = i
                    name = String.UnicodeScalarView()
                } else {
                    // The first '{' before a '}' opens it, as before: '{{x}' names '{x'.
                    name.append(scalar)
                }
            } else if scalar == "}", let start = open {
                out.append((String(name), start..<(i + 1)))
                open = nil
            } else if open != nil {
                name.append(scalar)
            }
        }
        return out
    }
}
