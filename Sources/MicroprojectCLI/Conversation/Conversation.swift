import InterviewEngine
import PracticeRules
import TerminalIO
import TextSafety

/// The one place that talks to the person: it asks, reads, echoes and renders, for every prompt in the
/// program (interview questions, the consult sign-in, the carry-on question, acknowledgements, the overdue
/// prompt, the chat home's menu). Everything it prints is wrapped at the terminal's width at the moment it
/// is printed, so after a resize the next text fits the new width; words are never split and a command
/// the person must copy is never broken (`Terminal.wrap`).
final class Conversation {
    let console: Console
    let reader: LineReader

    init(console: Console, reader: LineReader) {
        self.console = console
        self.reader = reader
    }

    var isInteractive: Bool { reader.isInteractive }
    var style: Style { console.style }

    /// The width to wrap to now: the terminal's, asked afresh each time, kept between 40 and 100 columns so
    /// lines stay readable.
    var width: Int { max(40, min(console.width, 100)) }

    /// A renderer for the width of this moment.
    func renderer(roster: Roster = Roster()) -> PromptRenderer {
        PromptRenderer(style: console.style, width: width, roster: roster)
    }

    // MARK: Saying

    enum Tone {
        case plain, bold, dim, accent, warning, success
    }

    /// Prints `text` wrapped to the width of this moment, then a line break. `indent` starts every line.
    func say(_ text: String, indent: String = "", _ tone: Tone = .plain) {
        console.write(styled(Terminal.wrap(text, width: width, indent: indent), tone) + "\n")
    }

    /// A blank line, then `text`.
    func sayAfterBreak(_ text: String, indent: String = "", _ tone: Tone = .plain) {
        console.write("\n")
        say(text, indent: indent, tone)
    }

    /// Prints text a renderer has already laid out for the width of this moment.
    func show(_ rendered: String) { console.write(rendered) }

    /// Prints to standard error, wrapped like everything else.
    func sayProblem(_ text: String) {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        console.error(Terminal.wrap(body, width: width) + "\n")
    }

    private func styled(_ text: String, _ tone: Tone) -> String {
        switch tone {
        case .plain: text
        case .bold: style.bold(text)
        case .dim: style.dim(text)
        case .accent: style.accent(text)
        case .warning: style.warning(text)
        case .success: style.success(text)
        }
    }

    // MARK: Reading

    /// The one read site of the program. Reads a line for `prompt` through the input policy (a refused line
    /// is explained and the prompt is shown again), trims it, and echoes it when the answers are piped (a
    /// terminal echoes what a person types; a pipe does not, so the transcript shows each answer beside its
    /// prompt).
    func read(prompt: String, completions: [String] = []) -> LineInput {
        let input = reader.readLine(prompt: prompt, completions: completions) { refusal in
            if !reader.isInteractive { console.write(Self.plain(prompt) + refusal.shown + "\n") }
            say(refusal.message, indent: "   ", .warning)
        }
        guard case .line(let raw) = input else {
            if reader.isInteractive || input == .interrupt { console.write("\n") }
            return input
        }
        let line = Sanitizer.cleanAnswer(raw)
        if !reader.isInteractive { console.write(Self.plain(prompt) + Sanitizer.visible(line) + "\n") }
        return .line(line)
    }

    /// Asks `question` (when given) and reads one line; nil on Ctrl-C or at the end of input.
    func ask(_ question: String?, prompt: String, completions: [String] = []) -> String? {
        if let question { say(question) }
        guard case .line(let line) = read(prompt: prompt, completions: completions) else { return nil }
        return line
    }

    /// A yes-or-no question, in the everyday words of `Vocabulary`. Anything else is asked again, never taken
    /// as an answer; Enter gives `enter` when there is one. Nil on Ctrl-C or at the end of input.
    func askYesNo(_ question: String, prompt: String, enter: Bool? = nil) -> Bool? {
        say(question)
        while true {
            guard case .line(let line) = read(prompt: prompt, completions: ["yes", "no"]) else { return nil }
            if line.isEmpty, let enter { return enter }
            let meanings = Vocabulary.meanings(of: line)
            if meanings.contains(.yes) && !meanings.contains(.no) { return true }
            if meanings.contains(.no) && !meanings.contains(.yes) { return false }
            say(
                "Sorry, I did not catch that. Please type yes or no"
                    + (enter.map { $0 ? " (Enter means yes)." : " (Enter means no)." } ?? "."),
                indent: "   ",
                .warning
            )
        }
    }

    /// Asks someone to confirm they have read something: "ok" (or another word of `Vocabulary`'s ok) goes on;
    /// anything else is asked again. False on Ctrl-C or at the end of input.
    func acknowledge(_ request: String, prompt: String) -> Bool {
        while true {
            say(request)
            guard case .line(let line) = read(prompt: prompt, completions: ["ok"]) else { return false }
            if Vocabulary.means(line, .ok) { return true }
            console.write("\n")
        }
    }

    /// One of a numbered list: by number or by key. Anything else is asked again, listing the choices.
    /// Nil on Ctrl-C or at the end of input.
    func choose(
        _ question: String?,
        options: [(key: String, label: String)],
        prompt: String,
        numbered: Bool = true
    ) -> Int? {
        if let question { say(question) }
        if numbered {
            let width = "\(options.count))".count + 1
            for (i, o) in options.enumerated() {
                let number = "\(i + 1))"
                let first = "  " + number + String(repeating: " ", count: width - number.count)
                console.write(
                    Terminal.wrap(
                        o.label,
                        width: self.width,
                        first: first,
                        rest: String(repeating: " ", count: first.count)
                    )
                        + "\n"
                )
            }
        }
        while true {
            guard case .line(let line) = read(prompt: prompt, completions: options.map(\.key)) else { return nil }
            let text = line.lowercased()
            if let n = Int(text), options.indices.contains(n - 1) { return n - 1 }
            if let i = options.firstIndex(where: { $0.key.lowercased() == text }) { return i }
            say(
                numbered
                    ? "Please type a number from 1 to \(options.count), or one of: "
                        + options.map(\.key).joined(separator: ", ") + "."
                    : "Please type one of: " + options.map(\.key).joined(separator: ", ") + ".",
                indent: "   ",
                .warning
            )
        }
    }

    /// A prompt without the markers that tell the line editor which characters take no room.
    static func plain(_ prompt: String) -> String { prompt.filter { $0 != "\u{1}" && $0 != "\u{2}" } }
}

extension Conversation {
    /// Where a stage sits in the practice cycle, for the header over its questions: "Step 2 of 6: Safety
    /// check" for the guide's six steps, and a plain name for what comes between them. Nil outside a
    /// microproject.
    static func place(ofStage raw: String?) -> String? {
        guard let raw, let stage = Stage(rawValue: raw) else { return nil }
        switch stage {
        case .focus: return "Step 1 of 6: Focus"
        case .safety: return "Step 2 of 6: Safety check"
        case .typeDecision: return "After step 2: Choosing the type"
        case .consult: return "Before step 3: Priorities consult"
        case .plan: return "Step 3 of 6: Plan"
        case .agreement: return "Step 4 of 6: Agreement"
        case .session: return "Step 5 of 6: Session log"
        case .reflection: return "Step 6 of 6: Reflection"
        case .closure: return "After step 6: Closure checklist"
        case .escalationReview: return "After a concern: What was done"
        }
    }
}
