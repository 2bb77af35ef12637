/// The stages of the Microproject Practice cycle, each run by one prompt script of the pack.
public enum Stage: String, Codable, CaseIterable, Sendable {
    case focus
    case safety
    case typeDecision = "type-decision"
    /// The priorities consult of Types 2 to 4, co-run by two practitioners for Types 2 and 4.
    case consult
    case plan
    case agreement
    case session
    case reflection
    case closure
    /// After a concern: record what was done before the microproject may carry on.
    case escalationReview = "escalation-review"

    public var scriptID: String {
        switch self {
        case .focus: "focus-definition"
        case .safety: "safety-check"
        case .typeDecision: "type-decision"
        case .consult: "priorities-consult"
        case .plan: "planning"
        case .agreement: "agreement"
        case .session: "session-log"
        case .reflection: "reflection"
        case .closure: "closure-checklist"
        case .escalationReview: "escalation-review"
        }
    }

    public var title: String {
        switch self {
        case .focus: "Step 1: identify the focus"
        case .safety: "Step 2: check suitability and safety"
        case .typeDecision: "Choose the microproject type"
        case .consult: "The priorities consult"
        case .plan: "Step 3: plan the microproject"
        case .agreement: "Step 4: agreement and framing"
        case .session: "Step 5: apply learning in context (session log)"
        case .reflection: "Step 6: reflect and record learning"
        case .closure: "Closure checklist"
        case .escalationReview: "After a concern: record what was done"
        }
    }
}

/// Where a microproject stands.
public enum MicroprojectStatus: String, Codable, Sendable {
    case active
    /// Paused, and revisited later: a normal state.
    case paused
    /// Paused because a concern was raised; it carries on only after the practitioner records what was done.
    case escalated
    case closed
}
