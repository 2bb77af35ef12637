/// Who is running the interview and in which role: one person (empty roster, no role checks) or a Link and a
/// Lead co-running a consult at one keyboard.
public struct Roster: Codable, Equatable, Sendable {
    public struct Member: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        /// link, lead, lead-plus or consultant.
        public var role: String

        public init(id: String, name: String, role: String) {
            self.id = id
            self.name = name
            self.role = role
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public var isCoRun: Bool { members.count >= 2 }

    public func member(_ id: String) -> Member? { members.first { $0.id == id } }
    public func holder(of role: String) -> Member? { members.first { $0.role == role } }

    /// The role's name for people: "Lead Plus", "senior consultant".
    public static func title(_ role: String) -> String {
        switch role {
        case "link": "Link practitioner"
        case "lead": "Lead practitioner"
        case "lead-plus": "Lead Plus"
        case "consultant": "senior consultant"
        case "both": "both practitioners"
        default: role
        }
    }

    /// Why `actor` may not answer a question addressed to `role`, or nil when they may.
    func refusal(actor: String, role: String) -> String? {
        guard !members.isEmpty, let holder = holder(of: role), holder.id != actor else { return nil }
        return "This question is for the \(Self.title(role)), \(holder.name). Type /handover to pass the keyboard "
            + "to \(holder.name), or /as \(role) to type their answer for them."
    }

    /// The other person in a two-person roster.
    public func other(than id: String) -> Member? { members.first { $0.id != id } }
}
