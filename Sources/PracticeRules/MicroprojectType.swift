/// The guide's four microproject types. A microproject has exactly one.
public enum MicroprojectType: Int, CaseIterable, Codable, Sendable, Comparable {
    case universalPrevention = 1
    case earlyConcern = 2
    case supportedLearning = 3
    case complexEngagement = 4

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var title: String {
        switch self {
        case .universalPrevention: "Type 1: Universal Prevention"
        case .earlyConcern: "Type 2: Early Concern / Early Help"
        case .supportedLearning: "Type 3: Supported Learning"
        case .complexEngagement: "Type 4: Complex Engagement"
        }
    }

    /// Types 1 and 2 are Link level; Types 3 and 4 are Lead level.
    public var level: PracticeLevel { rawValue <= 2 ? .link : .lead }

    public var tracker: TrackerLevel {
        switch self {
        case .universalPrevention: .optional
        case .earlyConcern, .supportedLearning: .recommended
        case .complexEngagement: .requiredEnhanced
        }
    }

    /// Types 3 and 4 plan six structured (core) sessions; Types 1 and 2 have light-touch follow-up.
    public var coreSessions: Int? { rawValue >= 3 ? 6 : nil }

    /// Only Type 4 may add structured backup sessions and a PCN Link liaison.
    public var allowsBackupSessions: Bool { self == .complexEngagement }

    /// Who runs the priorities consult, if there is one.
    public var consult: String? {
        switch self {
        case .universalPrevention: nil
        case .earlyConcern: "a short priorities consult (Link + Lead Plus)"
        case .supportedLearning: "a priorities consult (Lead, or a delegated Lead Plus)"
        case .complexEngagement: "a structured priorities consult (Lead + the programme's senior consultant)"
        }
    }

    public var deliveryModel: String {
        switch self {
        case .universalPrevention:
            "Online I Matter learning, with optional monthly Community Wheel sessions. Very light touch."
        case .earlyConcern:
            "A short priorities consult, online learning and light-touch follow-up."
        case .supportedLearning:
            "A priorities consult, six structured sessions (group or 1:1) and supported online learning."
        case .complexEngagement:
            "A structured priorities consult, six core sessions, optional backup sessions and an optional PCN Link liaison."
        }
    }
}

/// Link or Lead: the level a type needs and a licence gives.
public enum PracticeLevel: String, Codable, Sendable {
    case link
    case lead
}

/// How much tracking a type asks for.
public enum TrackerLevel: String, Codable, Sendable {
    case optional
    case recommended
    /// Session-by-session progress, required before closure.
    case requiredEnhanced = "required-enhanced"

    public var description: String {
        switch self {
        case .optional: "optional tracker"
        case .recommended: "recommended tracker"
        case .requiredEnhanced: "required enhanced tracker (session by session)"
        }
    }
}

/// The parts of a type's delivery model the plan records (docs/readings.md, "Delivery models").
public struct DeliveryModel: Codable, Equatable, Sendable {
    /// Types 1-2: identified by Link staff (yes, no).
    public var identifiedByLinkStaff: String?
    /// Types 1-2: invited into the funded pilot (yes, no).
    public var fundedPilotInvitation: String?
    /// Type 3: structured sessions in a group, one to one, or both.
    public var sessionFormat: String?
    /// Type 4: a PCN Link staff member acts as liaison (yes, no).
    public var pcnLiaison: String?

    public init() {}

    /// The plan's answers for this type; answers for parts the type does not have are left out.
    public init(type: MicroprojectType, facts: [String: String]) {
        if type.level == .link {
            identifiedByLinkStaff = facts["identified-by-link"]
            fundedPilotInvitation = facts["pilot-invitation"]
        }
        if type == .supportedLearning { sessionFormat = facts["session-format"] }
        if type == .complexEngagement { pcnLiaison = facts["pcn-liaison"] }
    }
}
