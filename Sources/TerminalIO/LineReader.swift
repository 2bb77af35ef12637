import TextSafety

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One way of reading answers, so the driver is the same for a person at a terminal and for a script.
///
/// Every line goes through `InputPolicy` (module TextSafety) inside the reader: a line with a control
/// character, invalid UTF-8, or more than `InputPolicy.maximumBytes` bytes comes back as `.refused`, whole
/// and unchanged lines as `.input(.line)`. Nothing is cut or repaired on the way.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (interactive readers only) and reads one line.
    /// - Parameter completions: the words Tab may complete to for this prompt
    ///   (choice labels, numbers, slash commands); plain readers ignore them.
    func nextLine(prompt: String, completions: [String]) -> LineRead

    /// Whether a person is typing, so the driver knows to echo answers read from a file.
    var isInteractive: Bool { get }
}

extension LineReader {
    /// Reads until a line passes the input policy, Ctrl-C, or the end of input. Each refused line is
    /// handed to `refused` (to tell the person what was wrong) and the same prompt is shown again.
    public func readLine(
        prompt: String,
        completions: [String],
        refused: (RefusedLine) -> Void
    ) -> LineInput {
        while true {
            switch nextLine(prompt: prompt, completions: completions) {
            case .input(let input): return input
            case .refused(let refusal): refused(refusal)
            }
        }
    }
}

/// Picks the reader: line editing only for a person at a terminal, plain reading for pipes and
/// `--answers FILE`, which keeps scripted runs deterministic.
public func makeLineReader(answersFile: String?) throws -> LineReader {
    if let answersFile {
        return try PlainReader(path: answersFile)
    }
    if Terminal.isInteractive {
        return EditlineReader()
    }
    return PlainReader()
}
