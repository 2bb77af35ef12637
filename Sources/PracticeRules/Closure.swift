/// The guide's closure criteria (section 9), the five reflection items (section 5) and the Type 4
/// enhanced tracker, checked together.
public enum Closure {
    public static let reflectionItems: [(key: String, title: String)] = [
        ("noticed", "what was noticed in relationships or communication"),
        ("changed", "what changed, if anything, in understanding or response"),
        ("helpful", "what felt helpful or unhelpful"),
        ("learning", "what learning emerged for future practice"),
        ("escalation", "whether anything requires escalation or referral"),
    ]

    public static let criteria: [(key: String, title: String)] = [
        ("focus-explored", "the planned focus has been explored"),
        ("reflection-completed", "reflection has been completed"),
        ("learning-recorded", "learning has been recorded"),
        ("no-safety-concerns", "no outstanding safety concerns remain"),
        ("participant-understands", "the participant understands closure has occurred"),
    ]

    /// The latest reflection's answers, if a reflection stage was completed.
    public static func reflection(_ p: Microproject) -> [String: String]? {
        // The support drawn on is kept as `supportDrawnOn`, not as a reflection item.
        p.completed.last { $0.stage == .reflection && !$0.safetyStop }?.facts.filter {
            $0.key != SupportPathway.questionID
        }
    }

    public static func trackerComplete(_ p: Microproject) -> Bool {
        guard p.type?.tracker == .requiredEnhanced, let planned = p.sessionsPlanned else { return true }
        // Backup sessions are potential: only the planned (core) sessions must be in the tracker, each by number.
        return planned < 1 || p.sessionsNotLogged.isEmpty
    }

    /// Everything that still stops closure once the checklist is answered, in words for people; empty means the
    /// microproject can close.
    public static func openItems(_ p: Microproject, checklist: StageResult) -> [String] {
        let beyond = openBeyondChecklist(p)
        // While other items are open, the checklist does not ask every question; only a "no" counts then.
        let blocked = !beyond.isEmpty
        let criteria = criteria.filter {
            checklist.facts[$0.key] == "no" || (checklist.facts[$0.key] == nil && !blocked)
        }
        return criteria.map { $0.title + " (closure checklist)" } + beyond
    }

    /// What stops closure whatever the checklist says: reflection items not recorded, core sessions the Type 4
    /// enhanced tracker has no entry for, a concern with no escalation review. The closure checklist is told these
    /// before it asks, so it never says "ready" wrongly.
    public static func openBeyondChecklist(_ p: Microproject) -> [String] {
        var open: [String] = []
        let reflection = reflection(p) ?? [:]
        for item in reflectionItems where (reflection[item.key] ?? "").isEmpty {
            open.append("reflection: \(item.title)")
        }
        if !trackerComplete(p) {
            let missing = p.sessionsNotLogged.map(String.init)
            let named =
                missing.count == 1
                ? "session \(missing[0])"
                : "sessions " + missing.dropLast().joined(separator: ", ") + " and " + missing.last!
            open.append(
                "the enhanced tracker has \(p.plannedSessionNumbersLogged.count) of \(p.sessionsPlanned ?? 0) core session "
                    + "entries; \(named) \(missing.count == 1 ? "has" : "have") no log yet (log each one, or log that it "
                    + "did not take place, with the reason)"
            )
        }
        if p.escalations.contains(where: { $0.decision == nil }) {
            open.append("a concern has no escalation review recorded")
        }
        return open
    }
}
