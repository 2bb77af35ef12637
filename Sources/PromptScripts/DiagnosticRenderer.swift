/// Prints diagnostics the way clang and rustc do:
///
///     priorities.yaml:26:33: error: the condition refers to 'nosuch', which is not a question in this script (q): …
///         when: focus.area == "x" and nosuch > 3
///                                     ^~~~~~
///     priorities.yaml:16:9: note: 'q' is first used here
///
/// The source line is shown with tabs as spaces and anything a terminal would act on replaced, and a line too long
/// for `width` is cut around the caret with an ellipsis on the side cut. Colour (bold place, red error, magenta
/// warning, cyan note, green caret) only when `colour` is on; `colourWanted` decides that for a stream.
public struct DiagnosticRenderer: Sendable {
    public var colour: Bool
    /// The widest source line shown, in terminal columns.
    public var width: Int

    public static let tabStop = 8

    public init(colour: Bool, width: Int = 100) {
        self.colour = colour
        self.width = max(width, 20)
    }

    /// Colour only on a terminal; `NO_COLOR` (non-empty) turns it off, then `CLICOLOR_FORCE` (non-empty, not "0")
    /// turns it on anywhere, and a `dumb` terminal gets none.
    public static func colourWanted(isTerminal: Bool, environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }

    /// Every diagnostic in turn, each followed by its notes; lines end with a line break except the last.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    public func render(_ d: Diagnostic) -> String {
        let label: String
        switch d.severity {
        case .error: label = paint("1;31", "error:")
        case .warning: label = paint("1;35", "warning:")
        }
        var rest = d.message
        if let node = d.node { rest += " (\(node))" }
        if let fix = d.fix { rest += ": \(fix)" }
        var lines = [paint("1", "\(d.file):\(d.line):\(d.column):") + " " + label + " " + paint("1", visible(rest))]
        lines += snippet(d.sourceLine, column: d.column - d.sourceLineStart + 1, length: d.length)
        for note in d.notes {
            lines.append(
                paint("1", "\(d.file):\(note.line):\(note.column):") + " " + paint("1;36", "note:") + " "
                    + visible(note.message)
            )
            lines += snippet(note.sourceLine, column: note.column - note.sourceLineStart + 1, length: note.length)
        }
        return lines.joined(separator: "\n")
    }

    /// "2 errors, 1 warning in priorities.yaml" for the files that have errors (their names, up to three), or
    /// nil when no file has an error.
    public static func summary(_ diagnostics: [Diagnostic], scripts: Int) -> String? {
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return nil }
        let warnings = diagnostics.count - errors.count
        var files: [String] = []
        for d in diagnostics where !files.contains(d.file) { files.append(d.file) }
        let names = files.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        let place: String
        switch names.count {
        case 1: place = names[0]
        case 2, 3: place = names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        default: place = "\(names.count) scripts"
        }
        let count = { (n: Int, word: String) in "\(n) \(word)\(n == 1 ? "" : "s")" }
        let of = scripts > files.count ? " (of \(count(scripts, "script")) checked)" : ""
        return "\(count(errors.count, "error")), \(count(warnings, "warning")) in \(place)\(of)"
    }

    // MARK: The source line and its caret

    /// One shown character: what is printed, and how many terminal columns it takes.
    private struct Cell {
        var text: String
        var width: Int
    }

    private func snippet(_ source: String?, column: Int, length: Int) -> [String] {
        guard let source else { return [] }
        let scalars = Array(source.unicodeScalars)
        // Where each scalar starts, in terminal columns; the text of the shown part only is built afterwards.
        var starts: [Int] = []
        starts.reserveCapacity(scalars.count + 1)
        var at = 0
        for scalar in scalars {
            starts.append(at)
            at += Self.width(scalar, at: at)
        }
        starts.append(at)
        let total = at
        let first = min(max(column - 1, 0), scalars.count)
        let last = min(max(first + max(length, 1), first + 1), scalars.count + 1)
        let caretStart = starts[first]
        let caretEnd = last <= scalars.count ? starts[last] : total + 1
        var caretWidth = max(caretEnd - caretStart, 1)

        // Which columns to show: all, or a window around the caret with an ellipsis at each cut side.
        var from = 0
        var to = total
        if total > width {
            let room = width - 2
            from = max(0, min(caretStart - room / 3, total - room))
            to = from + room
        }
        // A wide character cut by the left edge is left out whole: the line shown starts after it.
        let firstShown = starts.firstIndex { $0 >= from } ?? scalars.count
        from = starts[firstShown]
        var shown = from > 0 ? "…" : ""
        var i = firstShown
        while i < scalars.count, starts[i + 1] <= to {
            shown += Self.cell(scalars[i], at: starts[i]).text
            i += 1
        }
        if to < total { shown += "…" }
        let caretColumn = max(caretStart - from, 0) + (from > 0 ? 1 : 0)
        caretWidth = min(caretWidth, max(to - max(caretStart, from), 1))
        let caret = String(repeating: " ", count: caretColumn) + "^" + String(repeating: "~", count: caretWidth - 1)
        // Trailing spaces of the source line are dropped, as a reader cannot see them anyway.
        while shown.last == " " { shown.removeLast() }
        return [shown, paint("1;32", caret)]
    }

    /// How many terminal columns a scalar takes at `column` (see `cell`).
    private static func width(_ scalar: Unicode.Scalar, at column: Int) -> Int {
        let v = scalar.value
        if v == 0x09 { return tabStop - column % tabStop }
        if v < 0x7F { return 1 }
        return cell(scalar, at: column).width
    }

    /// How one scalar of a source line is shown: tabs as spaces to the next tab stop, wide characters in two
    /// columns, combining marks in none, and anything a terminal would act on (controls, bidirectional and
    /// invisible format characters) as U+FFFD.
    private static func cell(_ scalar: Unicode.Scalar, at column: Int) -> Cell {
        let v = scalar.value
        if v == 0x09 {
            let n = tabStop - column % tabStop
            return Cell(text: String(repeating: " ", count: n), width: n)
        }
        switch v {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF:
            return Cell(text: "\u{FFFD}", width: 1)
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return Cell(text: String(scalar), width: 0)
        case .format, .control, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator:
            return Cell(text: "\u{FFFD}", width: 1)
        default: break
        }
        return Cell(text: String(scalar), width: isWide(v) ? 2 : 1)
    }

    /// East Asian wide and full-width characters, and emoji, which terminals draw two columns wide.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// A message with what a terminal would act on made visible (messages quote the script's own words).
    private func visible(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: { Self.cell($0, at: 0).text != String($0) || $0 == "\t" }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                out.append(" ")
                continue
            }
            out.append(contentsOf: Self.cell(scalar, at: 0).text.unicodeScalars)
        }
        return String(out)
    }

    private func paint(_ code: String, _ text: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
