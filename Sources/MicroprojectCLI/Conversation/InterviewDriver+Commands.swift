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
            let action = try modifyEvent { $0.handedOver(to: target, by: speaker, at: env.now()) }
            acknowledgeLastEntry(after: action, answering: prompt)
            return action
        case .answerAs(let role, let answer):
            let action = try modifyEvent {
                $0.answerSubmitted(answer, for: Sanitizer.visible(role), by: speaker, at: env.now())
            }
            acknowledgeLastEntry(after: action, answering: prompt)
            return action
        case .unknown(let name):
            let close = closest("/" + name, in: SlashCommand.names)
            var message = "There is no command '/\(Sanitizer.visible(name))'."
            if let close { message += " Did you mean \(close)?" }
            return .reask(prompt, problem: .frontEnd(message + " Type /help to see what you can do."))
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
