import CEditline
import TextSafety

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
/// main thread: that is the thread a terminal's signals interrupt (worker threads block them), and
/// the interrupted read is how Ctrl-C and a window resize reach the editor.
///
/// libedit's own signal handlers are turned off (`rl_catch_signals = 0`): its SIGWINCH handler calls
/// `el_resize` inside the handler, which frees and reallocates the display while the interrupted code
/// may be inside malloc or drawing that display, and corrupted the heap ("corrupted size vs. prev_size",
/// abort) about once in 25 resizes. `SignalTrap` only raises flags; `readKey` acts on them between keys.
public final class EditlineReader: LineReader {
    public var isInteractive: Bool { true }

    private let signalTrap = SignalTrap()

    public init() {
        useUTF8CharacterType()
        // libedit keeps the pointer for the life of the process (it names the ~/.editrc section).
        ce_set_readline_name(strdup("microproject"))
        // Read by rl_initialize only: no libedit handlers for SIGINT, SIGWINCH, SIGTSTP, SIGCONT...
        ce_set_catch_signals(0)
        // Ctrl-C, resizes and Ctrl-Z reach libedit through `readKey` (see there).
        ce_set_getc_function(readKey)
        rl_initialize()
        stifle_history(0)
        rl_add_defun(strdup("microproject-interrupt"), interruptKeyPressed, interruptKeyCode)
        rl_add_defun(strdup("microproject-terminal-changed"), terminalChanged, terminalChangedKeyCode)
        ce_set_completion_entry_function(completionGenerator)
        ce_complete_whole_lines(completeLine)
        // Completing "Yes" must submit "Yes", not "Yes ".
        ce_set_completion_append_character(0)
        signalTrap.install()
    }

    /// Puts back the signal actions that were in place before the reader existed.
    public func close() {
        signalTrap.restore()
    }

    public func nextLine(prompt: String, completions: [String]) -> LineRead {
        completionState.withLock { $0 = CompletionState(candidates: completions) }
        // A Ctrl-C pressed while the program was busy between prompts means "stop" too.
        if interruptRequested.exchange(false, ordering: .relaxed) { return .input(.interrupt) }
        // readline() sizes the display itself when it starts.
        windowResized.store(false, ordering: .relaxed)
        promptWidth.store(visibleWidth(ofPrompt: prompt), ordering: .relaxed)
        while true {
            invalidInputSeen.store(false, ordering: .relaxed)
            guard let raw = readline(prompt) else {
                // libedit leaves the cursor after the prompt; later output starts on a fresh line.
                print("")
                if lineDiscarded.exchange(false, ordering: .relaxed) { continue }
                if interruptRequested.exchange(false, ordering: .relaxed) { return .input(.interrupt) }
                return .input(.endOfInput)
            }
            defer { free(raw) }
            let line = Self.trimmingLineEnd(String(cString: raw))
            return Self.checked(line, hadInvalidBytes: invalidInputSeen.load(ordering: .relaxed))
        }
    }

    /// Applies `InputPolicy` to an edited line. Bytes that were not UTF-8 reached the editor as U+FFFD
    /// (`readKey`); if one is still in the line, it is reported as invalid UTF-8 at that place rather than
    /// kept as a replacement the person never typed.
    static func checked(_ line: String, hadInvalidBytes: Bool) -> LineRead {
        let bytes = Array(line.utf8)
        if hadInvalidBytes, let index = line.unicodeScalars.firstIndex(of: "\u{FFFD}") {
            let offset = line.utf8.distance(from: line.startIndex, to: index)
            let problem = InputProblem.invalidUTF8(byteOffset: offset, character: line[..<index].count + 1)
            return .refused(RefusedLine(problem: problem, bytes: bytes))
        }
        return InputPolicy.check(text: line).lineRead(bytes: bytes)
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

extension Result where Success == String, Failure == InputProblem {
    /// A reader's answer for a line that was checked: the line, or the refusal with what was read.
    func lineRead(bytes: [UInt8]) -> LineRead {
        switch self {
        case .success(let line): return .input(.line(line))
        case .failure(let problem): return .refused(RefusedLine(problem: problem, bytes: bytes))
        }
    }
}
