import InterviewEngine
import Yams

/// The checks that need the whole script: references, reachability, outcomes and condition types.
struct ScriptChecker {
    var script: Script
    let report: Reporter
    let conditions: [PendingCondition]
    let yamlNodes: [String: Yams.Node]
    /// Each node's YAML mapping by where it starts, so a node is found even when its id is repeated.
    let nodeYAML: [ScriptLoader.Position: Yams.Node]
    /// The top-level `intro:` value.
    let introYAML: Yams.Node?
    /// The YAML item of each of `script.outcomes`, in the same order.
    let outcomeYAML: [Yams.Node]

    /// Where each node sits: its top-level index, and its index inside a group.
    struct Place {
        var top: Int
        var inner: Int?
        var node: InterviewEngine.Node
    }
    var places: [String: Place] = [:]
    /// Ids given to more than one node; `places` holds only the first of each, so nothing is put on these by id.
    var repeatedIDs: Set<String> = []
    /// The script's nodes while conditions are put on them, taken back in one assignment: every assignment to
    /// `Script.nodes` works the script's shape out again, which once per condition made checking quadratic.
    var attaching: [InterviewEngine.Node] = []

    init(
        script: Script,
        report: Reporter,
        conditions: [PendingCondition],
        yamlNodes: [String: Yams.Node],
        nodeYAML: [ScriptLoader.Position: Yams.Node] = [:],
        introYAML: Yams.Node? = nil,
        outcomeYAML: [Yams.Node] = []
    ) {
        self.script = script
        self.report = report
        self.conditions = conditions
        self.yamlNodes = yamlNodes
        self.nodeYAML = nodeYAML
        self.introYAML = introYAML
        self.outcomeYAML = outcomeYAML
    }

    /// A node's own YAML mapping, found by its place in the file.
    func yaml(of node: InterviewEngine.Node) -> Yams.Node? {
        guard let location = node.location else { return yaml(node.id) }
        return nodeYAML[ScriptLoader.Position(line: location.line, column: location.column)] ?? yaml(node.id)
    }

    mutating func run() -> Script {
        indexPlaces()
        checkOutcomes()
        checkJumps(script.nodes, top: nil)
        attaching = script.nodes
        script.nodes = []
        for condition in conditions { attach(condition) }
        script.nodes = attaching
        attaching = []
        checkReachability(script.nodes, top: nil)
        for (i, node) in script.nodes.enumerated() {
            if case .group(let g) = node.kind { checkReachability(g.nodes, top: i) }
        }
        checkPiping()
        return script
    }

    func yaml(_ id: String) -> Yams.Node? { yamlNodes[id] }

    /// The `goto:` value of a node's j-th `next` rule, so messages point at the right line.
    func gotoYAML(_ id: String, _ j: Int) -> Yams.Node? {
        guard let next = yaml(id)?[field: "next"], case .sequence(let rules) = next, j < rules.count else {
            return yaml(id)
        }
        return rules[j][field: "goto"] ?? rules[j]
    }

    private mutating func indexPlaces() {
        for (i, node) in script.nodes.enumerated() {
            record(node, Place(top: i, inner: nil, node: node))
            if case .group(let g) = node.kind {
                for (j, inner) in g.nodes.enumerated() { record(inner, Place(top: i, inner: j, node: inner)) }
            }
        }
    }

    private mutating func record(_ node: InterviewEngine.Node, _ place: Place) {
        if let first = places[node.id] {
            repeatedIDs.insert(node.id)
            // Nodes are visited in file order, so this one is the duplicate: point at its id, and at the first.
            report.error(
                at: yaml(of: node)?[field: "id"],
                "the id '\(node.id)' is used twice",
                node: node.id,
                fix: "give every node its own id",
                notes: [report.note(at: yaml(of: first.node)?[field: "id"], "'\(node.id)' is first used here")]
            )
            return
        }
        places[node.id] = place
    }

    private func checkOutcomes() {
        var used: Set<String> = [script.concernOutcome]
        func visit(_ nodes: [InterviewEngine.Node]) {
            for node in nodes {
                switch node.kind {
                case .stop(let outcome):
                    used.insert(outcome)
                    if script.outcome(outcome) == nil {
                        report.error(
                            at: yaml(node.id)?[field: "stop"],
                            "the outcome '\(outcome)' is not declared",
                            node: node.id,
                            fix:
                                "declare it under 'outcomes:' or use one of: \(script.outcomes.map(\.id).joined(separator: ", "))"
                        )
                    }
                case .group(let g): visit(g.nodes)
                default: break
                }
            }
        }
        visit(script.nodes)
        var seen: Set<String> = []
        for (i, outcome) in script.outcomes.enumerated() {
            if !seen.insert(outcome.id).inserted {
                report.error(
                    at: outcomeYAML.indices.contains(i) ? outcomeYAML[i][field: "id"] : yaml("outcome:" + outcome.id),
                    "the outcome '\(outcome.id)' is declared twice",
                    node: "outcomes",
                    fix: "remove one of them",
                    notes: [
                        report.note(
                            at: yaml("outcome:" + outcome.id)?[field: "id"],
                            "'\(outcome.id)' is first declared here"
                        )
                    ]
                )
            }
            if !used.contains(outcome.id) {
                report.warning(
                    at: outcomeYAML.indices.contains(i) ? outcomeYAML[i][field: "id"] : yaml("outcome:" + outcome.id),
                    "the outcome '\(outcome.id)' is declared but no stop reaches it",
                    node: "outcomes",
                    fix: "add a stop node for it, or remove it"
                )
            }
        }
    }

    private func checkJumps(_ nodes: [InterviewEngine.Node], top: Int?) {
        for (i, node) in nodes.enumerated() {
            for (j, jump) in node.jumps.enumerated() {
                guard let target = nodes.firstIndex(where: { $0.id == jump.target }) else {
                    let elsewhere = places[jump.target] != nil
                    report.error(
                        at: gotoYAML(node.id, j),
                        "'goto: \(jump.target)' names \(elsewhere ? "a node outside this part of the script" : "no node")",
                        node: node.id,
                        fix: elsewhere
                            ? "jumps stay within the same list of nodes (a repeat's nodes jump among themselves)"
                            : "use the id of a later node in the same list"
                    )
                    continue
                }
                if target <= i {
                    report.error(
                        at: gotoYAML(node.id, j),
                        "'goto: \(jump.target)' jumps backwards",
                        node: node.id,
                        fix: "jumps only go forward; use /back or a repeat to ask things again"
                    )
                }
            }
            if case .group(let g) = node.kind { checkJumps(g.nodes, top: i) }
        }
    }
}
