import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Set from the SIGINT handler. An atomic store is all a signal handler may safely do; the reader
/// looks at it after `readline()` returns. A library global because C callbacks cannot capture state.
let interruptRequested = Atomic<Bool>(false)

/// Set from the SIGWINCH handler; `readKey` resizes libedit's display from normal code when it sees it.
let windowResized = Atomic<Bool>(false)

/// Set when the process was stopped (Ctrl-Z) and continued; `readKey` puts the terminal back in
/// libedit's mode and redraws the line.
let terminalContinued = Atomic<Bool>(false)

/// The terminal settings from before libedit changed them, written once before any handler is
/// installed and only read after: a handler restores them before the process stops or dies.
nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var hasSavedTerminal = false

private func recordInterrupt(_: Int32) {
    interruptRequested.store(true, ordering: .relaxed)
}

private func recordResize(_: Int32) {
    windowResized.store(true, ordering: .relaxed)
}

/// Ctrl-Z, or a signal that ends the process: give the terminal back as it was (tcsetattr is
/// async-signal-safe), then let the signal do what it does by default. For a stop that means the
/// process stops right here; once continued, the handler is put back and the reader redraws.
private func leaveTerminal(_ signal: Int32) {
    let saved = errno
    if hasSavedTerminal { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal) }
    var action = sigaction()
    #if canImport(Glibc)
    action.__sigaction_handler.sa_handler = SIG_DFL
    #else
    action.__sigaction_u.__sa_handler = SIG_DFL
    #endif
    sigemptyset(&action.sa_mask)
    var ours = sigaction()
    _ = sigaction(signal, &action, &ours)
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, signal)
    _ = sigprocmask(SIG_UNBLOCK, &unblock, nil)
    _ = raise(signal)
    // Only a stop comes back here.
    _ = sigaction(signal, &ours, nil)
    terminalContinued.store(true, ordering: .relaxed)
    errno = saved
}

/// The signal handling of the line editor, installed for the reader's lifetime and put back on
/// `restore()`. libedit's own handlers are off (`rl_catch_signals = 0`, see `EditlineReader`), because
/// its SIGWINCH handler resizes the display, freeing and allocating memory, inside the signal handler.
///
/// - SIGINT only raises `interruptRequested` (Ctrl-C clears the line or pauses; it never kills the
///   process and loses what was typed).
/// - SIGWINCH only raises `windowResized`.
/// - SIGTSTP, SIGTERM, SIGHUP and SIGQUIT restore the terminal settings first, then stop or end the
///   process as they would have (`leaveTerminal`).
///
/// No `SA_RESTART`: the blocked `read()` inside libedit must fail with EINTR so `readKey` sees the flag.
final class SignalTrap {
    private static let leaving: [Int32] = [SIGTSTP, SIGTERM, SIGHUP, SIGQUIT]
    private var previous: [(signal: Int32, action: sigaction)] = []

    func install() {
        guard previous.isEmpty else { return }
        if !hasSavedTerminal, tcgetattr(STDIN_FILENO, &savedTerminal) == 0 { hasSavedTerminal = true }
        // Also the first use of each flag, so no handler is ever the one to run a global's lazy initialiser.
        interruptRequested.store(false, ordering: .relaxed)
        windowResized.store(false, ordering: .relaxed)
        terminalContinued.store(false, ordering: .relaxed)
        // Bound to typed constants first: bit-casting a plain Swift function traps at run time.
        let onInterrupt: @convention(c) (Int32) -> Void = recordInterrupt
        let onResize: @convention(c) (Int32) -> Void = recordResize
        let onLeave: @convention(c) (Int32) -> Void = leaveTerminal
        var handlers: [(Int32, @convention(c) (Int32) -> Void)] = [(SIGINT, onInterrupt), (SIGWINCH, onResize)]
        for signal in Self.leaving {
            // A signal the parent chose to ignore (nohup, a job started in the background) stays ignored.
            var current = sigaction()
            if sigaction(signal, nil, &current) == 0, Self.isIgnored(current) { continue }
            handlers.append((signal, onLeave))
        }
        for (signal, handler) in handlers {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = handler
            #else
            action.__sigaction_u.__sa_handler = handler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signal, &action, &old) == 0 { previous.append((signal, old)) }
        }
    }

    func restore() {
        for var entry in previous.reversed() { sigaction(entry.signal, &entry.action, nil) }
        previous.removeAll()
    }

    deinit { restore() }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
