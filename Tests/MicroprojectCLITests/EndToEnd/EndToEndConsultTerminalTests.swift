import Foundation
import Testing

/// The co-run consult in a real terminal (libedit), driven through tmux: two hand-overs, an answer typed for
/// the other practitioner with /as, agreements with Enter, then the audit trail.
@Suite(
    "End to end: the co-run consult in a terminal (tmux)",
    .serialized,
    .enabled(if: E2ETmux.isInstalled, "tmux is not installed (Scripts/test installs it); terminal tests skipped")
)
struct EndToEndConsultTerminalTests {
    @Test("two hand-overs and /as in a terminal; audit shows both 'handed over to' lines and who typed")
    func handOversAndAnswerAsInATerminal() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let t = try await E2ETmux(sandbox: sandbox, arguments: ["consult", id, "--lead-plus", "ann"])
        let sam = "sam (link)>"
        let ann = "ann (lead-plus)>"

        /// Types a line, presses Enter and waits until `ready` holds for the pane.
        func say(_ text: String, then ready: @escaping (String) -> Bool, _ what: String) async throws {
            if !text.isEmpty { try await t.type(text) }
            try await t.press("Enter")
            let (ok, screen) = try await t.waitFor(ready)
            try #require(ok, "after '\(text)': \(what) never appeared:\n\(screen)")
        }
        func asks(_ number: Int, _ who: String) -> (String) -> Bool {
            { E2ETmux.hasQuestion(number, in: $0) && E2ETmux.lastLine($0) == who }
        }

        let (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(1, in: $0) && E2ETmux.lastLine($0) == sam }
        try #require(ok, "question 1 for sam never appeared:\n\(screen)")
        let session = try #require(E2E.sessionID(in: screen), "no session id:\n\(screen)")

        try await say("Calmer evenings", then: asks(2, sam), "question 2 for sam")
        try await say(
            "/handover",
            then: { $0.contains("Ann Lee now has the keyboard.") && E2ETmux.lastLine($0) == ann },
            "the first hand-over"
        )
        try await say("Money is tight", then: asks(3, ann), "question 3 for ann")
        try await say(
            "/handover",
            then: { $0.contains("Sam Khan now has the keyboard.") && E2ETmux.lastLine($0) == sam },
            "the second hand-over"
        )
        try await say(
            "/as lead-plus We laugh at dinner",
            then: { $0.contains("Saved as Ann Lee's answer, typed by Sam Khan.") && asks(4, sam)($0) },
            "sam typing ann's answer"
        )
        try await say(
            "Calmer bedtimes",
            then: { $0.contains("Sam Khan answered: Calmer bedtimes") && E2ETmux.lastLine($0) == ann },
            "ann's turn to agree"
        )
        try await say("", then: { $0.contains("Agreed by both.") && asks(5, sam)($0) }, "the agreement")
        try await say("no", then: asks(6, sam), "readiness")
        try await say("4", then: asks(7, sam), "the support route")
        try await say(
            "2",
            then: { $0.contains("Sam Khan answered: Structured sessions") && E2ETmux.lastLine($0) == ann },
            "ann's turn to agree on the support route"
        )
        try await say(
            "",
            then: { $0.contains("Outcome: Priorities agreed") && E2ETmux.lastLine($0) == "continue>" },
            "the outcome and Carry on now?"
        )
        try await say("no", then: { $0.contains("EXIT=") }, "the exit")
        let end = try await t.screen()
        #expect(end.contains("EXIT=75"), "\(end)")

        for key in [id, session] {
            let audit = CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, key))
            let handOvers = audit.filter { $0.contains("handed over to") }
            #expect(handOvers.count == 2, "audit \(key): \(audit)")
            #expect(
                handOvers.first?.contains("sam (link)") == true
                    && handOvers.first?.hasSuffix("handed over to ann") == true
            )
            #expect(
                handOvers.last?.contains("ann (lead-plus)") == true
                    && handOvers.last?.hasSuffix("handed over to sam") == true
            )
            let typed =
                audit.first {
                    $0.contains("answered \"What is going well, even a little, in your relationships at the moment?\":")
                } ?? ""
            #expect(typed.contains("ann (lead-plus)"), "audit \(key): \(typed)")
            #expect(typed.contains("typed by sam"), "audit \(key): who typed is not shown: \(typed)")
            #expect(
                audit.contains {
                    $0.contains("ann (lead-plus)")
                        && $0.contains("agreed with the answer to \"In your own words, what is learning priority 1?\"")
                }
            )
        }
    }
}
