extension Terminal {
    /// Word-wraps `text` so paragraphs read well at the terminal's width.
    ///
    /// Existing newlines are kept (each line is wrapped on its own, blank lines stay blank), and a line's
    /// own leading spaces are repeated on its continuation lines so indented items stay indented.
    /// `width` includes `indent`. Lines break only between words, never inside one: a word longer than the
    /// room left goes on a line of its own, unbroken. A command the person must copy
    /// (`microproject continue mp-r9jgmx`, see `commandSpans`) and words joined with a no-break space
    /// (`Terminal.unbreakable`) are one unit: kept on one line, or given a line of their own when they do not
    /// fit. Widths are counted in characters, so wide (CJK) glyphs are under-counted.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine($0, width: width, first: indent, rest: indent) }
            .joined(separator: "\n")
    }

    /// Wraps one paragraph with a hanging indent: `first` starts the first line ("12. ", "3) "), `rest` the
    /// lines after it, so they line up under the text rather than under the number.
    public static func wrap(_ text: String, width: Int, first: String, rest: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { i, line in wrapLine(line, width: width, first: i == 0 ? first : rest, rest: rest) }
            .joined(separator: "\n")
    }

    /// Joins `text`'s words with no-break spaces so `wrap` never puts a line break inside it. The spaces
    /// print as ordinary spaces.
    public static func unbreakable(_ text: String) -> String {
        String(text.map { $0 == " " ? noBreakSpace : $0 })
    }

    /// Re-wraps only the lines of `text` wider than `width` (colour codes take no room), leaving every other
    /// line exactly as it is: the last guard between any text and a terminal, so a line the terminal would
    /// fold in the middle of a word is folded between words instead.
    public static func fit(_ text: String, width: Int) -> String {
        guard width > 0, text.utf8.count > width else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        for (i, line) in lines.enumerated() where visibleCount(line) > width {
            lines[i] = wrapLine(Substring(line), width: width, first: "", rest: "", measure: visibleCount)
            changed = true
        }
        return changed ? lines.joined(separator: "\n") : text
    }

    /// Characters that take a column: ANSI colour sequences (ESC [ ... m) take none.
    static func visibleCount(_ s: String) -> Int {
        guard s.contains("\u{1B}") else { return s.count }
        var count = 0
        var inEscape = false
        for c in s {
            if inEscape {
                if c.isLetter { inEscape = false }
            } else if c == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }

    static let noBreakSpace: Character = "\u{00A0}"

    private static func wrapLine(
        _ line: Substring,
        width: Int,
        first: String,
        rest: String,
        measure: (String) -> Int = { $0.count }
    ) -> String {
        let leading = line.prefix { $0 == " " }
        let units = self.units(of: line.split(separator: " ").map(String.init))
        guard !units.isEmpty else { return "" }
        var prefix = first + leading

        var lines: [String] = []
        var current = ""
        for unit in units {
            if current.isEmpty {
                current = unit
            } else if measure(current) + 1 + measure(unit) <= max(width - prefix.count, 1) {
                current += " " + unit
            } else {
                lines.append(prefix + current)
                prefix = rest + leading
                current = unit
            }
        }
        lines.append(prefix + current)
        return lines.joined(separator: "\n").replacingNoBreakSpaces()
    }

    /// The words of a line grouped into what may not be split: each command span becomes one unit.
    static func units(of words: [String]) -> [String] {
        var units: [String] = []
        var i = 0
        while i < words.count {
            let length = commandLength(words, at: i)
            units.append(words[i..<(i + max(length, 1))].joined(separator: " "))
            i += max(length, 1)
        }
        return units
    }

    /// The subcommands of `microproject`: "microproject" followed by one of these starts a command.
    static let subcommands: Set<String> = [
        "home", "start", "continue", "consult", "pause", "audit", "list", "export", "certification", "summary",
        "show", "run", "practitioner", "lint", "graph", "help", "--help", "--version",
    ]
    /// Subcommands whose first plain word is an argument (an id, a script name, a practitioner's action).
    static let takesArgument: Set<String> = [
        "continue", "consult", "pause", "audit", "export", "certification", "show", "run", "practitioner", "lint",
        "graph", "help",
    ]

    /// How many words from `start` make one command the person may copy (`microproject continue mp-r9jgmx`,
    /// `'microproject practitioner update sam --readiness ITEM'`); 0 when no command starts there. The command
    /// runs on while its words look like arguments (options and their values, ids, paths, placeholders in
    /// capitals) and ends at a word that closes a sentence or a quotation.
    static func commandLength(_ words: [String], at start: Int) -> Int {
        guard start + 1 < words.count, core(words[start]) == "microproject" else { return 0 }
        let sub = core(words[start + 1])
        guard subcommands.contains(sub) else { return 0 }
        var length = 2
        if ends(words[start + 1]) { return length }
        var plainWords = 0
        var afterOption = false
        while start + length < words.count {
            let word = words[start + length]
            if let first = word.first, "('\"`".contains(first) { break }
            let bare = core(word)
            let isOption = bare.hasPrefix("-")
            let isPlaceholder = !bare.isEmpty && bare.allSatisfy { $0.isUppercase || "[].".contains($0) }
            let looksLikeValue = bare.contains { $0.isNumber || "-/~.=*_".contains($0) }
            let isPlain =
                !bare.isEmpty && bare.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
            let firstArgument =
                isPlain && plainWords < (sub == "practitioner" ? 2 : 1) && takesArgument.contains(sub)
            guard isOption || isPlaceholder || looksLikeValue || afterOption || firstArgument || bare == "|" else {
                break
            }
            if isPlain && !isOption { plainWords += 1 }
            afterOption = isOption && !bare.contains("=")
            length += 1
            if ends(word) { break }
        }
        return length
    }

    /// A word without the quotes, brackets and punctuation around it.
    private static func core(_ word: String) -> String {
        let marks: Set<Character> = ["'", "\"", "`", "(", ")", ".", ",", ";", ":", "!", "?"]
        var s = Substring(word)
        while let f = s.first, marks.contains(f), f != "." { s = s.dropFirst() }
        while let l = s.last, marks.contains(l) {
            // "..." inside a placeholder stays; a sentence's last full stop goes.
            if l == ".", s.hasSuffix("...") { break }
            s = s.dropLast()
        }
        return String(s)
    }

    /// Whether a word closes a sentence or a quotation, so a command cannot run on past it.
    private static func ends(_ word: String) -> Bool {
        guard let last = word.last else { return false }
        if word.hasSuffix("...") || word.hasSuffix("...]") { return false }
        return "'\"`),;:.!?".contains(last)
    }
}

extension String {
    fileprivate func replacingNoBreakSpaces() -> String {
        contains(Terminal.noBreakSpace) ? String(map { $0 == Terminal.noBreakSpace ? " " : $0 }) : self
    }
}
