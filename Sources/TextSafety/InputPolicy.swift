/// The one rule for text that comes in from outside: every line read (typed at a terminal, piped, or in an
/// `--answers` file) and every command-line argument. Pure: no I/O, no Foundation.
///
/// A line is accepted exactly as given, or refused with the reason; it is never cut, repaired or silently
/// changed. Refused:
///
/// - **Control characters**: C0 (U+0000–U+001F) except TAB, DEL (U+007F), C1 (U+0080–U+009F), and the
///   Unicode line and paragraph separators U+2028 / U+2029 (a line break inside one line, like CR). They
///   move the cursor, recolour or clear a terminal, ring its bell, or split a line in a file.
/// - **Invalid UTF-8**: anything that is not well-formed UTF-8 (Unicode table 3-7): stray continuation
///   bytes, truncated sequences, overlong forms (`C0 80`), surrogates (`ED A0 80`), values past U+10FFFF,
///   and the bytes F5–FF. It is refused rather than replaced with U+FFFD.
/// - **Too long**: more than `maximumBytes` bytes of UTF-8.
///
/// Tolerated: one CR at the very end of a line (`check(_:)` only), so answers files saved with CRLF line
/// ends work; it is dropped before the other checks. A CR anywhere else is refused.
///
/// Accepted as they are: TAB, every other printable character in any script, emoji and their joiners,
/// combining marks, and the bidirectional formatting characters (U+200E/U+200F marks, U+202A–U+202E
/// embeddings and overrides, U+2066–U+2069 isolates). Those are not control characters: right-to-left
/// writers need them, and the terminal does not act on them. They are kept in the record as typed and
/// made visible (`<U+202E>`) wherever text is echoed, by `Sanitizer.visible` in this module.
///
/// The API below is stable: a fuzz target drives `check(_:)`, `check(verbatim:)` and `check(text:)` with
/// arbitrary input and asserts the invariants documented on them.
public enum InputPolicy {
    /// The most bytes (UTF-8) one answer or argument may hold: about 10,000 letters of English, or a
    /// couple of thousand words. A trailing CR that `check(_:)` drops does not count.
    public static let maximumBytes = 10_000

    /// Checks one line as read, without its LF.
    ///
    /// Invariants: never traps, for any bytes; `.success(s)` means `Array(s.utf8)` equals the input with at
    /// most one trailing CR removed, that is at most `maximumBytes` long, and `check(text: s)` succeeds
    /// too; `.failure` always names a position inside the input.
    public static func check(_ line: some Collection<UInt8>) -> Result<String, InputProblem> {
        var bytes = Array(line)
        if bytes.last == 0x0D { bytes.removeLast() }
        return checkBytes(bytes, totalBytes: bytes.count)
    }

    /// Checks a line that a reader stopped keeping part way, so a runaway line costs bounded memory:
    /// `prefix` is what it kept, at least the first `maximumBytes + 1` bytes (room for a trailing CR) of
    /// a longer line, and `totalBytes` the length of the whole line without its LF. A line that was cut is
    /// refused as `.tooLong` (its `actual` counts a trailing CR, if it had one); a whole one is `check(_:)`.
    public static func check(prefix: some Collection<UInt8>, totalBytes: Int) -> Result<String, InputProblem> {
        if prefix.count < totalBytes, totalBytes > maximumBytes + 1 {
            return .failure(.tooLong(limit: maximumBytes, actual: totalBytes))
        }
        return check(prefix)
    }

    /// Checks bytes with nothing tolerated, not even a trailing CR: for a command-line argument as the
    /// system passed it, before anything decoded (and repaired) it.
    ///
    /// Invariant: `.success(s)` means `Array(s.utf8)` equals the input.
    public static func check(verbatim bytes: some Collection<UInt8>) -> Result<String, InputProblem> {
        let all = Array(bytes)
        return checkBytes(all, totalBytes: all.count)
    }

    /// Checks text that has already been decoded, such as a command-line argument. Nothing is tolerated
    /// here: a CR at the end is refused like any other control character.
    ///
    /// Invariant: `.success(s)` always returns `text` itself unchanged.
    public static func check(text: String) -> Result<String, InputProblem> {
        let bytes = Array(text.utf8)
        return checkBytes(bytes, totalBytes: bytes.count)
    }

    /// The shared core: the length, then the first place that is not well-formed or holds a refused
    /// character, whichever comes first.
    private static func checkBytes(_ bytes: [UInt8], totalBytes: Int) -> Result<String, InputProblem> {
        if totalBytes > maximumBytes { return .failure(.tooLong(limit: maximumBytes, actual: totalBytes)) }
        switch UTF8Scan.firstStop(in: bytes, where: isRefused) {
        case nil:
            return .success(String(decoding: bytes, as: UTF8.self))
        case .invalid(let offset):
            return .failure(.invalidUTF8(byteOffset: offset, character: character(before: bytes[..<offset])))
        case .scalar(let scalar, let offset):
            let position = character(before: bytes[..<offset])
            return .failure(.controlCharacter(scalar, character: position, byteOffset: offset))
        }
    }

    /// Whether the policy refuses this scalar wherever it appears.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The 1-based position, in characters as a person counts them, of whatever starts after `prefix`
    /// (which is valid UTF-8).
    private static func character(before prefix: ArraySlice<UInt8>) -> Int {
        String(decoding: prefix, as: UTF8.self).count + 1
    }
}
