import TextSafety
import ArgumentParser
import InterviewEngine
import PracticeRules
import SessionStore
import TerminalIO

/// Signs the practitioners of a priorities consult in by profile, each into a role the guide gives the type,
/// and refuses anyone whose licence or configuration does not allow the role.
struct ConsultSignIn {
    let store: SessionStore
    let console: Console
    let reader: LineReader
    let today: String

    enum Result {
        case signedIn(Roster)
        /// Nothing was changed; exit with this code.
        case refused(ExitCode)
    }

    /// `given` maps roles to practitioner ids from the command line; missing roles are asked for.
    func signIn(type: MicroprojectType, owner: PractitionerProfile, given: [String: String]) throws -> Result {
        var members: [Roster.Member] = []
        var used: Set<String> = []
        let roles = ConsultRoles.required(for: type)
        console.write(
            "\nThe \(type.title) consult is run by: "
                + roles.map { Roster.title($0) }.joined(separator: " and ") + ".\n"
        )
        // Check the people named on the command line first, so a refusal comes before any question.
        for role in roles {
            guard let id = given[role] else { continue }
            guard let profile = try Practitioners.load(id, store: store) else {
                console.error(
                    "There is no practitioner '\(Sanitizer.visible(id))'. Add them first with: "
                        + "microproject practitioner add\nNothing has changed; carry on with 'microproject continue' when ready.\n"
                )
                return .refused(ExitStatus.notFound)
            }
            if let refusal = ConsultRoles.refusal(profile, role: role, today: today) {
                console.error(
                    "\(profile.name) cannot take the \(Roster.title(role)) role: \(refusal).\n"
                        + "Nothing has changed. Sign in someone who can, or update the profile, then carry on with "
                        + "'microproject continue'.\n"
                )
                return .refused(ExitStatus.refused)
            }
        }
        for role in roles {
            var id = given[role]
            // The owner fills the first role they may take, unless the command line put them in another role.
            if id == nil, !used.contains(owner.id), !given.values.contains(owner.id),
                ConsultRoles.refusal(owner, role: role, today: today) == nil
            {
                id = owner.id
            }
            if id == nil {
                console.write("Who is the \(Roster.title(role))? Type their practitioner id.\n")
                guard
                    case .line(let raw) = reader.readLine(
                        prompt: "\(role)> ",
                        completions: try store.practitionerJSONs().map(\.id),
                        console: console
                    )
                else {
                    console.write("\nNobody was signed in; nothing has changed.\n")
                    return .refused(ExitStatus.paused)
                }
                id = Sanitizer.cleanAnswer(raw).lowercased()
                if !reader.isInteractive { console.write("\(role)> \(Sanitizer.visible(id ?? ""))\n") }
            }
            guard let id, let profile = try Practitioners.load(id, store: store) else {
                console.error(
                    "There is no practitioner '\(Sanitizer.visible(id ?? ""))'. Add them first with: "
                        + "microproject practitioner add\nNothing has changed; carry on with 'microproject continue' when ready.\n"
                )
                return .refused(ExitStatus.notFound)
            }
            guard !used.contains(profile.id) else {
                console.error(
                    "\(profile.name) is already signed in as another role; each role needs a different person.\n"
                )
                return .refused(ExitStatus.refused)
            }
            if let refusal = ConsultRoles.refusal(profile, role: role, today: today) {
                console.error(
                    "\(profile.name) cannot take the \(Roster.title(role)) role: \(refusal).\n"
                        + "Nothing has changed. Sign in someone who can, or update the profile, then carry on with "
                        + "'microproject continue'.\n"
                )
                return .refused(ExitStatus.refused)
            }
            used.insert(profile.id)
            members.append(Roster.Member(id: profile.id, name: profile.name, role: role))
            console.write("  \(Roster.title(role)): \(profile.name) (\(profile.id))\n")
        }
        return .signedIn(Roster(members))
    }
}
