import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Set from the SIGINT handler. An atomic store is all a signal handler may safely do; the reader
/// looks at it after `readline()` returns. A library global because C callbacks cannot capture state.
let interruptRequested = Atomic<Bool>(false)

private func recordInterrupt(_: Int32) {
    interruptRequested.store(true, ordering: .relaxed)
}

/// Replaces the default SIGINT action (kill the process, losing the answer being typed) with one that
/// only raises `interruptRequested`, and puts the previous action back on `restore()`.
///
/// No `SA_RESTART`: the blocked `read()` inside libedit must fail with EINTR so `readline()` returns.
final class InterruptTrap {
    private var previous = sigaction()
    private var isInstalled = false

    func install() {
        guard !isInstalled else { return }
        // Bound to a typed constant first: bit-casting a plain Swift function traps at run time.
        let handler: @convention(c) (Int32) -> Void = recordInterrupt
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        interruptRequested.store(false, ordering: .relaxed)
        isInstalled = sigaction(SIGINT, &action, &previous) == 0
    }

    func restore() {
        guard isInstalled else { return }
        sigaction(SIGINT, &previous, nil)
        isInstalled = false
    }

    deinit { restore() }
}
