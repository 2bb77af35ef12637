/// A problem found in a script, printed as `file:line:col: error: what (node): the fix`.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    /// The node id (or section) the problem is in.
    public var node: String?
    /// What to do about it.
    public var fix: String?
    /// Other places that explain this one, e.g. where a repeated field was first given.
    public var notes: [Note] = []

    /// A place printed after its diagnostic as `file:line:col: note: what`.
    public struct Note: Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String

        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    public init(file: String, line: Int, column: Int, severity: Severity, message: String, node: String?, fix: String?)
    {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.node = node
        self.fix = fix
    }

    public var description: String {
        var s = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let node { s += " (\(node))" }
        if let fix { s += ": \(fix)" }
        for note in notes { s += "\n\(file):\(note.line):\(note.column): note: \(note.message)" }
        return s
    }
}

/// A script that could not be loaded; every problem found, not only the first.
public struct ScriptLoadError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
