/// The sessions a plan commits to, read from the planning answers by the guide's delivery models: Types 3 and 4
/// plan 6 structured (core) sessions, fewer only with a recorded reason; Type 4 may add backup sessions, which
/// are possible rather than planned; Types 1 and 2 are light touch and have no session count.
public struct SessionPlan: Equatable, Sendable {
    /// The guide's number of structured (Type 3) or core (Type 4) sessions.
    public static let guideSessions = 6

    /// Planned sessions; nil for Types 1 and 2.
    public var sessions: Int?
    /// Type 4 only: backup sessions that may be added if needed; nil for other types.
    public var backupPossible: Int?
    /// Why fewer than the guide's 6 sessions were planned.
    public var fewerReason: String?

    /// Throws when the answers bend the guide: fewer than 6 sessions without a reason, or backup sessions for a
    /// type other than 4.
    public init(type: MicroprojectType, facts: [String: String]) throws {
        func whole(_ key: String) -> Int? { facts[key].flatMap { Double($0) }.map { Int($0) } }
        guard let core = type.coreSessions else {
            if (whole("backup-sessions") ?? 0) > 0 {
                throw MicroprojectMachine.InvalidEvent.backupSessionsTypeFourOnly
            }
            return
        }
        let planned = whole("sessions") ?? core
        let reason = facts["fewer-sessions-reason"] ?? ""
        if planned < core, reason.allSatisfy(\.isWhitespace) {
            throw MicroprojectMachine.InvalidEvent.fewerSessionsNeedReason(type, guideSessions: core)
        }
        sessions = planned
        fewerReason = planned < core ? reason : nil
        if type.allowsBackupSessions {
            backupPossible = whole("backup-sessions") ?? 0
        } else if (whole("backup-sessions") ?? 0) > 0 {
            throw MicroprojectMachine.InvalidEvent.backupSessionsTypeFourOnly
        }
    }
}
