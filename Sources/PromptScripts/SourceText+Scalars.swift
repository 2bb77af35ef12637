import Yams

/// Where the characters of a YAML scalar's value were written, so a message can point inside it: at one word of a
/// condition, at one `{placeholder}` of a text.
///
/// The value is read again from the source the way libyaml reads it (quotes, `''` and `\` escapes, lines folded
/// into spaces, block scalars' indentation), and every character is checked against the value Yams gave. Where the
/// two do not agree, or the layout is one this does not follow (an explicit indentation indicator), there is no
/// answer and the message points at the scalar's start instead.
extension SourceText {
    /// The index in `scalars` of a 1-based line and column.
    func index(line: Int, column: Int) -> Int? {
        guard lines.indices.contains(line - 1), column >= 1 else { return nil }
        let range = lines[line - 1]
        let index = range.lowerBound + column - 1
        return index <= range.upperBound ? index : nil
    }

    /// The 1-based line and column of an index in `scalars`.
    func position(ofIndex index: Int) -> ScriptLoader.Position {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].lowerBound <= index { low = mid } else { high = mid - 1 }
        }
        return ScriptLoader.Position(line: low + 1, column: index - lines[low].lowerBound + 1)
    }

    /// The index where a node's own text starts: after its anchor and tag, if any.
    func contentStart(line: Int, column: Int) -> Int? {
        guard var i = index(line: line, column: column) else { return nil }
        while i < scalars.count, scalars[i] == "&" || scalars[i] == "!" {
            while i < scalars.count, !scalars[i].properties.isWhitespace { i += 1 }
            while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
        }
        return i < scalars.count ? i : nil
    }

    /// The source index of each of the first `count` characters of the scalar's value, or nil where they cannot be
    /// known for certain.
    func sourceIndices(of scalar: Node.Scalar, at mark: Mark, count: Int) -> [Int]? {
        let value = Array(scalar.string.unicodeScalars)
        guard count <= value.count, let start = contentStart(line: mark.line, column: mark.column) else { return nil }
        var reader = ScalarReader(source: scalars, value: value, wanted: count)
        switch scalar.style {
        case .plain, .any: return reader.flow(from: start, quote: nil)
        case .singleQuoted: return scalars[start] == "'" ? reader.flow(from: start + 1, quote: "'") : nil
        case .doubleQuoted: return scalars[start] == "\"" ? reader.flow(from: start + 1, quote: "\"") : nil
        case .literal, .folded: return reader.block(from: start, folded: scalar.style == .folded)
        }
    }
}

/// Reads a scalar's value back out of the source, noting where each character of it came from.
private struct ScalarReader {
    let source: [Unicode.Scalar]
    let value: [Unicode.Scalar]
    let wanted: Int
    var out: [Int] = []

    init(source: [Unicode.Scalar], value: [Unicode.Scalar], wanted: Int) {
        self.source = source
        self.value = value
        self.wanted = wanted
        out.reserveCapacity(wanted)
    }

    var done: Bool { out.count >= wanted }

    /// Notes that the next character of the value came from `index`; false when the value says otherwise.
    mutating func emit(_ index: Int, _ expected: Unicode.Scalar?) -> Bool {
        if let expected, value[out.count] != expected { return false }
        out.append(index)
        return true
    }

    func isSpace(_ i: Int) -> Bool { i < source.count && (source[i] == " " || source[i] == "\t") }
    func isBreak(_ i: Int) -> Bool { i < source.count && SourceText.isBreak(source[i]) }
    func afterBreak(_ i: Int) -> Int {
        source[i] == "\r" && i + 1 < source.count && source[i + 1] == "\n" ? i + 2 : i + 1
    }

    /// Plain and quoted scalars: a line break and the spaces around it become one space, or a newline for each
    /// empty line after it.
    mutating func flow(from start: Int, quote: Unicode.Scalar?) -> [Int]? {
        var i = start
        while !done {
            guard i < source.count else { return nil }
            let c = source[i]
            if let quote, c == quote {
                guard quote == "'", i + 1 < source.count, source[i + 1] == "'", emit(i, "'") else { return nil }
                i += 2
            } else if quote == "\"", c == "\\" {
                guard i + 1 < source.count else { return nil }
                if isBreak(i + 1) {
                    // An escaped line break joins the lines without a space.
                    i = afterBreak(i + 1)
                    while isSpace(i) { i += 1 }
                    continue
                }
                guard emit(i, nil) else { return nil }
                switch source[i + 1] {
                case "x": i += 4
                case "u": i += 6
                case "U": i += 10
                default: i += 2
                }
            } else if c == " " || c == "\t" {
                var j = i
                while isSpace(j) { j += 1 }
                if isBreak(j) {
                    i = j
                    continue
                }
                guard emit(i, c) else { return nil }
                i += 1
            } else if SourceText.isBreak(c) {
                let breakAt = i
                i = afterBreak(i)
                var empty: [Int] = []
                while true {
                    while isSpace(i) { i += 1 }
                    guard isBreak(i) else { break }
                    empty.append(i)
                    i = afterBreak(i)
                }
                if empty.isEmpty {
                    guard emit(breakAt, " ") else { return nil }
                } else {
                    for e in empty where !done { guard emit(e, "\n") else { return nil } }
                }
            } else {
                guard emit(i, c) else { return nil }
                i += 1
            }
        }
        return out
    }

    /// Block scalars (`|` and `>`): the text starts on the line after the header, every line indented alike.
    mutating func block(from start: Int, folded: Bool) -> [Int]? {
        var i = start + 1
        while i < source.count, source[i] == "+" || source[i] == "-" { i += 1 }
        // An explicit indentation indicator counts from the parent's indentation, which is not known here.
        if i < source.count, source[i].properties.numericType != nil { return nil }
        while i < source.count, !isBreak(i) { i += 1 }
        guard i < source.count else { return nil }
        i = afterBreak(i)
        // The lines of the block, each as its content range and where its line break is.
        var lines: [(content: Range<Int>, end: Int, blank: Bool)] = []
        var indent: Int? = nil
        while i < source.count {
            var end = i
            while end < source.count, !isBreak(end) { end += 1 }
            var spaces = 0
            while i + spaces < end, source[i + spaces] == " " { spaces += 1 }
            let blank = i + spaces == end
            if !blank {
                if indent == nil { indent = spaces }
                if spaces < indent! { break }
            }
            let from = min(i + (indent ?? spaces), end)
            lines.append((from..<end, end, blank))
            if end >= source.count { break }
            i = afterBreak(end)
        }
        guard let indent, indent > 0 else { return nil }
        var previousNormal: Bool? = nil
        var blanks: [Int] = []
        var previousEnd = 0
        for line in lines {
            if done { break }
            if line.blank && line.content.isEmpty {
                blanks.append(line.end)
                continue
            }
            let normal = !(source[line.content.lowerBound] == " " || source[line.content.lowerBound] == "\t")
            if !folded {
                for b in blanks where !done { guard emit(b, "\n") else { return nil } }
            } else if let previous = previousNormal {
                if previous && normal && blanks.isEmpty {
                    guard emit(previousEnd, " ") else { return nil }
                } else {
                    let breaks = previous && normal ? blanks : [previousEnd] + blanks
                    for b in breaks where !done { guard emit(b, "\n") else { return nil } }
                }
            } else {
                for b in blanks where !done { guard emit(b, "\n") else { return nil } }
            }
            blanks = []
            for index in line.content where !done { guard emit(index, source[index]) else { return nil } }
            if !folded, !done { guard emit(line.end, "\n") else { return nil } }
            previousNormal = normal
            previousEnd = line.end
        }
        return done ? out : nil
    }
}
