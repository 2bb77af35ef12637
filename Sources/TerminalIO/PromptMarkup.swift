/// libedit measures the prompt to place the cursor; escape sequences print nothing, so they must be
/// bracketed with RL_PROMPT_START_IGNORE (\u{1}) and RL_PROMPT_END_IGNORE (\u{2}) or editing a
/// line after a coloured prompt draws in the wrong column.
public enum PromptMarkup {
    static let startIgnore: Unicode.Scalar = "\u{1}"
    static let endIgnore: Unicode.Scalar = "\u{2}"

    /// Wraps every ANSI CSI sequence (`ESC [ ... final byte`) in `text` in ignore markers.
    /// Text that is already marked is returned unchanged.
    public static func markingEscapes(_ text: String) -> String {
        if text.unicodeScalars.contains(startIgnore) { return text }
        var out = String.UnicodeScalarView()
        var inSequence = false
        var sawBracket = false
        for scalar in text.unicodeScalars {
            if !inSequence, scalar == "\u{1B}" {
                inSequence = true
                sawBracket = false
                out.append(startIgnore)
                out.append(scalar)
                continue
            }
            out.append(scalar)
            guard inSequence else { continue }
            if !sawBracket {
                sawBracket = true
                if scalar != "[" { closeSequence(&out, &inSequence) }
            } else if (0x40...0x7E).contains(scalar.value) {
                closeSequence(&out, &inSequence)
            }
        }
        if inSequence { out.append(endIgnore) }
        return String(out)
    }

    private static func closeSequence(_ out: inout String.UnicodeScalarView, _ inSequence: inout Bool) {
        out.append(endIgnore)
        inSequence = false
    }
}
