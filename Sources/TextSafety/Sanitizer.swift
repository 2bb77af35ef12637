/// Makes what a person typed (or what an answers file held) safe to echo and store.
public enum Sanitizer {
    /// Replaces every character a terminal would act on, or that would hide or reorder text, with a
    /// visible stand-in, so printing an answer can never move the cursor, recolour the screen, ring
    /// the bell or reverse the text after it.
    ///
    /// - C0 controls (tab and newline too) and DEL: caret notation (`^[`, `^I`, `^?`).
    /// - C1 controls U+0080–U+009F: `<U+0085>`.
    /// - Bidirectional and invisible format characters: `<U+202E>`. The zero-width joiner U+200D is
    ///   kept, because emoji sequences need it.
    ///
    /// Works on Unicode scalars rather than characters: a combining mark attached to ESC forms one
    /// character, and must not let the ESC through.
    public static func visible(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x00...0x1F:
                out.append("^")
                out.append(Unicode.Scalar(UInt8(value) + 0x40))
            case 0x7F:
                out.append(contentsOf: "^?".unicodeScalars)
            case 0x80...0x9F:
                out.append(contentsOf: codePointLabel(value).unicodeScalars)
            case _ where isHiddenFormat(value):
                out.append(contentsOf: codePointLabel(value).unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Trims the surrounding whitespace and newlines that editing, completion or an answers file add,
    /// so stored answers compare equal however they were typed.
    public static func cleanAnswer(_ s: String) -> String {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
            let last = s.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(s[first...last])
    }

    /// Format characters that change text direction or are invisible (zero-width space, BOM,
    /// marks and isolates), used in "Trojan Source" style spoofing.
    private static func isHiddenFormat(_ value: UInt32) -> Bool {
        switch value {
        case 0x061C, 0x200B, 0x200C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            return true
        default:
            return false
        }
    }

    private static func codePointLabel(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}

/// Escaping for Markdown written from people's words (records, summaries).
public enum MarkdownText {
    /// Keeps people's words on one line and stops them being read as Markdown or HTML; what a terminal would act
    /// on is made visible first (`Sanitizer.visible`).
    public static func inline(_ s: String) -> String {
        var out = ""
        for ch in Sanitizer.visible(s) {
            switch ch {
            case "\n", "\r", "\r\n": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|": out += "\\\(ch)"
            default: out.append(ch)
            }
        }
        return out
    }
}
