/// A practitioner's profile as it was when a microproject used it: at its start, before each of its events
/// (entry checks, stages, closure) and at a consult sign-in. It is journaled with the microproject, so a
/// record rebuilt at any later time reads these facts and never the profile as it is now.
public struct ProfileSnapshot: Codable, Equatable, Sendable {
    /// The version of the practice rules (types, levels, entry requirements) the facts were judged under.
    /// Raise it when a rule changes meaning.
    public static let currentRulesVersion = 2

    public var id: String
    public var name: String
    public var licence: Licence?
    /// The pathways and trainings completed, in the guide's order.
    public var completed: [Pathway]
    public var organisationalApproval: Bool
    /// Peer learning or reflective discussion sessions attended, as YYYY-MM-DD days, oldest first.
    public var peerLearning: [String]
    public var seniorConsultant: Bool
    /// Practice readiness as confirmed then (item to day); nil in snapshots from before rules version 2.
    public var practiceReadiness: [String: String]?
    /// The consult role the person was signed in for; nil for the microproject's own practitioner.
    public var role: String?
    public var rulesVersion: Int

    public init(_ profile: PractitionerProfile, role: String? = nil, rulesVersion: Int = currentRulesVersion) {
        id = profile.id
        name = profile.name
        licence = profile.licence
        completed = profile.completed.sorted()
        organisationalApproval = profile.organisationalApproval
        peerLearning = profile.peerLearning.sorted()
        seniorConsultant = profile.seniorConsultant == true
        practiceReadiness = profile.practiceReadiness
        self.role = role
        self.rulesVersion = rulesVersion
    }
}

/// A snapshot with the time its event was journaled.
public struct JournaledProfile: Codable, Equatable, Sendable {
    public var profile: ProfileSnapshot
    /// Milliseconds since 1970-01-01 UTC.
    public var at: Int64
}
