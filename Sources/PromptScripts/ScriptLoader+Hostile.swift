import Yams

/// The file's text as libyaml counts positions: lines split at every YAML line break, columns in Unicode scalars.
struct SourceText {
    let scalars: [Unicode.Scalar]
    /// Each line as a range of `scalars`, without its line break.
    let lines: [Range<Int>]

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        // libyaml skips a byte order mark without counting it.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard Self.isBreak(scalar) else {
                index += 1
                continue
            }
            lines.append(start..<index)
            index += scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" ? 2 : 1
            start = index
        }
        lines.append(start..<scalars.count)
        self.scalars = scalars
        self.lines = lines
    }

    /// The line breaks of YAML 1.1, which libyaml follows: CR, LF, CR LF, NEL, LS and PS.
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// One line's scalars, 1-based.
    func line(_ number: Int) -> ArraySlice<Unicode.Scalar> {
        guard lines.indices.contains(number - 1) else { return [] }
        return scalars[lines[number - 1]]
    }

    /// The scalars from a 1-based line and column to the end of that line.
    func rest(line number: Int, column: Int) -> ArraySlice<Unicode.Scalar> {
        let text = line(number)
        guard column >= 1, column - 1 <= text.count else { return [] }
        return text[(text.startIndex + column - 1)...]
    }

    /// The tag written at a node's position (`!x`, `!!x`, `!<x>`, after an anchor if there is one) and how many
    /// scalars after the position it starts, or nil. Only a written tag starts with '!' there: a plain scalar
    /// cannot, and a quoted one starts with its quote.
    func writtenTag(at mark: Mark) -> (tag: String, offset: Int)? {
        let line = rest(line: mark.line, column: mark.column)
        var rest = line
        if rest.first == "&" {
            rest = rest.drop { !$0.properties.isWhitespace }.drop { $0 == " " || $0 == "\t" }
        }
        guard rest.first == "!" else { return nil }
        let offset = rest.startIndex - line.startIndex
        if rest.dropFirst().first == "<", let close = rest.firstIndex(of: ">") {
            return (String(String.UnicodeScalarView(rest[...close])), offset)
        }
        let tag = rest.prefix { !$0.properties.isWhitespace && !",[]{}".unicodeScalars.contains($0) }
        return (String(String.UnicodeScalarView(tag)), offset)
    }

    /// A place inside the text: libyaml puts an error, or an empty document, at the very end of a file without
    /// a final line break on the line after the last, which editors cannot open.
    func clamped(line number: Int, column: Int) -> ScriptLoader.Position {
        guard number > lines.count else { return ScriptLoader.Position(line: number, column: column) }
        return ScriptLoader.Position(line: lines.count, column: lines[lines.count - 1].count + 1)
    }

    /// The text with one scalar replaced, keeping every line, column and line break where it was.
    func replacing(line number: Int, column: Int, with scalar: Unicode.Scalar) -> String {
        var copy = scalars
        copy[lines[number - 1].lowerBound + column - 1] = scalar
        return String(String.UnicodeScalarView(copy))
    }
}

extension ScriptLoader {
    /// Rounds of finding a repeated key before giving up on locating the rest (each round parses the file again).
    static let duplicateRounds = 16

    /// Composes the YAML tree, turning libyaml's and Yams' errors into located diagnostics.
    ///
    /// Yams refuses a repeated key with the position of the first one only, so each first occurrence is renamed
    /// (one scalar, same position) and the file composed again; the repeats are then found in the tree with their
    /// own positions by `screen`, once the tree is known to be small enough to walk.
    static func compose(_ text: String, report: Reporter) -> (root: Yams.Node, renamed: [Position: String])? {
        var source = text
        var lines = report.source ?? SourceText(text)
        var renamed: [Position: String] = [:]
        for round in 0...duplicateRounds {
            do {
                // No implicit tag resolution: every field is read as text, and resolving tags runs regular
                // expressions on every key Yams hashes to find repeats.
                guard let root = try Yams.compose(yaml: source, .basic) else {
                    report.add(
                        .error,
                        line: 1,
                        column: 1,
                        "the file is empty",
                        node: nil,
                        fix: "start it with 'script: an-id'"
                    )
                    return nil
                }
                return (root, renamed)
            } catch YamlError.duplicatedKeysInMapping(let names, let context) {
                let mark = context.mark
                let position = Position(line: mark.line, column: mark.column)
                guard round < duplicateRounds, let name = names.first,
                    let start = keyStart(in: lines, at: mark, name: name)
                else {
                    report.add(
                        .error,
                        line: mark.line,
                        column: mark.column,
                        "the field '\(names.first ?? "")' is given more than once in the same place",
                        node: nil,
                        fix: "keep one of them"
                    )
                    return nil
                }
                renamed[position] = name
                // A private-use scalar no script uses, different in each round.
                let marker = Unicode.Scalar(UInt32(0xF_0000 + round))!
                source = lines.replacing(line: start.line, column: start.column, with: marker)
                lines = SourceText(source)
            } catch let error as YamlError {
                report.add(
                    .error,
                    line: error.line(in: text),
                    column: error.column(in: text),
                    error.isNesting ? nestingMessage : "this is not valid YAML: \(error.problem)",
                    node: nil,
                    fix: error.fix
                )
                return nil
            } catch {
                report.add(
                    .error,
                    line: 1,
                    column: 1,
                    "this is not valid YAML",
                    node: nil,
                    fix: "check the file's layout"
                )
                return nil
            }
        }
        return nil
    }

    static var nestingMessage: String {
        "the file nests deeper than \(maxDepth) levels, and a script may nest at most \(maxDepth) levels"
    }
    static let nestingFix = "flatten the structure (see 'Limits' in Prompts/README.md)"

    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// Where the key's own first scalar is: after an anchor or tag, and inside its quotes.
    static func keyStart(in lines: SourceText, at mark: Mark, name: String) -> Position? {
        let rest = lines.rest(line: mark.line, column: mark.column)
        var index = rest.startIndex
        func skipProperty() {
            while index < rest.endIndex, rest[index] == "&" || rest[index] == "!" {
                while index < rest.endIndex, !rest[index].properties.isWhitespace { index += 1 }
                while index < rest.endIndex, rest[index] == " " || rest[index] == "\t" { index += 1 }
            }
        }
        skipProperty()
        if index < rest.endIndex, rest[index] == "\"" || rest[index] == "'" { index += 1 }
        let wanted = Array(name.unicodeScalars)
        guard !wanted.isEmpty, rest[index...].starts(with: wanted) else { return nil }
        return Position(line: mark.line, column: mark.column + (index - rest.startIndex))
    }

    /// One walk over the composed tree for what a hostile file may hold, before anything is decoded: more nodes
    /// than the budget (aliases count each time they are used, so an alias bomb is refused in milliseconds),
    /// nesting deeper than `maxDepth`, written tags (`!!binary`, `!!python/object:…`, `!custom`: a script is plain
    /// text, and a tag would change what a value means), and keys given twice in one mapping, reported at the
    /// repeat with a note at the first. `renamed` holds the first occurrences `compose` renamed, with their names.
    /// Each place is reported once, however often it is aliased. True when the tree is clean.
    static func screen(_ root: Yams.Node, renamed: [Position: String], source: SourceText, report: Reporter) -> Bool {
        let before = report.diagnostics.count
        var budget = nodeBudget
        var tagged = Set<Position>()
        var repeats = Set<Position>()
        var clean = true
        /// A limit reached: only that is reported, as nothing else found in a tree this large or deep is reliable.
        func refuse(_ node: Yams.Node, _ message: String, fix: String) -> Bool {
            report.truncate(to: before)
            report.error(at: node, message, node: nil, fix: fix)
            return false
        }
        // A renamed key no longer reads as written (its first character was replaced), so its place comes from its
        // name.
        func firstPlace(_ key: Yams.Node) -> Reporter.Place {
            guard let mark = key.mark, let name = renamed[Position(line: mark.line, column: mark.column)] else {
                return report.place(of: key, within: nil)
            }
            let quoted = key.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            return Reporter.Place(
                line: mark.line,
                column: mark.column,
                length: name.unicodeScalars.count + (quoted ? 2 : 0)
            )
        }
        func walk(_ node: Yams.Node, depth: Int) -> Bool {
            budget -= 1
            if budget < 0 {
                return refuse(
                    node,
                    "the file has more than \(nodeBudget) YAML nodes (aliases count each time they are used)",
                    fix: "remove anchors and aliases (& and *) and split large scripts"
                )
            }
            if depth > maxDepth { return refuse(node, nestingMessage, fix: nestingFix) }
            if let mark = node.mark, let (tag, offset) = source.writtenTag(at: mark),
                tagged.insert(Position(line: mark.line, column: mark.column)).inserted
            {
                clean = false
                report.add(
                    .error,
                    at: Reporter.Place(line: mark.line, column: mark.column + offset, length: tag.unicodeScalars.count),
                    "the YAML tag '\(tag)' is not allowed in a script",
                    node: nil,
                    fix: "remove '\(tag)' and write the value as plain text; text that starts with '!' goes in quotes"
                )
            }
            switch node {
            case .scalar, .alias: return true
            case .sequence(let sequence):
                for item in sequence { guard walk(item, depth: depth + 1) else { return false } }
                return true
            case .mapping(let mapping):
                // Most mappings hold a handful of keys: a list is quicker than a dictionary there, but not for
                // thousands (and a mapping's `count` walks it, so it is asked once).
                let count = mapping.count
                var names: [String] = []
                var firstKeys: [Yams.Node] = []
                var byName: [String: Int] = [:]
                for (key, value) in mapping {
                    guard walk(key, depth: depth + 1), walk(value, depth: depth + 1) else { return false }
                    guard count > 1, let mark = key.mark else { continue }
                    let position = Position(line: mark.line, column: mark.column)
                    guard let name = renamed[position] ?? key.scalar?.string else { continue }
                    guard let index = count > 16 ? byName[name] : names.firstIndex(of: name) else {
                        if count > 16 { byName[name] = firstKeys.count } else { names.append(name) }
                        firstKeys.append(key)
                        continue
                    }
                    guard repeats.insert(position).inserted else { continue }
                    clean = false
                    report.error(
                        at: key,
                        "the field '\(name)' is given again here",
                        node: nil,
                        fix: "keep one of them",
                        notes: [report.note(at: firstPlace(firstKeys[index]), "'\(name)' is first given here")]
                    )
                }
                return true
            }
        }
        guard walk(root, depth: 0) else { return false }
        // Yams saw a repeat the walk could not place: say so at the first one rather than load the file.
        if !renamed.isEmpty, repeats.isEmpty {
            for (position, name) in renamed.sorted(by: { ($0.key.line, $0.key.column) < ($1.key.line, $1.key.column) })
            {
                report.add(
                    .error,
                    line: position.line,
                    column: position.column,
                    "the field '\(name)' is given more than once in the same place",
                    node: nil,
                    fix: "keep one of them"
                )
            }
            clean = false
        }
        return clean
    }

    /// Where a file libyaml gave up on first nests deeper than `maxDepth`, counting flow brackets and the block
    /// collections opened by '- ', '? ' and 'key:' (so the message points where the structure gets too deep, not
    /// where libyaml stopped, which for brackets is the first one). Approximate: used only for the position.
    static func firstTooDeep(_ text: String) -> Position? {
        let source = SourceText(text)
        var flow = 0
        var blocks: [Int] = []  // columns of the open block collections
        var quote: Unicode.Scalar? = nil
        var blockScalarIndent: Int? = nil
        for (lineIndex, range) in source.lines.enumerated() {
            let line = Array(source.scalars[range])
            let indent = line.prefix { $0 == " " }.count
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if let parent = blockScalarIndent {
                if blank || indent > parent { continue }
                blockScalarIndent = nil
            }
            if flow == 0, quote == nil, !blank {
                while let last = blocks.last, last > indent { blocks.removeLast() }
            }
            var tokenStart = true
            var column = 0
            while column < line.count {
                let c = line[column]
                let next: Unicode.Scalar? = column + 1 < line.count ? line[column + 1] : nil
                let nextIsBlank = next.map { $0 == " " || $0 == "\t" } ?? true
                defer { column += 1 }
                if let q = quote {
                    if c == "\\", q == "\"" {
                        column += 1
                    } else if c == q {
                        if q == "'", next == "'" { column += 1 } else { quote = nil }
                    }
                    continue
                }
                if c == " " || c == "\t" {
                    tokenStart = true
                    continue
                }
                if c == "#", tokenStart { break }
                var opened = false
                if tokenStart, c == "\"" || c == "'" {
                    quote = c
                } else if c == "[" || c == "{", tokenStart || flow > 0 {
                    flow += 1
                    opened = true
                } else if c == "]" || c == "}", flow > 0 {
                    flow -= 1
                } else if flow == 0, tokenStart, c == "-" || c == "?", nextIsBlank {
                    if blocks.last != column { blocks.append(column) }
                    opened = true
                } else if flow == 0, tokenStart, c == "|" || c == ">" {
                    blockScalarIndent = blocks.last ?? indent
                    break
                } else if flow == 0, tokenStart, blocks.last.map({ $0 < column }) ?? true,
                    let colon = line[column...].firstIndex(of: ":"),
                    colon + 1 == line.count || line[colon + 1] == " "
                {
                    blocks.append(column)
                    opened = true
                }
                if opened, flow + blocks.count > maxDepth + 1 {
                    return Position(line: lineIndex + 1, column: column + 1)
                }
                tokenStart = flow > 0 && (c == "[" || c == "{" || c == ",")
            }
        }
        return nil
    }
}

extension YamlError {
    /// libyaml's own limit on nesting (1,000 levels), reached before the tree exists to check ours.
    var isNesting: Bool { problem.contains("yaml_set_max_nest_level") }

    func line(in text: String) -> Int {
        if isNesting, let position = ScriptLoader.firstTooDeep(text) { return position.line }
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .reader(_, let offset?, _, _): return Self.position(ofCharacter: offset, in: text).line
        default: return 1
        }
    }

    func column(in text: String) -> Int {
        if isNesting, let position = ScriptLoader.firstTooDeep(text) { return position.column }
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.column
        case .reader(_, let offset?, _, _): return Self.position(ofCharacter: offset, in: text).column
        default: return 1
        }
    }

    /// Line and column (in scalars) of the character at `offset`, as Yams reports reader errors.
    static func position(ofCharacter offset: Int, in text: String) -> ScriptLoader.Position {
        let end = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        let lines = SourceText(String(text[..<end])).lines
        return ScriptLoader.Position(line: lines.count, column: (lines.last?.count ?? 0) + 1)
    }

    var fix: String {
        if isNesting { return ScriptLoader.nestingFix }
        if case .reader = self { return "remove that character: a script holds printable text only" }
        if problem.contains("mapping values are not allowed") {
            return "text containing ': ' must be in quotes, or written on the following lines after '>-'"
        }
        return "check indentation and quotes on this line"
    }

    var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        case .reader(let problem, _, let value, _):
            return value >= 0 ? "\(problem) (character U+\(String(value, radix: 16, uppercase: true)))" : problem
        default:
            return "\(self)"
        }
    }
}
