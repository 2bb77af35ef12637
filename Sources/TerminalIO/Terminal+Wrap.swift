extension Terminal {
    /// Word-wraps `text` so paragraphs read well at the terminal's width.
    ///
    /// Existing newlines are kept (each line is wrapped on its own, blank lines stay blank), and a line's
    /// own leading spaces are repeated on its continuation lines so indented items stay indented.
    /// `width` includes `indent`. A word longer than the room left goes on a line of its own, unbroken,
    /// rather than being cut. Widths are counted in characters, so wide (CJK) glyphs are under-counted.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine($0, width: width, indent: indent) }
            .joined(separator: "\n")
    }

    private static func wrapLine(_ line: Substring, width: Int, indent: String) -> String {
        let leading = line.prefix { $0 == " " }
        let words = line.split(separator: " ")
        guard !words.isEmpty else { return "" }
        let prefix = indent + leading
        let room = max(width - prefix.count, 1)

        var lines: [String] = []
        var current = ""
        for word in words {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= room {
                current += " " + word
            } else {
                lines.append(prefix + current)
                current = String(word)
            }
        }
        lines.append(prefix + current)
        return lines.joined(separator: "\n")
    }
}
