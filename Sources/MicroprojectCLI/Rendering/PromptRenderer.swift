import InterviewEngine
import TerminalIO
import TextSafety

/// Turns engine prompts and endings into text for the terminal. Everything a person typed passes through
/// `Sanitizer.visible` before it is printed.
struct PromptRenderer {
    let style: Style
    let width: Int
    /// The practitioners of a co-run session, so prompts can use their names.
    var roster = Roster()
    /// Where the interview sits in a microproject ("Step 2 of 6: Safety check"), shown over each question.
    var place: String?

    func name(_ id: String) -> String { roster.member(id)?.name ?? id }

    /// Wraps to the terminal. Single line breaks from YAML blocks are folded; blank lines stay paragraphs.
    func paragraph(_ text: String, indent: String = "") -> String {
        Terminal.wrap(folded(text), width: lineWidth, indent: indent) + "\n"
    }

    /// Single line breaks from YAML blocks folded into spaces; blank lines kept as paragraph breaks.
    func folded(_ text: String) -> String {
        text.trimmingWhitespace().split(separator: "\n\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: "\n").map { String($0).trimmingWhitespace() }.joined(separator: " ") }
            .joined(separator: "\n\n")
    }

    /// The hanging indent under a question: as wide as its number ("3. " or "12. "), so every line under it
    /// lines up with the question's text.
    func indent(_ p: Prompt) -> String { String(repeating: " ", count: "\(p.number). ".count) }

    /// "Question 3 of 12", "Question 3 of about 12", or "Question 3" when the engine cannot say.
    static func position(_ p: Prompt) -> String {
        switch p.total {
        case .exactly(let n): "Question \(p.number) of \(max(n, p.number))"
        case .about(let n): "Question \(p.number) of about \(max(n, p.number))"
        case nil: "Question \(p.number)"
        }
    }

    /// The small header over a question: where the person is.
    func header(_ p: Prompt) -> String {
        (place.map { $0 + " · " } ?? "") + Self.position(p)
    }

    func question(_ p: Prompt) -> String {
        var out = ""
        for message in p.messages {
            out += "\n" + paragraph(message.text)
            if let guidance = message.guidance { out += style.dim(paragraph("For you: " + guidance)) }
        }
        out += "\n" + style.dim(paragraph(header(p)))
        if let label = p.repetitionLabel { out += style.accent(label) + "\n" }
        if let role = roleLine(p) { out += style.accent(role) + "\n" }
        let indent = indent(p)
        let number = "\(p.number). "
        out +=
            style.bold(number)
            + Terminal.wrap(folded(p.text), width: lineWidth, first: number, rest: indent)
            .dropFirst(number.count) + "\n"
        if let guidance = p.guidance {
            out += style.dim(paragraph("For you: " + guidance, indent: indent))
        }
        out += options(p)
        if let proposal = p.proposal {
            out += style.accent(
                paragraph(
                    "\(name(proposal.by)) answered: \(Sanitizer.visible(proposal.value.display(for: p.type)))",
                    indent: indent
                )
            )
            if let who = p.awaitingAgreementFrom {
                out += style.dim(
                    paragraph(
                        "\(name(who)), press Enter (or type yes) to agree, or type a different answer.",
                        indent: indent
                    )
                )
            }
        } else if let earlier = p.earlier {
            out += style.accent(
                paragraph("Earlier answer: \(Sanitizer.visible(earlier.display(for: p.type)))", indent: indent)
            )
            out += style.dim(paragraph("Press Enter to keep it, or type a new answer.", indent: indent))
        } else if let suggested = p.defaultAnswer {
            out += style.dim(
                paragraph("Press Enter for \(Sanitizer.visible(suggested)), or type another answer.", indent: indent)
            )
        }
        out += style.dim(paragraph(hint(p), indent: indent))
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
            let count = choices.count + (p.preferNotToSay ? 1 : 0)
            let indent = indent(p)
            for (i, c) in choices.enumerated() { lines.append(choice(i + 1, c.label, of: count, under: indent)) }
            if p.preferNotToSay { lines.append(choice(count, "Prefer not to say", of: count, under: indent)) }
        case .yesNo:
            lines.append(indent(p) + "1) Yes   2) No\n")
        case .scale(let min, let max, let minLabel, let maxLabel):
            var line = "\(min) to \(max)"
            if let minLabel, let maxLabel { line += " (\(min) = \(minLabel), \(max) = \(maxLabel))" }
            lines.append(Terminal.wrap(line, width: lineWidth, indent: indent(p)) + "\n")
        default: break
        }
        return lines.joined()
    }

    /// "   1) Yes", the number padded so labels line up when there are ten or more choices; a long label's
    /// next lines line up under its first word.
    private func choice(_ n: Int, _ label: String, of count: Int, under indent: String) -> String {
        let number = "\(n))".padding("\(count))".count + 1)
        return Terminal.wrap(
            label,
            width: lineWidth,
            first: indent + number,
            rest: indent + String(repeating: " ", count: number.count)
        ) + "\n"
    }

    /// The width lines are wrapped to: the terminal's, kept between 40 and 100 columns.
    var lineWidth: Int { max(40, min(width, 100)) }

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
        if !p.required { hint += " Optional: press Enter (or type /skip) to leave it out." }
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
