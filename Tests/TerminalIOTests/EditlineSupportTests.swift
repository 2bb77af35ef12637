import CEditline
import Glibc
import Testing

@testable import TerminalIO

/// The pieces of the libedit reader that run without a terminal.
@Suite(.serialized) struct EditlineSupportTests {
    private func complete(_ text: String, candidates: [String]) -> [String] {
        completionState.withLock { $0 = CompletionState(candidates: candidates) }
        var results: [String] = []
        var state: Int32 = 0
        while let match = text.withCString({ completionGenerator($0, state) }) {
            results.append(String(cString: match))
            free(match)
            state += 1
        }
        return results
    }

    @Test func completionMatchesPrefixIgnoringCaseAndLeadingSpaces() {
        let labels = ["Yes", "No", "Not sure", "/back", "/quit"]
        #expect(complete("n", candidates: labels) == ["No", "Not sure"])
        #expect(complete("  not s", candidates: labels) == ["Not sure"])
        #expect(complete("/", candidates: labels) == ["/back", "/quit"])
        #expect(complete("", candidates: labels) == labels)
        #expect(complete("zzz", candidates: labels) == [])
    }

    @Test(arguments: [
        ("Yes ", "Yes"),
        ("two words  \n", "two words"),
        ("  lead kept", "  lead kept"),
        ("", ""),
    ])
    func trimmingLineEnd(input: String, expected: String) {
        #expect(EditlineReader.trimmingLineEnd(input) == expected)
    }

    @Test func interruptTrapRecordsSIGINTAndRestoresThePreviousAction() {
        var before = sigaction()
        sigaction(SIGINT, nil, &before)
        let trap = InterruptTrap()
        trap.install()
        let clearedOnInstall = interruptRequested.load(ordering: .relaxed)
        #expect(clearedOnInstall == false)
        // Test runner threads block SIGINT; unblock it here so raise() delivers it synchronously.
        var interruptOnly = sigset_t()
        var savedMask = sigset_t()
        sigemptyset(&interruptOnly)
        sigaddset(&interruptOnly, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interruptOnly, &savedMask)
        raise(SIGINT)
        pthread_sigmask(SIG_SETMASK, &savedMask, nil)
        let recorded = interruptRequested.exchange(false, ordering: .relaxed)
        #expect(recorded)
        var during = sigaction()
        sigaction(SIGINT, nil, &during)
        #expect(during.sa_flags & Int32(SA_RESTART) == 0)
        trap.restore()
        var after = sigaction()
        sigaction(SIGINT, nil, &after)
        let restored = unsafeBitCast(after.__sigaction_handler, to: Int.self)
        #expect(restored == unsafeBitCast(before.__sigaction_handler, to: Int.self))
    }
}
