import CEditline
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte `readKey` hands libedit when a read was cut short by Ctrl-C. With the terminal's ISIG on
/// (libedit's readline() forces it), the tty never delivers this byte itself: Ctrl-C becomes SIGINT.
let interruptKeyCode: Int32 = 3

/// Set when Ctrl-C discarded a non-empty line, so the reader re-prompts instead of stopping.
let lineDiscarded = Atomic<Bool>(false)

/// Bound to `interruptKeyCode` with `rl_add_defun`. libedit refreshes `rl_line_buffer` only just
/// before calling a key function like this one (after readline() returns it holds stale text), so
/// this is the one place that can tell an empty line from a non-empty one. It records which, then
/// ends the line at once (`rl_done`); the reader pauses on an empty line and re-prompts otherwise.
func interruptKeyPressed(_: Int32, _: Int32) -> Int32 {
    let isEmpty = ce_line_buffer().map { $0.pointee == 0 } ?? true
    if isEmpty {
        interruptRequested.store(true, ordering: .relaxed)
    } else {
        lineDiscarded.store(true, ordering: .relaxed)
    }
    ce_set_done(1)
    return 0
}

/// The byte `readKey` hands libedit after a window resize or a continue after Ctrl-Z (FS, Ctrl-\). With
/// ISIG on, the tty never delivers it itself: it becomes SIGQUIT. Were it typed with quit turned off,
/// it would only redraw the line.
let terminalChangedKeyCode: Int32 = 0x1C

/// Bound to `terminalChangedKeyCode` with `rl_add_defun`, so it runs where libedit calls key functions:
/// in normal code, between keys, with `rl_line_buffer` and `rl_point` just refreshed. Tells libedit the
/// window's new size (`el_resize`, which reallocates its display buffers) and redraws the prompt and
/// line. libedit's own SIGWINCH handler did the resize inside the signal handler, and left its cursor
/// where it was: a cursor past the new width then wrote past the end of a display row, over the next
/// heap block (docs/readings.md, "libedit and window resizes").
func terminalChanged(_: Int32, _: Int32) -> Int32 {
    let continued = terminalContinued.exchange(false, ordering: .relaxed)
    windowResized.store(false, ordering: .relaxed)
    if continued {
        // The terminal was given back in its normal mode before the stop; put libedit's mode back.
        rl_deprep_terminal()
        rl_prep_terminal(1)
    }
    rl_resize_terminal()
    // The redraw clears libedit's picture of the screen and draws the prompt and line from where it
    // thinks the prompt starts: move the cursor there first. The terminal has rewrapped the line to the
    // new width (tmux and most emulators do), so the cursor is as many rows below the prompt's start as
    // the text before it fills at that width.
    let beforeCursor = ce_line_buffer().map { line in
        let count = min(max(Int(ce_point()), 0), strlen(line))
        return String(decoding: UnsafeRawBufferPointer(start: line, count: count), as: UTF8.self).count
    }
    let width = max(Terminal.width(of: STDOUT_FILENO), 1)
    let rowsUp = (promptWidth.load(ordering: .relaxed) + (beforeCursor ?? 0)) / width
    let move = (rowsUp > 0 ? "\u{1B}[\(rowsUp)A" : "") + "\r\u{1B}[J"
    _ = move.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    rl_forced_update_display()
    return 0
}
