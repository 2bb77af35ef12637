/// The guide's support and consultation pathways (section 7): what a practitioner may draw on, recorded where it
/// happens (the safety check's "seek advice" route, a session log, the reflection, an escalation review).
public enum SupportPathway: String, Codable, Sendable, CaseIterable {
    case linkGuidance = "link-guidance"
    case leadConsultation = "lead-consultation"
    case leadReflective = "lead-reflective"
    case leadStudy = "lead-study"
    case leadComplexCase = "lead-complex-case"
    case orgSupervision = "org-supervision"
    case orgGovernance = "org-governance"
    case orgTeam = "org-team"

    /// Which of the guide's three pathways it belongs to.
    public var pathway: String {
        switch self {
        case .linkGuidance: "Link practitioner support"
        case .leadConsultation, .leadReflective, .leadStudy, .leadComplexCase: "Lead practitioner support"
        case .orgSupervision, .orgGovernance, .orgTeam: "Organisational support"
        }
    }

    public var title: String {
        switch self {
        case .linkGuidance: "Link practitioner support (orientation, light-touch guidance, access support)"
        case .leadConsultation: "structured consultation with a Lead practitioner"
        case .leadReflective: "reflective practice support from a Lead practitioner"
        case .leadStudy: "a group or 1:1 study support session"
        case .leadComplexCase: "complex case reflection with a Lead practitioner (within non-clinical boundaries)"
        case .orgSupervision: "supervision in the organisation"
        case .orgGovernance: "organisational governance"
        case .orgTeam: "team practice in the organisation"
        }
    }

    /// Support that is a reflective discussion space: it counts towards certification's "at least one peer
    /// learning or reflective discussion space" (docs/readings.md).
    public var isReflectiveDiscussion: Bool {
        switch self {
        case .leadConsultation, .leadReflective, .leadStudy, .leadComplexCase, .orgSupervision: true
        case .linkGuidance, .orgGovernance, .orgTeam: false
        }
    }

    /// The answer's key in every script that asks it.
    public static let questionID = "support-drawn"
}

/// Support drawn on during one stage.
public struct SupportUse: Codable, Equatable, Sendable {
    public var stage: Stage
    public var sessionID: String
    /// `SupportPathway` raw values, in the order chosen.
    public var pathways: [String]
}
