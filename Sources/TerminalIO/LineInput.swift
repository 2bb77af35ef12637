/// What one prompt produced. The reader resolves everything else (editing, a Ctrl-C that only clears
/// the line) itself, so the driver only has to handle these three outcomes.
public enum LineInput: Equatable, Sendable {
    /// A submitted line, without its line terminator.
    case line(String)
    /// Ctrl-C on an empty line: the person wants to pause; the caller saves and stops.
    case interrupt
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}
