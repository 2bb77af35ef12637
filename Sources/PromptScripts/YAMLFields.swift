import InterviewEngine
import Yams

/// Reads one YAML mapping field by field, reporting unknown or mistyped fields with their position.
struct YAMLFields {
    let node: Yams.Node
    let pairs: [(key: String, keyNode: Yams.Node, value: Yams.Node)]
    let context: String?
    var report: Reporter

    init?(_ node: Yams.Node, context: String?, report: Reporter, what: String) {
        guard case .mapping(let mapping) = node else {
            report.error(
                at: node,
                "\(what) should be a set of 'field: value' lines",
                node: context,
                fix: "write it as fields, e.g. 'id: my-question'"
            )
            return nil
        }
        self.node = node
        self.pairs = mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
        self.context = context
        self.report = report
    }

    func value(_ key: String) -> Yams.Node? { pairs.first { $0.key == key }?.value }
    func has(_ key: String) -> Bool { value(key) != nil }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key) else {
            if required {
                report.error(at: node, "missing '\(key)'", node: context, fix: "add a '\(key):' line")
            }
            return nil
        }
        guard case .scalar(let s) = v else {
            report.error(
                at: v,
                "'\(key)' should be text",
                node: context,
                fix: "write it on one line after '\(key):', or use '|' for several lines"
            )
            return nil
        }
        // Block scalars (`|`) end with a newline that is layout, not content.
        return s.string.trimmingWhitespace()
    }

    func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let v = value(key) else { return fallback }
        switch v.string?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report.error(
                at: v,
                "'\(key)' should be yes or no",
                node: context,
                fix: "write '\(key): yes' or '\(key): no'"
            )
            return fallback
        }
    }

    func int(_ key: String) -> Int? {
        guard let v = value(key) else { return nil }
        guard let s = v.string, let n = Int(s) else {
            report.error(at: v, "'\(key)' should be a whole number", node: context, fix: "write e.g. '\(key): 3'")
            return nil
        }
        return n
    }

    func number(_ key: String) -> Double? {
        guard let v = value(key) else { return nil }
        guard let s = v.string, let n = Double(s) else {
            report.error(at: v, "'\(key)' should be a number", node: context, fix: "write e.g. '\(key): 10'")
            return nil
        }
        return n
    }

    func sequence(_ key: String) -> [Yams.Node]? {
        guard let v = value(key) else { return nil }
        guard case .sequence(let seq) = v else {
            report.error(
                at: v,
                "'\(key)' should be a list",
                node: context,
                fix: "put each item on its own line starting with '- '"
            )
            return nil
        }
        return Array(seq)
    }

    /// Flags fields the format does not know, with the closest known name as the fix.
    func rejectUnknown(allowed: [String]) {
        for pair in pairs where !allowed.contains(pair.key) {
            let suggestion = allowed.min { editDistance($0, pair.key) < editDistance($1, pair.key) }
            let fix =
                suggestion.flatMap { editDistance($0, pair.key) <= 3 ? "did you mean '\($0)'?" : nil }
                ?? "the fields allowed here are: \(allowed.joined(separator: ", "))"
            report.error(at: pair.keyNode, "unknown field '\(pair.key)'", node: context, fix: fix)
        }
    }
}

/// Collects diagnostics while a file is walked; a class so every reader shares one list.
final class Reporter {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The file's text, once read, so every place reported is inside it.
    var source: SourceText?

    init(file: String) { self.file = file }

    func error(
        at node: Yams.Node?,
        _ message: String,
        node id: String?,
        fix: String?,
        offset: Int = 0,
        notes: [Diagnostic.Note] = []
    ) {
        add(.error, at: node, message, node: id, fix: fix, offset: offset)
        diagnostics[diagnostics.count - 1].notes = notes.map { note in
            let place = source?.clamped(line: note.line, column: note.column)
            return .init(line: place?.line ?? note.line, column: place?.column ?? note.column, message: note.message)
        }
    }

    func warning(at node: Yams.Node?, _ message: String, node id: String?, fix: String?) {
        add(.warning, at: node, message, node: id, fix: fix, offset: 0)
    }

    func add(_ severity: Diagnostic.Severity, line: Int, column: Int, _ message: String, node id: String?, fix: String?)
    {
        let place = source?.clamped(line: line, column: column) ?? .init(line: line, column: column)
        diagnostics.append(
            Diagnostic(
                file: file,
                line: place.line,
                column: place.column,
                severity: severity,
                message: message,
                node: id,
                fix: fix
            )
        )
    }

    private func add(
        _ severity: Diagnostic.Severity,
        at node: Yams.Node?,
        _ message: String,
        node id: String?,
        fix: String?,
        offset: Int
    ) {
        let mark = node?.mark
        add(severity, line: mark?.line ?? 1, column: (mark?.column ?? 1) + offset, message, node: id, fix: fix)
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Levenshtein distance, for "did you mean" suggestions.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var row = Array(0...b.count)
    for i in 1...a.count {
        var previous = row[0]
        row[0] = i
        for j in 1...b.count {
            let old = row[j]
            row[j] = a[i - 1] == b[j - 1] ? previous : 1 + min(previous, row[j], row[j - 1])
            previous = old
        }
    }
    return row[b.count]
}

/// The nearest known name, only when it is near enough to be a likely typo.
public func closest(_ name: String, in known: [String]) -> String? {
    guard let best = known.min(by: { editDistance($0, name) < editDistance($1, name) }) else { return nil }
    return editDistance(best, name) <= max(2, name.count / 3) ? best : nil
}
