import InterviewEngine
import PromptScripts
import TerminalIO
import TextSafety

extension InterviewDriver {
    /// Carries out a slash command. Commands that only show something leave the journal alone.
    func handle(_ command: SlashCommand, prompt: Prompt) throws -> Action {
        switch command {
        case .help:
            return .acknowledge(SlashCommand.helpText, prompt)
        case .back:
            return try modifyEvent { $0.wentBack(by: speaker, at: env.now()) }
        case .review(let showSensitive):
            return .acknowledge(review(showSensitive: showSensitive), prompt)
        case .whereAmI:
            let answered = machine.routeAnswers.count
            let position = PromptRenderer.position(prompt).lowercased()
            return .acknowledge(
                (place.map { "\($0). " } ?? "")
                    + "You are on \(position) in the \(machine.script.title.lowercased()). "
                    + "\(answered) answer\(answered == 1 ? "" : "s") saved so far. "
                    + "To stop and carry on later: /pause, then \(comeBack)",
                prompt
            )
        case .note(let given):
            let text = given.isEmpty ? askFollowUp("What would you like to note? (Enter to cancel)") : given
            guard let text, !text.isEmpty else { return .acknowledge("No note added.", prompt) }
            return try modifyEvent { $0.noteAdded(text, by: speaker, at: env.now()) }
        case .skip:
            let action = try modifyEvent { $0.skipRequested(by: speaker, at: env.now()) }
            acknowledgeLastEntry(after: action, answering: prompt)
            return action
        case .concern(let given):
            let text =
                given.isEmpty
                ? askFollowUp(
                    "Briefly, what is the concern? It goes into the record. (Enter to raise it without detail)"
                )
                : given
            guard let text else {
                return .acknowledge(
                    "No concern was raised. If you are worried, type /concern again at any time.",
                    prompt
                )
            }
            let detail = text.isEmpty ? "No detail was given." : text
            return try modifyEvent { $0.concernRaised(detail, by: speaker, at: env.now()) }
        case .pause:
            return try modifyEvent { $0.paused(reason: "pause", by: speaker, at: env.now()) }
        case .quit:
            return try modifyEvent { $0.paused(reason: "quit", by: speaker, at: env.now()) }
        case .handover(let target):
            let roster = machine.roster
            let to =
                target.isEmpty
                ? roster.other(than: speaker)
                : roster.members.first { $0.role == target.lowercased() || $0.id == target.lowercased() }
            guard let to else {
                return .reask(
                    prompt,
                    problem: roster.isCoRun
                        ? "Hand over to whom? Type /handover followed by a role or an id: "
                            + roster.members.map { "\($0.role) (\($0.id))" }.joined(separator: ", ") + "."
                        : "Only one practitioner is signed in, so there is no one to hand over to."
                )
            }
            let action = try modifyEvent { $0.handedOver(to: to.id, by: speaker, at: env.now()) }
            if case .reask = action { return action }
            talk.say("\(to.name) now has the keyboard.", indent: renderer.indent(prompt))
            return action
        case .answerAs(let role, let answer):
            guard
                let member = machine.roster.members.first(where: {
                    $0.role == role.lowercased() || $0.id == role.lowercased()
                })
            else {
                return .reask(
                    prompt,
                    problem: machine.roster.isCoRun
                        ? "No one signed in has the role '\(Sanitizer.visible(role))'. Roles here: "
                            + machine.roster.members.map(\.role).joined(separator: ", ") + "."
                        : "/as is for co-run consults, where two practitioners are signed in."
                )
            }
            guard !answer.isEmpty else {
                return .reask(
                    prompt,
                    problem: "Type the answer after the role, for example: /as \(member.role) Feeling more settled."
                )
            }
            // Typing your own answer with /as is just answering: no "typed by".
            let typist = member.id == speaker ? nil : speaker
            let action = try modifyEvent { $0.answerSubmitted(answer, by: member.id, at: env.now(), enteredBy: typist) }
            acknowledgeLastEntry(after: action, answering: prompt)
            return action
        case .unknown(let name):
            let close = closest("/" + name, in: SlashCommand.names)
            var message = "There is no command '/\(Sanitizer.visible(name))'."
            if let close { message += " Did you mean \(close)?" }
            return .reask(prompt, problem: message + " Type /help to see what you can do.")
        }
    }

    /// A one-line follow-up question (the text of a note or a concern). Nil on Ctrl-C or end of input.
    private func askFollowUp(_ question: String) -> String? {
        talk.say(question, indent: "   ")
        return talk.ask(nil, prompt: "   > ")
    }

    private func review(showSensitive: Bool) -> String {
        let answers = machine.routeAnswers
        guard !answers.isEmpty else { return "No answers yet." }
        var out = "Your answers so far:\n"
        for a in answers {
            let shown =
                a.sensitive && !showSensitive ? "(sensitive: /review all to show)" : Sanitizer.visible(a.display)
            out += "  \(a.question)\n    \(console.style.accent(shown))\n"
        }
        return out
    }
}
