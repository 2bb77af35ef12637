import ArgumentParser
import InterviewEngine
import PracticeRules
import SessionStore
import TerminalIO
import TextSafety

/// Signs the practitioners of a priorities consult in by profile, each into a role the guide gives the type,
/// and refuses anyone whose licence or configuration does not allow the role. An id typed at the prompt that
/// is wrong (no such profile, or one who cannot take the role) is asked for again, with the list of who can.
struct ConsultSignIn {
    let store: SessionStore
    let talk: Conversation
    let today: String
    /// What to type to carry on later: `microproject continue mp-…`.
    let comeBack: String

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
        talk.sayAfterBreak(
            "The \(type.title) consult is run by: " + roles.map { Roster.title($0) }.joined(separator: " and ") + "."
        )
        // Check the people named on the command line first, so a refusal comes before any question.
        for role in roles {
            guard let id = given[role] else { continue }
            guard let profile = try Practitioners.load(id, store: store) else {
                talk.sayProblem(
                    "There is no practitioner '\(Sanitizer.visible(id))'. "
                        + (try whoCanSignIn(role, except: used) ?? "")
                        + " Nothing has changed; carry on when ready with: \(comeBack)"
                )
                return .refused(ExitStatus.notFound)
            }
            if let refusal = ConsultRoles.refusal(profile, role: role, today: today) {
                talk.sayProblem(
                    "\(profile.name) cannot take the \(Roster.title(role)) role: \(refusal). "
                        + (try whoCanSignIn(role, except: [profile.id]) ?? "")
                        + " Nothing has changed. Sign in someone who can, or update the profile, then carry on "
                        + "with: \(comeBack)"
                )
                return .refused(ExitStatus.refused)
            }
        }
        for role in roles {
            var chosen: PractitionerProfile?
            if let id = given[role] {
                chosen = try Practitioners.load(id, store: store)
            } else if !used.contains(owner.id), !given.values.contains(owner.id),
                ConsultRoles.refusal(owner, role: role, today: today) == nil
            {
                // The owner fills the first role they may take, unless the command line put them in another role.
                chosen = owner
            }
            if chosen == nil {
                switch try ask(role, except: used) {
                case .some(let profile): chosen = profile
                case .none: return .refused(ExitStatus.paused)
                }
            }
            guard let profile = chosen else { return .refused(ExitStatus.paused) }
            guard !used.contains(profile.id) else {
                talk.sayProblem(
                    "\(profile.name) is already signed in as another role; each role needs a different person. "
                        + "Nothing has changed; carry on when ready with: \(comeBack)"
                )
                return .refused(ExitStatus.refused)
            }
            used.insert(profile.id)
            members.append(Roster.Member(id: profile.id, name: profile.name, role: role))
            talk.say("\(Roster.title(role)): \(profile.name) (\(profile.id))", indent: "  ")
        }
        return .signedIn(Roster(members))
    }

    /// Asks who takes `role` until someone who may is named; nil on Ctrl-C or at the end of input (nothing
    /// is changed, and the person is told how to carry on).
    private func ask(_ role: String, except used: Set<String>) throws -> PractitionerProfile? {
        let candidates = try eligible(role, except: used)
        guard !candidates.isEmpty else {
            talk.sayProblem(
                "No practitioner profile here can take the \(Roster.title(role)) role yet. Add or update their "
                    + "profile with 'microproject practitioner add' or 'microproject practitioner update ID', then "
                    + "carry on with: \(comeBack)"
            )
            return nil
        }
        talk.say("Who is the \(Roster.title(role))? Type their practitioner id.")
        while true {
            guard
                let typed = talk.ask(
                    nil,
                    prompt: "\(role)> ",
                    completions: candidates.map(\.id)
                )?.lowercased()
            else {
                talk.say("Nobody was signed in; nothing has changed. To carry on: \(comeBack)")
                return nil
            }
            let problem: String
            if typed.isEmpty {
                problem = "Please type the practitioner id of the \(Roster.title(role))."
            } else if let profile = try Practitioners.load(typed, store: store) {
                if used.contains(profile.id) {
                    problem =
                        "\(profile.name) is already signed in as another role; each role needs a different person."
                } else if let refusal = ConsultRoles.refusal(profile, role: role, today: today) {
                    problem = "\(profile.name) cannot take the \(Roster.title(role)) role: \(refusal)."
                } else {
                    return profile
                }
            } else {
                problem = "There is no practitioner '\(Sanitizer.visible(typed))'."
            }
            talk.say(problem + " " + (try whoCanSignIn(role, except: used) ?? ""), indent: "   ", .warning)
        }
    }

    /// The profiles that may take `role` now, leaving out those already signed in.
    private func eligible(_ role: String, except used: Set<String>) throws -> [PractitionerProfile] {
        try Practitioners.all(store: store).filter {
            !used.contains($0.id) && ConsultRoles.refusal($0, role: role, today: today) == nil
        }
    }

    /// "Who can sign in as the Lead practitioner: Ann Lee (ann), Bo Chen (bo)."
    private func whoCanSignIn(_ role: String, except used: Set<String>) throws -> String? {
        let candidates = try eligible(role, except: used)
        guard !candidates.isEmpty else { return "No profile here can take the \(Roster.title(role)) role yet." }
        return "Who can sign in as the \(Roster.title(role)): "
            + candidates.map { "\($0.name) (\($0.id))" }.joined(separator: ", ") + "."
    }
}
