import TerminalIO

extension LineReader {
    /// Reads one line for `prompt` through the input policy: a line with a control character, bytes that
    /// are not UTF-8, or more than the limit is not used; the person is told what was found and where, and
    /// the same prompt is asked again. Every prompt in the CLI reads through here.
    ///
    /// Piped answers are not echoed by a terminal, so a refused one is shown first (made safe and cut to
    /// one line), where the transcript shows each answer.
    func readLine(prompt: String, completions: [String], console: Console) -> LineInput {
        readLine(prompt: prompt, completions: completions) { refusal in
            if !isInteractive {
                console.write(prompt.filter { $0 != "\u{1}" && $0 != "\u{2}" } + refusal.shown + "\n")
            }
            let width = max(40, min(console.width, 100))
            console.write(console.style.warning(Terminal.wrap(refusal.message, width: width, indent: "   ")) + "\n")
        }
    }
}
