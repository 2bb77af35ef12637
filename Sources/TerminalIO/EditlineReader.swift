import CEditline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads answers from a person at a terminal with libedit: emacs-style editing, Tab completion of
/// the prompt's choices, and Ctrl-C handled as "clear the line" or, on an empty line, "pause".
///
/// No history is kept, in memory or on disk: answers may be personal and libedit's history file is
/// plain text. libedit has one global editor, so create one reader per process and call it from the
/// main thread: that is the thread a terminal's SIGINT interrupts (worker threads block it), and
/// the interrupted read is how Ctrl-C reaches the editor.
public final class EditlineReader: LineReader {
    public var isInteractive: Bool { true }

    private let interruptTrap = InterruptTrap()

    public init() {
        useUTF8CharacterType()
        // libedit keeps the pointer for the life of the process (it names the ~/.editrc section).
        ce_set_readline_name(strdup("microproject"))
        // Ctrl-C during editing: SIGINT -> `readKey` -> `interruptKeyPressed` (see there).
        ce_set_getc_function(readKey)
        rl_initialize()
        stifle_history(0)
        rl_add_defun(strdup("microproject-interrupt"), interruptKeyPressed, interruptKeyCode)
        ce_set_completion_entry_function(completionGenerator)
        ce_complete_whole_lines(completeLine)
        // Completing "Yes" must submit "Yes", not "Yes ".
        ce_set_completion_append_character(0)
        interruptTrap.install()
    }

    /// Puts back the SIGINT action that was in place before the reader existed.
    public func close() {
        interruptTrap.restore()
    }

    public func readLine(prompt: String, completions: [String]) -> LineInput {
        completionState.withLock { $0 = CompletionState(candidates: completions) }
        // A Ctrl-C pressed while the program was busy between prompts means "stop" too.
        if interruptRequested.exchange(false, ordering: .relaxed) { return .interrupt }
        while true {
            guard let raw = readline(prompt) else {
                // libedit leaves the cursor after the prompt; later output starts on a fresh line.
                print("")
                if lineDiscarded.exchange(false, ordering: .relaxed) { continue }
                if interruptRequested.exchange(false, ordering: .relaxed) { return .interrupt }
                return .endOfInput
            }
            defer { free(raw) }
            return .line(Self.trimmingLineEnd(String(cString: raw)))
        }
    }

    /// Drops a trailing newline and the spaces completion or editing may leave at the end.
    static func trimmingLineEnd(_ line: String) -> String {
        var end = line.endIndex
        while end > line.startIndex {
            let previous = line.index(before: end)
            guard line[previous] == " " || line[previous] == "\n" || line[previous] == "\r\n" else { break }
            end = previous
        }
        return String(line[..<end])
    }
}
