import TextSafety

/// What one prompt produced. The reader resolves everything else (editing, a Ctrl-C that only clears
/// the line, a line the input policy refused) itself, so the driver only has to handle these three.
public enum LineInput: Equatable, Sendable {
    /// A submitted line, without its line terminator, that passed `InputPolicy`.
    case line(String)
    /// Ctrl-C on an empty line: the person wants to pause; the caller saves and stops.
    case interrupt
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// A line that `InputPolicy` refused: nothing of it is used, and the same question is asked again.
public struct RefusedLine: Equatable, Sendable {
    /// What was wrong with it, and where.
    public let problem: InputProblem
    /// The start of what was read, made safe to print (`Sanitizer.visible`) and cut to a screen line, so
    /// a transcript of piped answers shows which line was refused.
    public let shown: String

    /// The longest `shown` gets, in characters, before it is cut with "…".
    public static let shownLength = 60

    public init(problem: InputProblem, bytes: some Collection<UInt8>) {
        self.problem = problem
        let start = String(decoding: bytes.prefix(Self.shownLength * 4), as: UTF8.self)
        let visible = Sanitizer.visible(start)
        shown =
            visible.count > Self.shownLength || bytes.count > Self.shownLength * 4
            ? String(visible.prefix(Self.shownLength)) + "…" : visible
    }

    /// The sentence for people: what was found and where, then what to do.
    public var message: String { problem.description + " Nothing was saved: " + problem.advice }
}

/// One read, before the caller's loop: a line's outcome, or a refusal to tell the person about.
public enum LineRead: Equatable, Sendable {
    case input(LineInput)
    case refused(RefusedLine)
}
