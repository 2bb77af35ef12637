import CEditline
import Synchronization

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
