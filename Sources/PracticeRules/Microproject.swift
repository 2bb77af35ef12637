/// A microproject as its journal describes it: rebuilt by replaying `MicroprojectEvent`s.
public struct Microproject: Codable, Equatable, Sendable {
    public var id: String
    public var practitionerID: String
    public var status: MicroprojectStatus = .active
    /// Why it is paused, escalated or closed, in words for people.
    public var statusReason: String?
    /// True when the reason is a person's words or restates a concern: left out of outputs unless asked for.
    public var statusReasonSensitive = false
    /// The stage that runs next.
    public var due: Stage = .focus
    /// The stage a concern interrupted; it runs again once the escalation review says to carry on.
    public var interrupted: Stage?
    /// An earlier stage reopened to complete or correct it, and the stage that was due before: once the reopened
    /// stage is done, the cycle goes back there (and closure checks again).
    public var revisiting: Stage?
    public var returnTo: Stage?
    public var participant: String?
    public var focusAreas: [String] = []
    /// Up to three learning priorities agreed in the consult; they seed the plan and the tracker.
    public var priorities: [String] = []
    public var suggestion: TypeFinder.Suggestion?
    public var type: MicroprojectType?
    public var plannedEnd: String?
    /// Why a planned end more than six months ahead was chosen (required then).
    public var longEndReason: String?
    /// Each time the planned end date was moved later, with the reason.
    public var endDateExtensions: [EndDateExtension] = []
    /// The sessions the plan commits to: the structured (Type 3) or core (Type 4) sessions; nil for the
    /// light-touch Types 1 and 2, which have no session count.
    public var sessionsPlanned: Int?
    /// Type 4's backup sessions that may be added if needed: possible, never required for closure.
    public var backupSessionsPossible: Int?
    /// Why fewer sessions than the guide's 6 were planned (required then).
    public var fewerSessionsReason: String?
    /// Every session log, core and backup alike.
    public var sessionsLogged = 0
    /// Backup session logs among `sessionsLogged`; they do not count towards the planned sessions.
    public var backupSessionsLogged = 0
    /// The planned sessions (1 to `sessionsPlanned`) that have a log, by number, in the order logged.
    public var plannedSessionNumbersLogged: [Int] = []
    /// Planned sessions logged as not having taken place, with the reason, by number.
    public var sessionsNotHeld: [Int: String] = [:]
    /// The guide's delivery model, as planned: Types 1-2 "identified by Link staff" and "invitation into funded
    /// pilot" (yes or no), Type 3 sessions "group or 1:1" (group, one-to-one, both), Type 4's optional PCN Link
    /// staff liaison (yes or no). Nil where the type has no such part.
    public var delivery = DeliveryModel()
    public var communityWheelOffered: String?
    public var communityWheelTakenUp: String?
    /// Every stage completed, in order: the sessions the record is built from.
    public var completed: [StageResult] = []
    public var escalations: [Escalation] = []
    /// The guide's support pathways drawn on, stage by stage (safety check, session logs, reflection, reviews).
    public var supportDrawnOn: [SupportUse] = []
    /// Set once the entry requirements were checked and met for the chosen type.
    public var eligibleChecked = false
    /// The practitioner's profile as last journaled: what the record shows, never the live profile.
    public var profileAsRecorded: JournaledProfile?
    /// The other practitioners signed in to a consult, as their profiles were then, in sign-in order.
    public var consultTeamAsRecorded: [JournaledProfile] = []

    public init(id: String, practitionerID: String) {
        self.id = id
        self.practitionerID = practitionerID
    }

    public var trackerLevel: TrackerLevel? { type?.tracker }

    /// Logs that count towards the planned sessions (every log but a backup session's).
    public var plannedSessionsLogged: Int { sessionsLogged - backupSessionsLogged }

    /// The planned sessions with no log yet, by number; empty when the plan has no session count.
    public var sessionsNotLogged: [Int] {
        guard let planned = sessionsPlanned, planned >= 1 else { return [] }
        return (1...planned).filter { !plannedSessionNumbersLogged.contains($0) }
    }

    /// The number the next session log is for: the next planned session's, or for the light-touch types (which
    /// have no session count) one more than the logs so far.
    public var nextSessionLogNumber: Int { sessionsPlanned == nil ? sessionsLogged + 1 : nextSessionNumber }

    /// The number the next planned session log is for: the first planned session with no log (or the next
    /// after every planned one, for a log beyond the plan).
    public var nextSessionNumber: Int {
        sessionsNotLogged.first ?? (sessionsPlanned.map { max($0, plannedSessionNumbersLogged.max() ?? 0) } ?? 0) + 1
    }
}

/// A stage's session that reached an outcome, with the answers the cycle needs.
public struct StageResult: Codable, Equatable, Sendable {
    public var stage: Stage
    public var sessionID: String
    public var outcome: String
    /// True when the outcome is the script's safety stop (a concern, or an answer that escalates).
    public var safetyStop: Bool
    /// The concern in the person's words, or the question and answer that led to the stop.
    public var reason: String?
    /// Answers by key, as plain strings (choice values, yes/no, numbers, dates).
    public var facts: [String: String]
    /// The keys of `facts` whose questions are tagged sensitive; nil in journals written before it was kept
    /// (then every fact counts as sensitive wherever it matters).
    public var sensitiveKeys: [String]?

    public init(
        stage: Stage,
        sessionID: String,
        outcome: String,
        safetyStop: Bool = false,
        reason: String? = nil,
        facts: [String: String] = [:],
        sensitiveKeys: [String]? = []
    ) {
        self.stage = stage
        self.sessionID = sessionID
        self.outcome = outcome
        self.safetyStop = safetyStop
        self.reason = reason
        self.facts = facts
        self.sensitiveKeys = sensitiveKeys
    }

    /// True when the fact's question is tagged sensitive (or when that is not known).
    public func isSensitive(_ key: String) -> Bool { sensitiveKeys.map { $0.contains(key) } ?? true }
}

/// A concern and what was done about it.
public struct Escalation: Codable, Equatable, Sendable {
    public var stage: Stage
    public var sessionID: String
    public var reason: String
    public var at: Int64
    /// Filled in by the escalation review.
    public var consulted: String?
    public var procedure: String?
    public var decision: String?
    public var reviewSessionID: String?
}

/// What happened to a microproject. Its state is the replay of these.
public enum MicroprojectEvent: Codable, Equatable, Sendable {
    case created(practitionerID: String)
    case stageCompleted(StageResult)
    /// Entry requirements checked for the chosen type: what was missing (empty when met).
    case eligibilityChecked(missing: [String])
    /// `generated` is true when the program wrote the reason ("Paused between stages."); a reason in a
    /// person's words (nil or false) is sensitive.
    case paused(reason: String, generated: Bool? = nil)
    case resumed
    /// An earlier stage reopened to complete or correct it ("paused and revisited"); its earlier answers stay in
    /// the audit trail, and the cycle returns to the stage that was due once it is done.
    case reopened(stage: Stage)
    /// The planned end date moved later (after it passed, or before), with the reason.
    case endDateExtended(to: String, reason: String)
    /// Past the planned end, the practitioner chose to move on to reflection and closure.
    case movedToClosure
    /// A profile as it was when it was used: the microproject's own practitioner (no role) or a consult member.
    case profileRecorded(ProfileSnapshot)

    public var kind: String {
        switch self {
        case .created: "created"
        case .stageCompleted: "stage-completed"
        case .eligibilityChecked: "eligibility-checked"
        case .paused: "paused"
        case .resumed: "resumed"
        case .reopened: "reopened"
        case .endDateExtended: "end-date-extended"
        case .movedToClosure: "moved-to-closure"
        case .profileRecorded: "profile-recorded"
        }
    }
}
