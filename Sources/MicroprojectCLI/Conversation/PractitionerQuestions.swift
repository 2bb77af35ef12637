import ArgumentParser
import InterviewEngine
import PracticeRules
import SessionStore
import TextSafety

/// The questions about practitioners that come before an interview: who is running a microproject, and
/// whether a new profile's id is free.
enum PractitionerQuestions {
    /// The practitioner for a command: the id given, else the only profile, else asked for by name from the
    /// list (piped answers give it on their first line, like any other answer).
    static func choose(_ id: String?, store: SessionStore, talk: Conversation) throws -> PractitionerProfile {
        if let id { return try Practitioners.choose(id, store: store) }
        let all = try Practitioners.all(store: store)
        guard all.count > 1 else { return try Practitioners.choose(nil, store: store) }
        let options = all.map { (key: $0.id, label: "\($0.name) (\($0.id))") }
        guard let picked = talk.choose("Who is running it?", options: options, prompt: "practitioner> ") else {
            throw CLIError(
                message: "Nobody was chosen, so nothing was started. Say who is running it with --practitioner ID ("
                    + all.map(\.id).joined(separator: ", ") + ").",
                code: ExitStatus.usage
            )
        }
        talk.say("Running it: \(all[picked].name).", indent: "   ", .dim)
        return all[picked]
    }

    /// The key of the profile script's id question.
    static let idQuestion = "practitioner-id"

    /// Checks the id typed at the profile script's id question before anything else is asked: an id that is
    /// already taken is refused at once. On a terminal the question is asked again (nothing is lost: it is the
    /// first question); with piped answers the command ends with "cannot create", before any other question.
    static func newIDCheck(store: SessionStore, interactive: Bool) -> (Prompt, String) throws -> String? {
        { prompt, typed in
            guard prompt.key == idQuestion, !typed.hasPrefix("/") else { return nil }
            let id = typed.lowercased()
            guard (try? store.practitionerJSON(id: id)) != nil else { return nil }
            let taken = "A practitioner '\(Sanitizer.visible(id))' already exists, so this id cannot be used again."
            let update = "To change their profile: microproject practitioner update \(Sanitizer.visible(id)) --help"
            guard interactive else {
                throw CLIError(
                    message: taken + " Nothing was saved. " + update
                        + "; to add someone else, run 'microproject practitioner add' with a different id.",
                    code: ExitStatus.cannotCreate
                )
            }
            return taken + " Please type a different id. " + update
        }
    }
}
