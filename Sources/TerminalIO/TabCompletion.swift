import CEditline
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The words Tab may complete to at the current prompt, and the matches of the completion in progress.
/// libedit calls the generator as a bare C function, so this state is a library global behind a lock.
struct CompletionState {
    var candidates: [String] = []
    var matches: [String] = []
    var nextMatch = 0
}

let completionState = Mutex(CompletionState())

/// Tab's entry point: the whole line so far is `text` (see `ce_complete_whole_lines`). Returning
/// the matches from here, rather than leaving it to libedit, also keeps libedit from backslash-escaping
/// the spaces in labels such as "Not sure".
func completeLine(
    _ text: UnsafePointer<CChar>?,
    _: Int32,
    _: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_completion_matches(text, completionGenerator)
}

/// readline's generator protocol: called with `state == 0` to start a completion of `text`, then
/// repeatedly until it returns NULL. Matching ignores case and leading spaces, so "y" completes to
/// "Yes".
/// Results are `strdup`'d because libedit frees them.
func completionGenerator(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    let typed = text.map { String(cString: $0) } ?? ""
    let prefix = typed.drop { $0 == " " }.lowercased()
    let match: String? = completionState.withLock { completion in
        if state == 0 {
            completion.matches = completion.candidates.filter { $0.lowercased().hasPrefix(prefix) }
            completion.nextMatch = 0
        }
        guard completion.nextMatch < completion.matches.count else { return nil }
        defer { completion.nextMatch += 1 }
        return completion.matches[completion.nextMatch]
    }
    return match.flatMap { strdup($0) }
}
