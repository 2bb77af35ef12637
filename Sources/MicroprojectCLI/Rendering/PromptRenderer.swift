import TextSafety
import InterviewEngine
import TerminalIO

/// Turns engine prompts and endings into text for the terminal. Everything a person typed passes through
/// `Sanitizer.visible` before it is printed.
struct PromptRenderer {
    let style: Style
    let width: Int
    /// The practitioners of a co-run session, so prompts can use their names.
    var roster = Roster()

    func name(_ id: String) -> String { roster.member(id)?.name ?? id }

    /// Wraps to the terminal. Single line breaks from YAML blocks are folded; blank lines stay paragraphs.
    func paragraph(_ text: String, indent: String = "") -> String {
        let paragraphs = text.trimmingWhitespace().split(separator: "\n\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: "\n").map { String($0).trimmingWhitespace() }.joined(separator: " ") }
        return paragraphs.map { Terminal.wrap($0, width: max(40, min(width, 100)), indent: indent) }
            .joined(separator: "\n\n") + "\n"
    }

    func question(_ p: Prompt) -> String {
        var out = ""
        for message in p.messages {
            out += "\n" + paragraph(message.text)
            if let guidance = message.guidance { out += style.dim(paragraph("For you: " + guidance)) }
        }
        if let label = p.repetitionLabel { out += "\n" + style.accent(label) }
        if let role = roleLine(p) { out += "\n" + style.accent(role) }
        let number = "\(p.number).".padding(3)
        out += "\n" + style.bold(number) + paragraph(p.text, indent: "   ").dropFirst(3)
        if let guidance = p.guidance {
            out += style.dim(paragraph("For you: " + guidance, indent: "   "))
        }
        out += options(p)
        if let proposal = p.proposal {
            out +=
                style.accent(
                    "   \(name(proposal.by)) answered: \(Sanitizer.visible(proposal.value.display(for: p.type)))"
                ) + "\n"
            if let who = p.awaitingAgreementFrom {
                out +=
                    style.dim("   \(name(who)), press Enter (or type yes) to agree, or type a different answer.") + "\n"
            }
        } else if let earlier = p.earlier {
            out += style.accent("   Earlier answer: \(Sanitizer.visible(earlier.display(for: p.type)))") + "\n"
            out += style.dim("   Press Enter to keep it, or type a new answer.") + "\n"
        } else if let suggested = p.defaultAnswer {
            out += style.dim("   Press Enter for \(Sanitizer.visible(suggested)), or type another answer.") + "\n"
        }
        out += style.dim(paragraph(hint(p), indent: "   "))
        return out
    }

    /// Says whose turn it is when it is not simply the practitioner's.
    func roleLine(_ p: Prompt) -> String? {
        switch p.role {
        case "practitioner", "any": return nil
        case "participant": return "Ask the participant:"
        case "both": return roster.isCoRun ? "For both practitioners to agree:" : nil
        default:
            let title = Roster.title(p.role)
            return "For the \(title)" + (p.addressedTo.map { " (\($0.name))" } ?? "") + ":"
        }
    }

    func options(_ p: Prompt) -> String {
        var lines: [String] = []
        switch p.type {
        case .oneOf(let choices), .severalOf(let choices, _, _):
            for (i, c) in choices.enumerated() { lines.append("   \(i + 1)) \(c.label)") }
            if p.preferNotToSay { lines.append("   \(choices.count + 1)) Prefer not to say") }
        case .yesNo:
            lines.append("   1) Yes   2) No")
        case .scale(let min, let max, let minLabel, let maxLabel):
            var line = "   \(min) to \(max)"
            if let minLabel, let maxLabel { line += " (\(min) = \(minLabel), \(max) = \(maxLabel))" }
            lines.append(line)
        default: break
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    func hint(_ p: Prompt) -> String {
        var hint: String
        switch p.type {
        case .yesNo: hint = "Answer yes or no."
        case .oneOf: hint = "Type a number or a name (Tab completes)."
        case .severalOf(_, let min, let max):
            hint = "Type the numbers of all that apply, separated by commas"
            hint += min == 0 ? ", or none." : " (at least \(min)\(max < Int.max ? ", up to \(max)" : ""))."
        case .number(let min, let max, _):
            hint = "Type a number"
            if let min, let max { hint += " from \(AnswerValue.format(min)) to \(AnswerValue.format(max))" }
            hint += "."
        case .date: hint = "Type a date like 2026-12-31, or 'today'."
        case .scale(let min, let max, _, _): hint = "Type a number from \(min) to \(max)."
        case .shortText, .longText: hint = "Type your answer and press Enter."
        }
        if !p.required { hint += " Optional: /skip to leave it." }
        if p.preferNotToSay, p.type.choices.isEmpty { hint += " You can say 'prefer not to say'." }
        return hint + " /help for more."
    }

    /// The line editor's prompt: whose turn it is.
    func inputPrompt(_ p: Prompt) -> String {
        if let confirmer = p.awaitingAgreementFrom {
            let role = roster.member(confirmer).map { " (\($0.role))" } ?? ""
            return style.promptSafe(style.accent(confirmer + role)) + "> "
        }
        if let speaker = p.speaker { return style.promptSafe(style.accent("\(speaker.id) (\(speaker.role))")) + "> " }
        let who = p.role == "any" ? "practitioner" : p.role
        return style.promptSafe(style.accent(who)) + "> "
    }

    /// Words for Tab: choice labels, yes/no and the slash commands.
    func completions(_ p: Prompt) -> [String] {
        var words: [String] = []
        switch p.type {
        case .oneOf(let c), .severalOf(let c, _, _): words += c.map(\.label)
        case .yesNo: words += ["yes", "no"]
        case .date: words += ["today"]
        default: break
        }
        if p.preferNotToSay { words.append("prefer not to say") }
        return words + SlashCommand.names
    }

    func ending(_ e: Ending) -> String {
        var out = "\n"
        if e.byConcern { out += style.warning(paragraph(e.guidance ?? "")) + "\n" }
        for message in e.messages {
            out += paragraph(message.text)
            if let guidance = message.guidance { out += style.dim(paragraph("For you: " + guidance)) }
            out += "\n"
        }
        out += style.bold("Outcome: \(e.outcome.title)") + "\n"
        if !e.byConcern, let guidance = e.guidance {
            let text = paragraph("For you: " + guidance)
            out += e.isSafetyStop ? style.warning(text) : style.dim(text)
        }
        return out
    }
}

extension String {
    /// Pads on the right so question text lines up under short numbers.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }

    var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
}
