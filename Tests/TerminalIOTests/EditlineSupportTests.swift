import CEditline
import Glibc
import Testing
import TextSafety

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

    /// Raises `signal` on this thread with it unblocked (test runner threads block some signals).
    private func deliver(_ signal: Int32) {
        var only = sigset_t()
        var savedMask = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        pthread_sigmask(SIG_UNBLOCK, &only, &savedMask)
        raise(signal)
        pthread_sigmask(SIG_SETMASK, &savedMask, nil)
    }

    private func handler(of signal: Int32) -> Int {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return unsafeBitCast(action.__sigaction_handler, to: Int.self)
    }

    @Test func signalTrapOnlyRaisesFlagsForCtrlCAndResizeAndRestoresThePreviousActions() {
        let before = [SIGINT, SIGWINCH, SIGTERM].map(handler(of:))
        let trap = SignalTrap()
        trap.install()
        let clearedOnInstall = interruptRequested.load(ordering: .relaxed) || windowResized.load(ordering: .relaxed)
        #expect(clearedOnInstall == false)
        deliver(SIGINT)
        let interrupted = interruptRequested.exchange(false, ordering: .relaxed)
        #expect(interrupted)
        deliver(SIGWINCH)
        let resized = windowResized.exchange(false, ordering: .relaxed)
        #expect(resized)
        for signal in [SIGINT, SIGWINCH] {
            var during = sigaction()
            sigaction(signal, nil, &during)
            #expect(during.sa_flags & Int32(SA_RESTART) == 0, "signal \(signal) would restart the read")
        }
        #expect(handler(of: SIGTERM) != before[2], "SIGTERM would leave the terminal in libedit's mode")
        trap.restore()
        #expect([SIGINT, SIGWINCH, SIGTERM].map(handler(of:)) == before)
    }

    @Test func aResizeOrContinueIsHandedToLibeditAsTheTerminalChangedKey() {
        // FS (Ctrl-\) never arrives as a byte while ISIG is on: the tty turns it into SIGQUIT.
        #expect(terminalChangedKeyCode == 0x1C)
        #expect(terminalChangedKeyCode != interruptKeyCode)
        #expect(visibleWidth(ofPrompt: "practitioner> ") == 14)
        #expect(visibleWidth(ofPrompt: "\u{1}\u{1B}[1m\u{2}you> \u{1}\u{1B}[0m\u{2}") == 5)
    }

    @Test(arguments: [
        ("Mornings", false, LineRead.input(.line("Mornings"))),
        (
            "a\u{7}b", false,
            LineRead.refused(
                RefusedLine(
                    problem: .controlCharacter("\u{7}", character: 2, byteOffset: 1),
                    bytes: Array("a\u{7}b".utf8)
                )
            )
        ),
        (
            "caf\u{FFFD}", true,
            LineRead.refused(
                RefusedLine(problem: .invalidUTF8(byteOffset: 3, character: 4), bytes: Array("caf\u{FFFD}".utf8))
            )
        ),
        // A U+FFFD typed as itself, with no bad bytes read, is text like any other.
        ("caf\u{FFFD}", false, LineRead.input(.line("caf\u{FFFD}"))),
    ])
    func editedLinesGoThroughTheInputPolicy(line: String, hadInvalidBytes: Bool, expected: LineRead) {
        #expect(EditlineReader.checked(line, hadInvalidBytes: hadInvalidBytes) == expected)
    }
}
