/// A problem found in a script, printed as `file:line:col: error: what (node): the fix`, then the line it is on
/// with a caret under the place (see `DiagnosticRenderer`).
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    /// How many characters from `column` the bad part covers (the caret and the `~` after it); at least 1.
    public var length: Int = 1
    /// The line of the file the problem is on, without its line break, when the file's text is known; a very long
    /// line is kept as a window around the place, with '…' where it was cut.
    public var sourceLine: String?
    /// The file column of `sourceLine`'s first character (1 unless the line was cut on the left).
    public var sourceLineStart = 1
    public var severity: Severity
    public var message: String
    /// The node id (or section) the problem is in.
    public var node: String?
    /// What to do about it.
    public var fix: String?
    /// Other places that explain this one, e.g. where a repeated field was first given.
    public var notes: [Note] = []

    /// A place printed after its diagnostic as `file:line:col: note: what`, with its own line and caret.
    public struct Note: Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var length: Int = 1
        public var sourceLine: String?
        public var sourceLineStart = 1
        public var message: String

        public init(line: Int, column: Int, length: Int = 1, sourceLine: String? = nil, message: String) {
            self.line = line
            self.column = column
            self.length = length
            self.sourceLine = sourceLine
            self.message = message
        }
    }

    public init(
        file: String,
        line: Int,
        column: Int,
        length: Int = 1,
        sourceLine: String? = nil,
        severity: Severity,
        message: String,
        node: String?,
        fix: String?
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.sourceLine = sourceLine
        self.severity = severity
        self.message = message
        self.node = node
        self.fix = fix
    }

    /// The first line alone: `file:line:col: error: what (node): the fix`.
    public var headline: String {
        var s = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let node { s += " (\(node))" }
        if let fix { s += ": \(fix)" }
        return s
    }

    /// The headline and each note's first line, without source lines: one line per place.
    public var headlines: String {
        ([headline] + notes.map { "\(file):\($0.line):\($0.column): note: \($0.message)" }).joined(separator: "\n")
    }

    /// The whole diagnostic without colour: the headline, the source line and caret, then each note likewise.
    public var description: String { DiagnosticRenderer(colour: false).render(self) }
}

/// A script that could not be loaded; every problem found, not only the first.
public struct ScriptLoadError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { DiagnosticRenderer(colour: false).render(diagnostics) }
}
