import InterviewEngine
import PracticeRules

extension MicroprojectRecord {
    /// Older microprojects journaled no profile; their records say so rather than read today's profile.
    public static let profileNotJournaled =
        "Not journaled: this microproject began before profiles were journaled with it (record format 1 without "
        + "profileAsRecorded), so its licence and trainings as they were are not known. The name is the one its "
        + "first stage session recorded."

    /// The profiles a microproject used, as they were then.
    public struct ProfileAsRecorded: Codable, Equatable, Sendable {
        /// False for a microproject whose journal holds no profile (see `note`).
        public var journaled: Bool
        public var note: String?
        public var practitioner: ProfileFacts?
        /// The other practitioners signed in to the consult, with their roles; absent when there was none.
        public var consultTeam: [ProfileFacts]?

        public init(journaled: Bool, note: String?, practitioner: ProfileFacts?, consultTeam: [ProfileFacts]?) {
            self.journaled = journaled
            self.note = note
            self.practitioner = practitioner
            self.consultTeam = consultTeam
        }

        /// From the journal: the latest profile of the practitioner, and each consult member's.
        public init(practitioner: JournaledProfile?, consultTeam: [JournaledProfile]) {
            self.init(
                journaled: practitioner != nil,
                note: practitioner == nil ? MicroprojectRecord.profileNotJournaled : nil,
                practitioner: practitioner.map(ProfileFacts.init),
                consultTeam: consultTeam.isEmpty ? nil : consultTeam.map(ProfileFacts.init)
            )
        }
    }

    /// One profile as journaled: what the entry requirements and the consult roles read.
    public struct ProfileFacts: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var role: String?
        public var licenceLevel: String?
        /// The last day the licence was valid, YYYY-MM-DD.
        public var licenceExpires: String?
        public var completed: [String]
        public var organisationalApproval: Bool
        public var peerLearning: [String]
        public var seniorConsultant: Bool
        /// Practice readiness as confirmed then: item to YYYY-MM-DD.
        public var practiceReadiness: [String: String]?
        public var rulesVersion: Int
        /// When this profile was journaled (ISO 8601, UTC).
        public var recordedAt: String

        public init(_ journaled: JournaledProfile) {
            let p = journaled.profile
            id = p.id
            name = p.name
            role = p.role
            licenceLevel = p.licence?.level.rawValue
            licenceExpires = p.licence?.expires
            completed = p.completed.map(\.rawValue)
            organisationalApproval = p.organisationalApproval
            peerLearning = p.peerLearning
            seniorConsultant = p.seniorConsultant
            practiceReadiness = p.practiceReadiness
            rulesVersion = p.rulesVersion
            recordedAt = CivilTime.iso8601(journaled.at)
        }
    }
}
