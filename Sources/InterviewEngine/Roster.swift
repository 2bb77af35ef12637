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

    /// Who holds `role` when it is not `actor`: the one who should answer a question addressed to that role.
    func holderOtherThan(actor: String, role: String) -> Member? {
        guard !members.isEmpty, let holder = holder(of: role), holder.id != actor else { return nil }
        return holder
    }

    /// The member a person names by role or id ("lead", "sam"), ignoring case.
    public func named(_ typed: String) -> Member? {
        let lowered = typed.trimmingWhitespace().lowercased()
        return members.first { $0.role == lowered || $0.id == lowered }
    }

    /// The other person in a two-person roster.
    public func other(than id: String) -> Member? { members.first { $0.id != id } }
}
