import Foundation
import Testing

@testable import PracticeRules

/// A microproject driven one event at a time, in the style of the swift-nio state machine tests: feed an event,
/// then look at the project. Every accepted event is kept with its time, so the run can be replayed.
struct Run {
    private(set) var machine: MicroprojectMachine
    /// Accepted events with the time each was applied at, `created` first: what the store's journal holds.
    private(set) var log: [(MicroprojectEvent, Int64)]
    private(set) var clock: Int64 = 1_795_942_800_000
    private var sessions = 0

    init(id: String = "mp-test", practitioner: String = "sam") {
        machine = MicroprojectMachine(id: id, practitionerID: practitioner)
        log = [(.created(practitionerID: practitioner), clock)]
    }

    var project: Microproject { machine.project }

    /// Applies an event that must be accepted; returns what the machine says comes next.
    @discardableResult
    mutating func feed(_ event: MicroprojectEvent) throws -> MicroprojectAction {
        clock += 60_000
        let transition = try machine.apply(event, at: clock)
        log.append((event, clock))
        return transition.action
    }

    /// Completes a stage with a fresh session id; `concern` makes it the script's safety stop, with that reason.
    @discardableResult
    mutating func complete(
        _ stage: Stage,
        _ outcome: String,
        _ facts: [String: String] = [:],
        concern: String? = nil
    ) throws -> MicroprojectAction {
        try feed(.stageCompleted(result(stage, outcome, facts, concern: concern)))
    }

    mutating func result(
        _ stage: Stage,
        _ outcome: String,
        _ facts: [String: String] = [:],
        concern: String? = nil
    )
        -> StageResult
    {
        sessions += 1
        return StageResult(
            stage: stage,
            sessionID: "s\(sessions)",
            outcome: outcome,
            safetyStop: concern != nil,
            reason: concern,
            facts: facts
        )
    }

    /// Applies an event that must be refused, and checks the machine is exactly as it was. Returns the error's words.
    @discardableResult
    mutating func refuse(_ event: MicroprojectEvent, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let before = machine
        var after = machine
        let error = #expect(throws: MicroprojectMachine.InvalidEvent.self, sourceLocation: sourceLocation) {
            _ = try after.apply(event, at: clock + 1)
        }
        let unchanged = after == before
        #expect(
            unchanged,
            "a refused event must leave the machine unchanged; it changed: \(changes(before, after))",
            sourceLocation: sourceLocation
        )
        return error?.description ?? ""
    }

    /// The names of the project's fields that differ, and the journal's length: a short failure message.
    private func changes(_ a: MicroprojectMachine, _ b: MicroprojectMachine) -> String {
        let left = Mirror(reflecting: a.project).children
        let right = Mirror(reflecting: b.project).children
        var out = zip(left, right).compactMap { l, r in
            String(describing: l.value) == String(describing: r.value) ? nil : (l.label ?? "?")
        }
        if a.journal.count != b.journal.count { out.append("journal \(a.journal.count) → \(b.journal.count) events") }
        return out.joined(separator: ", ")
    }

    // MARK: Getting to a stage with ordinary answers

    /// focus (defined) → safety (suitable) → type decision → entry requirements met: the consult is due for
    /// Types 2 to 4, the plan for Type 1.
    mutating func toConsult(_ type: MicroprojectType, safety: [String: String] = Facts.safetyGeneral) throws {
        try complete(.focus, "defined", Facts.focus)
        try complete(.safety, "suitable", safety)
        try complete(.typeDecision, "decided", ["type": Facts.typeChoice[type]!])
        try feed(.eligibilityChecked(missing: []))
    }

    /// ... → the priorities consult (agreed) for Types 2 to 4: the plan is due.
    mutating func toPlan(_ type: MicroprojectType, safety: [String: String] = Facts.safetyGeneral) throws {
        try toConsult(type, safety: safety)
        if type != .universalPrevention { try complete(.consult, "agreed", Facts.consult) }
    }

    /// ... → plan → agreement (agreed): the first session is due.
    mutating func toSessions(_ type: MicroprojectType, plan: [String: String]? = nil) throws {
        try toPlan(type)
        try complete(.plan, "planned", plan ?? Facts.plan(type))
        try complete(.agreement, "agreed", Facts.agreement)
    }

    /// ... → one session (the last) → reflection: the closure checklist is due.
    mutating func toClosure(_ type: MicroprojectType) throws {
        try toSessions(type)
        try complete(.session, "logged", Facts.session(last: true))
        try complete(.reflection, "reflected", Facts.reflection)
    }
}

/// Answers as the CLI turns them into facts (yes-no as "yes"/"no", choices by value, numbers as "6").
enum Facts {
    static let focus: [String: String] = [
        "participant-code": "BR-014",
        "focus-areas.1.area": "how mornings go",
        "focus-areas.1.exploring": "what sets off the rush",
        "focus-areas.2.area": "bedtime misunderstandings",
        "focus-areas.2.exploring": "how each person feels at bedtime",
        "in-scope": "yes",
    ]

    static let safetyGeneral: [String: String] = [
        "safety-worry": "no", "crisis": "no", "safeguarding-process": "no", "clinical": "no", "mental-health": "no",
        "investigation": "no", "need-level": "general", "motivation": "yes", "structured-support": "no",
        "voluntary": "yes", "unsure": "no",
    ]

    static let typeChoice: [MicroprojectType: String] = [
        .universalPrevention: "universal", .earlyConcern: "early", .supportedLearning: "supported",
        .complexEngagement: "complex",
    ]

    /// The priorities consult: two priorities agreed, and other answers the machine does not read (a declined
    /// answer, such as the worries, is not a fact).
    static let consult: [String: String] = [
        "hopes": "calmer mornings", "going-well": "stories at bedtime",
        "priorities.1.priority": "leaving the house without shouting", "priorities.1.another": "yes",
        "priorities.2.priority": "a calm word before school", "priorities.2.another": "no", "readiness": "4",
        "support-route": "sessions,community-wheel",
    ]

    static func plan(_ type: MicroprojectType) -> [String: String] {
        var f = [
            "exploring": "how mornings go", "who": "a parent and child", "lens": "stress and communication",
            "success": "we can name what sets off the rush", "end-date": "2027-03-31",
            "community-wheel": "monthly-session",
        ]
        if type.rawValue >= 3 { f["sessions"] = "6" }
        if type == .complexEngagement {
            f["backup-sessions"] = "0"
            f["pcn-liaison"] = "no"
        }
        return f
    }

    static let agreement = ["purpose": "yes", "learning-process": "yes", "boundaries": "yes", "voluntary": "yes"]

    static func session(last: Bool) -> [String: String] {
        [
            "session-date": "2027-01-10", "kind": "core", "worked-on": "mornings", "noticed": "calmer talk",
            "progress": "3", "boundaries": "yes", "last": last ? "yes" : "no",
        ]
    }

    static let reflection = [
        "noticed": "more naming of feelings", "changed": "mornings are talked about", "helpful": "the lens",
        "learning": "start small", "escalation": "none",
    ]

    static let closureReady = [
        "focus-explored": "yes", "reflection-completed": "yes", "learning-recorded": "yes",
        "no-safety-concerns": "yes", "participant-understands": "yes", "community-wheel-taken-up": "yes",
    ]

    static let review = [
        "consulted": "designated safeguarding lead", "procedure": "school safeguarding procedure", "decision": "resume",
    ]
}

/// The package root, for tests that check the rules against the shipped prompt scripts.
enum PackageFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func script(_ id: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Prompts/\(id).yaml"), encoding: .utf8)
    }
}
