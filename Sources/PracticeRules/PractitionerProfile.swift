/// A practitioner as the entry requirements see them.
public struct PractitionerProfile: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var licence: Licence?
    public var completed: Set<Pathway>
    /// The day each pathway was recorded as completed (YYYY-MM-DD), by pathway raw value. Kept from when the
    /// companion began recording it: a pathway recorded before then has no date.
    public var completedOn: [String: String]?
    /// Organisational approval under the Enhanced Practice licence.
    public var organisationalApproval: Bool
    /// Peer learning or reflective discussion sessions attended, as YYYY-MM-DD days.
    public var peerLearning: [String]
    /// The programme's senior consultant, who co-runs Type 4 consults (a configured person, never a built-in name).
    public var seniorConsultant: Bool?
    /// The guide's practice readiness, as the practitioner's own confirmation: item (`ReadinessItem` raw value) to
    /// the YYYY-MM-DD day it was confirmed.
    public var practiceReadiness: [String: String]?

    /// The day each readiness item was confirmed, or nil while it is not.
    public func readinessConfirmed(_ item: ReadinessItem) -> String? { practiceReadiness?[item.rawValue] }

    public init(
        id: String,
        name: String,
        licence: Licence? = nil,
        completed: Set<Pathway> = [],
        organisationalApproval: Bool = false,
        peerLearning: [String] = [],
        practiceReadiness: [String: String]? = nil
    ) {
        self.practiceReadiness = practiceReadiness
        self.id = id
        self.name = name
        self.licence = licence
        self.completed = completed
        self.organisationalApproval = organisationalApproval
        self.peerLearning = peerLearning
    }
}

/// The guide's practice readiness (section 1), confirmed by the practitioner, each with a short plain reminder.
public enum ReadinessItem: String, Codable, Sendable, CaseIterable, Comparable {
    case principles
    case boundaries
    case reflection

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var title: String {
        switch self {
        case .principles: "Understanding of I Matter principles"
        case .boundaries: "Awareness of relational, non-clinical boundaries"
        case .reflection: "Ability to reflect on practice in structured ways"
        }
    }

    /// What it means, in a sentence.
    public var reminder: String {
        switch self {
        case .principles:
            "the ideas of the I Matter learning: relationship health, understanding rather than fixing, and small, "
                + "safe steps"
        case .boundaries:
            "microprojects are learning together, never therapy, diagnosis, crisis support or safeguarding "
                + "decisions, and concerns go to the right procedures"
        case .reflection:
            "looking back on what you noticed, what changed, what helped and what you learned, using the "
                + "reflection framework"
        }
    }
}

/// A Microproject Practitioner Licence.
public struct Licence: Codable, Equatable, Sendable {
    public var level: LicenceLevel
    /// The last day it is valid, YYYY-MM-DD.
    public var expires: String

    public init(level: LicenceLevel, expires: String) {
        self.level = level
        self.expires = expires
    }
}

public enum LicenceLevel: String, Codable, Sendable, CaseIterable {
    case link
    case lead
    /// A senior Lead able to co-run consults (the guide's "Lead Plus" / "Lead +").
    case leadPlus = "lead-plus"

    public var title: String {
        switch self {
        case .link: "Link"
        case .lead: "Lead"
        case .leadPlus: "Lead Plus"
        }
    }

    /// A Lead or Lead Plus licence covers Link-level work too.
    public func covers(_ level: PracticeLevel) -> Bool {
        switch (self, level) {
        case (.link, .lead): false
        default: true
        }
    }
}

/// The learning pathways and trainings of the guide's entry requirements.
public enum Pathway: String, Codable, Sendable, CaseIterable, Comparable {
    case introduction
    case foundations
    case informedPractitioner = "informed-practitioner"
    case linkTraining = "link-training"
    case deepDive = "deep-dive"
    case leadTraining = "lead-training"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var title: String {
        switch self {
        case .introduction: "I Matter Introduction pathway"
        case .foundations: "Level 1-2 Foundations (with study support)"
        case .informedPractitioner: "Informed Practitioner training"
        case .linkTraining: "Link training"
        case .deepDive: "Deep Dive"
        case .leadTraining: "Lead training"
        }
    }

    /// What a level needs, beyond the licence and approval.
    public static func required(for level: PracticeLevel) -> [Pathway] {
        switch level {
        case .link: [.introduction, .foundations, .informedPractitioner, .linkTraining]
        case .lead: [.introduction, .foundations, .deepDive, .leadTraining]
        }
    }
}

extension PractitionerProfile {
    /// This profile saved on `day`: each pathway newly recorded as completed (not completed in `previous`, or
    /// completed there without a date only if it is new here) gets `day` as its date; dates already recorded
    /// are kept, and a pathway no longer completed loses its date.
    public func recordingCompletionDates(since previous: PractitionerProfile?, on day: String) -> PractitionerProfile {
        var p = self
        var dates = (previous?.completedOn ?? [:]).merging(completedOn ?? [:]) { _, new in new }
        for pathway in completed where dates[pathway.rawValue] == nil {
            if !(previous?.completed.contains(pathway) ?? false) { dates[pathway.rawValue] = day }
        }
        dates = dates.filter { key, _ in Pathway(rawValue: key).map(completed.contains) ?? false }
        p.completedOn = dates.isEmpty ? nil : dates
        return p
    }
}
