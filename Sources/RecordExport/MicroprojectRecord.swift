import Foundation
import InterviewEngine
import PracticeRules

/// The complete learning capture record of a microproject: the cycle's facts plus every stage's own record,
/// built from the journals alone, so building it again gives the same bytes.
public struct MicroprojectRecord: Codable, Equatable, Sendable {
    public static let currentSchemaVersion = 1

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
    public var endDateExtensions: [EndDateExtension]?
    public var safetyOutcome: String?
    public var communityWheel: CommunityWheel
    public var reflection: [String: String]?
    public var closureChecklist: [String: String]?
    public var escalations: [Escalation]
    public var stages: [StageRecord]
    public var startedAt: String
    public var updatedAt: String

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
        escalations: [Escalation],
        stages: [StageRecord],
        startedAt: String,
        updatedAt: String
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

    public var markdown: String {
        var out = "# Microproject \(microprojectID): learning capture record\n\n"
        out += "- **Practitioner:** \(CaptureRecord.inline(practitioner.name)) (\(practitioner.id))\n"
        out += "- **Participant code:** \(participant.map(CaptureRecord.inline) ?? "not yet given")\n"
        out += "- **Type:** \(type?.title ?? "not yet chosen")"
        if let s = suggestedType, typeChangedFromSuggestion { out += " (suggested: \(s.title))" }
        out +=
            "\n- **Tracker:** \(trackerLevel ?? "-")\n- **Status:** \(status)\(statusReason.map { ": " + CaptureRecord.inline($0) } ?? "")\n"
        out += "- **Planned end:** \(plannedEnd ?? "-")   **Sessions:** \(sessionsLogged) logged"
        out += sessionsPlanned.map { " of \($0) planned" } ?? ""
        out += backupSessionsPossible.map { $0 > 0 ? " (and up to \($0) backup if needed)" : "" } ?? ""
        out +=
            "\n- **Community Wheel:** offered \(communityWheel.offered ?? "-"), taken up \(communityWheel.takenUp ?? "-")\n"
        out += "- **Started:** \(startedAt)   **Last change:** \(updatedAt)\n"
        if !focusAreas.isEmpty {
            out += "\n## Focus areas\n\n" + focusAreas.map { "- \(CaptureRecord.inline($0))\n" }.joined()
        }
        if !escalations.isEmpty {
            out += "\n## Concerns and what was done\n\n"
            for e in escalations {
                out += "- During \(e.stage.title.lowercased()): \(CaptureRecord.inline(e.reason)). "
                out +=
                    e.decision.map { "Consulted \(CaptureRecord.inline(e.consulted ?? "-")); decision: \($0)." }
                    ?? "Not yet reviewed."
                out += "\n"
            }
        }
        if let reflection {
            out += "\n## Reflection\n\n"
            for item in Closure.reflectionItems {
                out +=
                    "- **\(item.title.prefix(1).uppercased() + item.title.dropFirst()):** \(CaptureRecord.inline(reflection[item.key] ?? "-"))\n"
            }
        }
        out += "\n## Stages\n\n"
        for s in stages { out += "- \(s.title): \(s.record.outcome.title) (session \(s.sessionID))\n" }
        return out
    }
}
