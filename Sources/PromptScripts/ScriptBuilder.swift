import InterviewEngine
import Yams

/// Walks the composed YAML into the engine's script model, then hands it to the checker.
struct ScriptBuilder {
    let report: Reporter
    /// Conditions kept with their YAML position, for the checker's messages.
    var conditions: [PendingCondition] = []
    /// Each node's YAML mapping by the place the node reports as its location.
    var nodeYAML: [ScriptLoader.Position: Yams.Node] = [:]
    /// Node id -> the YAML mapping of the first node with that id, for positions in checker messages.
    var nodeMarks: [String: Yams.Node] = [:]

    static let topFields = ["script", "version", "title", "description", "intro", "outcomes", "concern", "nodes"]
    static let nodeFields = [
        "id", "say", "guidance", "role", "when", "next", "sensitive", "ask", "required", "prefer-not-to-say",
        "choices", "min", "max", "whole", "validate", "min-label", "max-label", "stop", "repeat", "nodes",
        "default",
    ]
    static let roles = ["practitioner", "participant", "link", "lead", "lead-plus", "consultant", "any", "both"]
    static let questionTypes = ["text", "long-text", "yes-no", "one-of", "several-of", "number", "date", "scale"]

    init(report: Reporter) { self.report = report }

    mutating func build(_ root: Yams.Node, hash: String) -> Script? {
        guard let top = YAMLFields(root, context: nil, report: report, what: "the script") else { return nil }
        top.rejectUnknown(allowed: Self.topFields)
        let id = top.string("script", required: true) ?? ""
        let version = top.string("version", required: true) ?? ""
        let title = top.string("title", required: true) ?? id
        var outcomes: [Outcome] = []
        var outcomeYAML: [Yams.Node] = []
        for item in top.sequence("outcomes") ?? [] {
            guard let o = outcome(item) else { continue }
            outcomes.append(o)
            outcomeYAML.append(item)
        }
        if !top.has("outcomes") {
            report.error(
                at: root,
                "missing 'outcomes'",
                node: nil,
                fix: "declare every way the interview can end under 'outcomes:'"
            )
        }
        var concernOutcome = ""
        var concernGuidance = ""
        if let concern = top.value("concern"),
            let fields = YAMLFields(concern, context: "concern", report: report, what: "'concern'")
        {
            fields.rejectUnknown(allowed: ["outcome", "guidance"])
            concernOutcome = fields.string("outcome", required: true) ?? ""
            concernGuidance = fields.string("guidance", required: true) ?? ""
            if !concernOutcome.isEmpty, !outcomes.contains(where: { $0.id == concernOutcome }) {
                report.error(
                    at: fields.value("outcome"),
                    "the concern outcome '\(concernOutcome)' is not declared",
                    node: "concern",
                    fix: "add it under 'outcomes:' or use one of: \(outcomes.map(\.id).joined(separator: ", "))"
                )
            }
        } else {
            report.error(
                at: root,
                "missing 'concern'",
                node: nil,
                fix:
                    "say which outcome a /concern leads to and what guidance to show, under 'concern:' with 'outcome:' and 'guidance:'"
            )
        }
        guard let nodeList = top.sequence("nodes") else {
            if !top.has("nodes") {
                report.error(at: root, "missing 'nodes'", node: nil, fix: "list the questions under 'nodes:'")
            }
            return nil
        }
        var nodes: [InterviewEngine.Node] = []
        for item in nodeList { if let n = node(item, insideGroup: false) { nodes.append(n) } }
        let script = Script(
            id: id,
            version: version,
            title: title,
            intro: top.string("intro"),
            outcomes: outcomes,
            concernOutcome: concernOutcome,
            concernGuidance: concernGuidance,
            nodes: nodes,
            contentHash: hash
        )
        var marks = nodeMarks
        for item in top.sequence("outcomes") ?? [] {
            if let id = item[field: "id"]?.string { marks["outcome:" + id] = marks["outcome:" + id] ?? item }
        }
        var checker = ScriptChecker(
            script: script,
            report: report,
            conditions: conditions,
            yamlNodes: marks,
            nodeYAML: nodeYAML,
            introYAML: top.value("intro"),
            outcomeYAML: outcomeYAML
        )
        return checker.run()
    }

    private func outcome(_ yaml: Yams.Node) -> Outcome? {
        guard let f = YAMLFields(yaml, context: "outcomes", report: report, what: "an outcome") else { return nil }
        f.rejectUnknown(allowed: ["id", "title", "say", "guidance"])
        guard let id = f.string("id", required: true) else { return nil }
        return Outcome(
            id: id,
            title: f.string("title", required: true) ?? id,
            message: f.string("say") ?? "",
            guidance: f.string("guidance")
        )
    }

    private mutating func node(_ yaml: Yams.Node, insideGroup: Bool) -> InterviewEngine.Node? {
        guard let f = YAMLFields(yaml, context: yaml[field: "id"]?.string, report: report, what: "a node") else {
            return nil
        }
        guard let id = f.string("id", required: true) else { return nil }
        if nodeMarks[id] == nil { nodeMarks[id] = yaml }
        f.rejectUnknown(allowed: Self.nodeFields)
        let kinds = ["ask", "stop", "repeat"].filter(f.has)
        if kinds.count > 1 {
            report.error(
                at: yaml,
                "a node can only be one of ask, stop or repeat, but this one has \(kinds.joined(separator: " and "))",
                node: id,
                fix: "split it into separate nodes"
            )
        }
        let role = f.string("role") ?? "practitioner"
        if !Self.roles.contains(role) {
            report.error(
                at: f.value("role"),
                "unknown role '\(role)'",
                node: id,
                fix: "use one of: \(Self.roles.joined(separator: ", "))"
            )
        }
        let say = f.string("say") ?? ""
        var kind: InterviewEngine.Node.Kind = .message
        if f.has("ask") {
            guard let q = question(f, id: id) else { return nil }
            kind = .question(q)
            if say.isEmpty {
                report.error(at: yaml, "a question needs its words", node: id, fix: "add 'say:' with the question")
            }
        } else if let outcome = f.string("stop") {
            kind = .stop(outcome: outcome)
        } else if f.has("repeat") {
            guard let group = group(f, id: id, insideGroup: insideGroup) else { return nil }
            kind = .group(group)
        } else if say.isEmpty {
            report.error(
                at: yaml,
                "this node has nothing to say or ask",
                node: id,
                fix: "add 'say:' for a message, 'ask:' for a question, 'stop:' for an ending or 'repeat:' for a group"
            )
        }
        if let condition = f.value("when") {
            conditions.append(PendingCondition(nodeID: id, field: "when", yaml: condition))
        }
        var jumps: [Jump] = []
        for item in f.sequence("next") ?? [] {
            guard let jf = YAMLFields(item, context: id, report: report, what: "a 'next' rule") else { continue }
            jf.rejectUnknown(allowed: ["if", "goto"])
            guard let target = jf.string("goto", required: true) else { continue }
            if let c = jf.value("if") {
                conditions.append(PendingCondition(nodeID: id, field: "next", yaml: c, jumpIndex: jumps.count))
            }
            jumps.append(Jump(condition: nil, target: target))
        }
        if let mark = yaml.mark { nodeYAML[ScriptLoader.Position(line: mark.line, column: mark.column)] = yaml }
        return InterviewEngine.Node(
            id: id,
            kind: kind,
            condition: nil,
            text: say,
            guidance: f.string("guidance"),
            role: role,
            sensitive: f.bool("sensitive", default: false),
            jumps: jumps,
            location: yaml.mark.map { SourceLocation(line: $0.line, column: $0.column) }
        )
    }

    private mutating func group(_ f: YAMLFields, id: String, insideGroup: Bool) -> Repeat? {
        if insideGroup {
            report.error(
                at: f.value("repeat"),
                "a repeat cannot sit inside another repeat",
                node: id,
                fix: "move it to the top level of 'nodes:'"
            )
        }
        guard let rf = YAMLFields(f.value("repeat")!, context: id, report: report, what: "'repeat'") else { return nil }
        rf.rejectUnknown(allowed: ["min", "max", "item", "another", "at-most"])
        let min = rf.int("min") ?? 1
        let max = rf.int("max") ?? 1
        if min < 0 || max < 1 || min > max {
            report.error(
                at: f.value("repeat"),
                "repeat needs 0 <= min <= max and max >= 1 (min \(min), max \(max))",
                node: id,
                fix: "for example 'min: 1' and 'max: 3'"
            )
        }
        guard let inner = f.sequence("nodes"), !inner.isEmpty else {
            report.error(
                at: f.value("repeat"),
                "a repeat needs its own 'nodes:'",
                node: id,
                fix: "list the questions to repeat under 'nodes:'"
            )
            return nil
        }
        var nodes: [InterviewEngine.Node] = []
        for item in inner { if let n = node(item, insideGroup: true) { nodes.append(n) } }
        return Repeat(
            min: min,
            max: max,
            itemName: rf.string("item") ?? "item",
            anotherPrompt: rf.string("another") ?? "Would you like to add another?",
            atMost: rf.string("at-most"),
            nodes: nodes
        )
    }
}

/// A condition waiting for the checker, which knows every question's type.
struct PendingCondition {
    var nodeID: String
    var field: String
    var yaml: Yams.Node
    var jumpIndex: Int?
}
