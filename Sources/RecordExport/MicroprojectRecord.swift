import Foundation
import InterviewEngine
import PracticeRules

/// The complete learning capture record of a microproject: the cycle's facts plus every stage's own record,
/// built from the journals alone, so building it again gives the same bytes.
///
/// Version 2: `escalations[].at` is an ISO 8601 time like every other time (it was epoch milliseconds), and
/// `sensitiveFields` names the fields holding sensitive values in a record disclosed in full.
public struct MicroprojectRecord: Codable, Equatable, Sendable {
    public static let currentSchemaVersion = 2

    public var schemaVersion = currentSchemaVersion
    public var recordType = "microproject-record"
    public var microprojectID: String
    public var practitioner: PractitionerReference
    /// The practitioner's profile (and the consult team's) as journaled when used, not as it is now.
    public var profileAsRecorded: ProfileAsRecorded?
    public var participant: String?
    public var type: TypeReference?
    public var suggestedType: TypeReference?
    public var typeChangedFromSuggestion: Bool
    public var trackerLevel: String?
    public var focusAreas: [String]
    public var priorities: [String]
    public var status: String
    public var statusReason: String?
    public var plannedEnd: String?
    /// The structured (Type 3) or core (Type 4) sessions planned; none for Types 1 and 2.
    public var sessionsPlanned: Int?
    public var sessionsLogged: Int
    /// Type 4: backup sessions that may be added if needed (possible, never required for closure).
    public var backupSessionsPossible: Int?
    /// Why fewer sessions than the guide's 6 were planned.
    public var fewerSessionsReason: String?
    /// The delivery model as planned (Types 1-2 identification and pilot invitation, Type 3 session format,
    /// Type 4 PCN liaison); nil before the plan.
    public var delivery: DeliveryModel?
    /// The guide's support pathways drawn on, stage by stage.
    public var supportDrawnOn: [SupportUse]?
    /// Why a planned end more than six months ahead was chosen.
    public var longEndReason: String?
    /// Each time the planned end date was moved later, with the reason.
    public var endDateExtensions: [ExtensionEntry]?
    public var safetyOutcome: String?
    public var communityWheel: CommunityWheel
    public var reflection: [String: String]?
    public var closureChecklist: [String: String]?
    public var escalations: [EscalationEntry]
    public var stages: [StageRecord]
    public var startedAt: String
    public var updatedAt: String
    /// The fields whose values are sensitive, as paths: `statusReason`, `suggestedType.reason`,
    /// `reflection.KEY`, `closureChecklist.KEY`. Escalations' reason, consulted and procedure, concerns' words
    /// and answers marked `sensitive` are sensitive by definition and not listed. Only a record disclosed in
    /// full carries the list; redaction uses it and then drops it.
    public var sensitiveFields: [String]?
    /// How the record was disclosed; never encoded. Only `disclosed(.everything)` lets sensitive values be
    /// encoded: any other record encodes without them.
    var disclosure = DisclosureMark()

    enum CodingKeys: String, CodingKey {
        case schemaVersion, recordType, microprojectID, practitioner, profileAsRecorded, participant, type
        case suggestedType
        case typeChangedFromSuggestion, trackerLevel, focusAreas, priorities, status, statusReason, plannedEnd
        case sessionsPlanned, backupSessionsPossible, fewerSessionsReason, delivery, supportDrawnOn, longEndReason
        case endDateExtensions, sessionsLogged, safetyOutcome, communityWheel, reflection, closureChecklist
        case escalations, stages, startedAt, updatedAt, sensitiveFields
    }

    public init(
        microprojectID: String,
        practitioner: PractitionerReference,
        profileAsRecorded: ProfileAsRecorded? = nil,
        participant: String?,
        type: TypeReference?,
        suggestedType: TypeReference?,
        typeChangedFromSuggestion: Bool,
        trackerLevel: String?,
        focusAreas: [String],
        priorities: [String],
        status: String,
        statusReason: String?,
        plannedEnd: String?,
        sessionsPlanned: Int?,
        sessionsLogged: Int,
        safetyOutcome: String?,
        communityWheel: CommunityWheel,
        reflection: [String: String]?,
        closureChecklist: [String: String]?,
        escalations: [EscalationEntry],
        stages: [StageRecord],
        startedAt: String,
        updatedAt: String,
        sensitiveFields: [String] = []
    ) {
        self.microprojectID = microprojectID
        self.practitioner = practitioner
        self.profileAsRecorded = profileAsRecorded
        self.participant = participant
        self.type = type
        self.suggestedType = suggestedType
        self.typeChangedFromSuggestion = typeChangedFromSuggestion
        self.trackerLevel = trackerLevel
        self.focusAreas = focusAreas
        self.priorities = priorities
        self.status = status
        self.statusReason = statusReason
        self.plannedEnd = plannedEnd
        self.sessionsPlanned = sessionsPlanned
        self.sessionsLogged = sessionsLogged
        self.safetyOutcome = safetyOutcome
        self.communityWheel = communityWheel
        self.reflection = reflection
        self.closureChecklist = closureChecklist
        self.escalations = escalations
        self.stages = stages
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.sensitiveFields = sensitiveFields
    }

    /// A concern and what was done about it. Its reason and the review's words are sensitive by definition.
    public struct EscalationEntry: Codable, Equatable, Sendable {
        public var stage: Stage
        public var sessionID: String
        public var reason: String
        /// When the concern was raised, ISO 8601 in UTC.
        public var at: String
        public var consulted: String?
        public var procedure: String?
        public var decision: String?
        public var reviewSessionID: String?

        public init(_ e: Escalation) {
            stage = e.stage
            sessionID = e.sessionID
            reason = e.reason
            at = CivilTime.iso8601(e.at)
            consulted = e.consulted
            procedure = e.procedure
            decision = e.decision
            reviewSessionID = e.reviewSessionID
        }
    }

    /// A planned end date moved later, with the reason; `at` is ISO 8601 in UTC like every time in a record.
    public struct ExtensionEntry: Codable, Equatable, Sendable {
        public var from: String
        public var to: String
        public var reason: String
        public var at: String

        public init(_ e: EndDateExtension) {
            from = e.from
            to = e.to
            reason = e.reason
            at = CivilTime.iso8601(e.at)
        }
    }

    public struct PractitionerReference: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var licenceLevel: String?

        public init(id: String, name: String, licenceLevel: String?) {
            self.id = id
            self.name = name
            self.licenceLevel = licenceLevel
        }
    }

    public struct TypeReference: Codable, Equatable, Sendable {
        public var number: Int
        public var title: String
        public var level: String
        public var reason: String?

        public init(number: Int, title: String, level: String, reason: String?) {
            self.number = number
            self.title = title
            self.level = level
            self.reason = reason
        }
    }

    public struct CommunityWheel: Codable, Equatable, Sendable {
        /// monthly-session, peer-learning, both or not-now, from the plan.
        public var offered: String?
        /// yes, no or not-offered, from the closure checklist.
        public var takenUp: String?

        public init(offered: String?, takenUp: String?) {
            self.offered = offered
            self.takenUp = takenUp
        }
    }

    public struct StageRecord: Codable, Equatable, Sendable {
        public var stage: String
        public var title: String
        public var sessionID: String
        public var outcome: String
        public var record: CaptureRecord

        public init(stage: String, title: String, sessionID: String, outcome: String, record: CaptureRecord) {
            self.stage = stage
            self.title = title
            self.sessionID = sessionID
            self.outcome = outcome
            self.record = record
        }
    }
}
