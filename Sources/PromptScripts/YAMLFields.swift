import InterviewEngine
import Yams

/// Reads one YAML mapping field by field, reporting unknown or mistyped fields with their position.
struct YAMLFields {
    let node: Yams.Node
    /// The keys' text and the values, in the file's order (kept apart so a look-up compares text and copies one
    /// node, which matters over thousands of nodes).
    let keys: [String]
    let values: [Yams.Node]
    let mapping: Yams.Node.Mapping
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
        self.mapping = mapping
        var keys: [String] = []
        var values: [Yams.Node] = []
        keys.reserveCapacity(mapping.count)
        values.reserveCapacity(mapping.count)
        for pair in mapping {
            keys.append(pair.key.scalar?.string ?? "")
            values.append(pair.value)
        }
        self.keys = keys
        self.values = values
        self.context = context
        self.report = report
    }

    func value(_ key: String) -> Yams.Node? { keys.firstIndex(of: key).map { values[$0] } }
    func has(_ key: String) -> Bool { keys.contains(key) }

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
        // Asked of every node: the pairs are walked (copying them) only when there is something to report.
        guard keys.contains(where: { !allowed.contains($0) }) else { return }
        for (key, pair) in zip(keys, mapping) where !allowed.contains(key) {
            let pair = (key: key, keyNode: pair.key)
            let nearest = allowed.map { (name: $0, distance: editDistance($0, pair.key)) }.min {
                $0.distance < $1.distance
            }
            let fix =
                nearest.flatMap { $0.distance <= 3 ? "did you mean '\($0.name)'?" : nil }
                ?? "the fields allowed here are: \(allowed.joined(separator: ", "))"
            report.error(at: pair.keyNode, "unknown field '\(pair.key)'", node: context, fix: fix)
        }
    }
}

/// Collects diagnostics while a file is walked; a class so every reader shares one list.
final class Reporter {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The file's text, once read, so every place reported is inside it and shown with its line.
    var source: SourceText?

    init(file: String) { self.file = file }

    /// Where a report points: a line, a column and how many characters from it.
    struct Place {
        var line: Int
        var column: Int
        var length = 1
    }

    /// Reports at a YAML node: at the scalar's own text (after its anchor or tag, quotes included, `~` under the
    /// rest of it on its line), or with `within`, at those characters of the scalar's value (a word of a condition,
    /// a `{placeholder}`).
    func error(
        at node: Yams.Node?,
        _ message: String,
        node id: String?,
        fix: String?,
        within: Range<Int>? = nil,
        notes: [Diagnostic.Note] = []
    ) {
        add(.error, at: place(of: node, within: within), message, node: id, fix: fix, notes: notes)
    }

    func warning(at node: Yams.Node?, _ message: String, node id: String?, fix: String?) {
        add(.warning, at: place(of: node, within: nil), message, node: id, fix: fix)
    }

    func add(_ severity: Diagnostic.Severity, line: Int, column: Int, _ message: String, node id: String?, fix: String?)
    {
        add(severity, at: Place(line: line, column: column), message, node: id, fix: fix)
    }

    func add(
        _ severity: Diagnostic.Severity,
        at place: Place,
        _ message: String,
        node id: String?,
        fix: String?,
        notes: [Diagnostic.Note] = []
    ) {
        let clamped = source?.clamped(line: place.line, column: place.column)
        let line = clamped?.line ?? place.line
        let column = clamped?.column ?? place.column
        let shown = sourceLine(line, around: column)
        var diagnostic = Diagnostic(
            file: file,
            line: line,
            column: column,
            length: place.length,
            sourceLine: shown?.text,
            severity: severity,
            message: message,
            node: id,
            fix: fix
        )
        diagnostic.sourceLineStart = shown?.start ?? 1
        diagnostic.notes = notes
        diagnostics.append(diagnostic)
    }

    /// A note at a YAML node (as `error(at:)` places it), with its line for the caret.
    func note(at node: Yams.Node?, _ message: String) -> Diagnostic.Note {
        note(at: place(of: node, within: nil), message)
    }

    func note(at place: Place, _ message: String) -> Diagnostic.Note {
        let clamped = source?.clamped(line: place.line, column: place.column)
        let line = clamped?.line ?? place.line
        let column = clamped?.column ?? place.column
        let shown = sourceLine(line, around: column)
        var note = Diagnostic.Note(
            line: line,
            column: column,
            length: place.length,
            sourceLine: shown?.text,
            message: message
        )
        note.sourceLineStart = shown?.start ?? 1
        return note
    }

    /// Scalars of a long line kept on each side of the place: a 512 KiB one-line file with thousands of problems
    /// must not copy the whole line into each.
    static let sourceWindow = 240

    /// The line to show under a message, cut to a window around `column` when it is long, with the file column of
    /// its first character.
    private func sourceLine(_ number: Int, around column: Int) -> (text: String, start: Int)? {
        guard let source, source.lines.indices.contains(number - 1) else { return nil }
        let line = source.line(number)
        guard line.count > 2 * Self.sourceWindow else { return (String(String.UnicodeScalarView(line)), 1) }
        let from = max(column - 1 - Self.sourceWindow, 0)
        let to = min(column - 1 + Self.sourceWindow, line.count)
        var text = String.UnicodeScalarView()
        if from > 0 { text.append("…") }
        text.append(contentsOf: line[(line.startIndex + from)..<(line.startIndex + to)])
        if to < line.count { text.append("…") }
        // The '…' stands in the column before the window.
        return (String(text), from > 0 ? from : 1)
    }

    /// The place of a node, or of characters inside a scalar's value; the node's start where the characters
    /// cannot be placed for certain.
    func place(of node: Yams.Node?, within: Range<Int>?) -> Place {
        guard let mark = node?.mark else { return Place(line: 1, column: 1) }
        let start = Place(line: mark.line, column: mark.column)
        guard let source, case .scalar(let scalar)? = node,
            let first = source.contentStart(line: mark.line, column: mark.column)
        else { return start }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let count = scalar.string.unicodeScalars.count
        if let within {
            guard within.upperBound <= count,
                let indices = source.sourceIndices(
                    of: scalar,
                    at: mark,
                    count: within.isEmpty ? count : within.upperBound
                )
            else { return start }
            if within.isEmpty {
                // The place just after the given characters: the end of a condition, say.
                let at = within.lowerBound < count ? indices[within.lowerBound] : (indices.last.map { $0 + 1 } ?? first)
                let p = source.position(ofIndex: at)
                return Place(line: p.line, column: p.column)
            }
            return span(source, from: indices[within.lowerBound], to: indices[within.upperBound - 1])
        }
        let p = source.position(ofIndex: first)
        let block = scalar.style == .literal || scalar.style == .folded
        guard !block, count > 0, let indices = source.sourceIndices(of: scalar, at: mark, count: count),
            let last = indices.last
        else {
            return Place(line: p.line, column: p.column, length: quoted && count == 0 ? 2 : 1)
        }
        return span(source, from: first, to: quoted ? last + 1 : last)
    }

    /// From one source index to another, inclusive, cut at the end of the first one's line.
    private func span(_ source: SourceText, from: Int, to: Int) -> Place {
        let p = source.position(ofIndex: from)
        let q = source.position(ofIndex: max(to, from))
        let end = q.line == p.line ? q.column : max(source.lines[p.line - 1].count, p.column)
        return Place(line: p.line, column: p.column, length: max(end - p.column + 1, 1))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Drops what was reported after the first `count` diagnostics.
    func truncate(to count: Int) { diagnostics.removeSubrange(count...) }
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

extension Yams.Node {
    /// A mapping's value for a field, by the key's text. Yams' own `node["key"]` resolves both keys' tags with
    /// regular expressions at every comparison, which was a third of the time of loading a large script.
    subscript(field name: String) -> Yams.Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for pair in mapping where pair.key.scalar?.string == name { return pair.value }
        return nil
    }
}
