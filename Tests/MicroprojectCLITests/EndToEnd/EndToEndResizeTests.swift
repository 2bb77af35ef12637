import Foundation
import Testing

/// The terminal never crashes (issue 8, item 8): resizing the window while an answer is half typed, many times
/// in one process. libedit's own SIGWINCH handler resized its display inside the signal handler and kept its
/// cursor column, so with the cursor at column 62 or 63 and the window shrunk to 60, the next character typed
/// was written over the heap block after a display row: "corrupted size vs. prev_size", exit 134.
@Suite(
    "End to end: window resizes (tmux)",
    .serialized,
    .enabled(if: E2ETmux.isInstalled, "tmux is not installed (Scripts/test installs it); terminal tests skipped")
)
struct EndToEndResizeTests {
    static let reask = "Could you say a little more?"

    static func count(_ text: String, in screen: String) -> Int {
        screen.components(separatedBy: text).count - 1
    }

    /// Resizes the window; with `settle`, also waits long enough for tmux to pass the new size on to the
    /// program (tmux 3.2 and later hold a pane's resize back briefly), as a person's next key would.
    func resize(_ t: E2ETmux, columns: Int, settle: Bool = true) async throws {
        let result = try await t.tmux(["resize-window", "-t", t.session, "-x", "\(columns)", "-y", "40"])
        try #require(result.exitCode == 0, "tmux resize-window failed: \(result.transcript)")
        if settle { await E2E.sleep(milliseconds: 300) }
    }

    /// Waits until the prompt's line reads `lastLine`, or the program has ended.
    func settle(_ t: E2ETmux, lastLine: String, round: Int) async throws {
        let (ok, screen) = try await t.waitFor { $0.contains("EXIT=") || E2ETmux.lastLine($0) == lastLine }
        try #require(!screen.contains("EXIT="), "round \(round): the program ended:\n\(screen)")
        try #require(ok, "round \(round): the line never read '\(lastLine)':\n\(screen)")
    }

    @Test("60 resizes mid-answer in one process: no abort, the half-typed answer is kept and saved")
    func manyResizesMidAnswer() async throws {
        let sandbox = try E2ESandbox()
        let (t, id) = try await E2ETmux.atFirstQuestion(sandbox, ["run", "safety-check"])
        var ok: Bool
        var screen: String

        // 20 prompts: the cursor at column 62 or 63 (after "practitioner> "), shrink to 60, type at the end of
        // the line, grow back; then a too-short answer, so the question is asked again on a fresh prompt. Each
        // step waits for the screen to settle, as a person would: a redraw still in flight when the next resize
        // lands is drawn for the old width, which is a matter of looks, not of memory.
        var resizes = 0
        for round in 1...20 {
            let text = String("Mornings at home with the kids and quite a lot mo".prefix(48 + round % 2))
            let full = "practitioner> " + text
            try await t.type(text)
            try await settle(t, lastLine: full, round: round)
            try await resize(t, columns: 60)
            // The pane is read with wrapped lines joined (E2ETmux.screen), so the line reads the same at 60.
            try await settle(t, lastLine: full, round: round)
            try await t.type("r")
            try await settle(t, lastLine: full + "r", round: round)
            try await resize(t, columns: 120)
            try await settle(t, lastLine: full + "r", round: round)
            resizes += 2
            try await t.press("C-u")
            try await t.type("x")
            try await t.press("Enter")
            (ok, screen) = try await t.waitFor { $0.contains("EXIT=") || Self.count(Self.reask, in: $0) >= round }
            try #require(!screen.contains("EXIT="), "the program ended after \(resizes) resizes:\n\(screen)")
            try #require(ok, "round \(round): the short answer was not asked again:\n\(screen)")
        }

        // Half an answer, 20 resizes in a row, then the rest of it: the line survives whole.
        try await t.type("Mornings at home")
        for i in 0..<20 {
            try await resize(t, columns: i % 2 == 0 ? 60 : 120, settle: false)
            resizes += 1
            await E2E.sleep(milliseconds: 20)
        }
        await E2E.sleep(milliseconds: 200)
        try await t.type(" with the kids")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") || E2ETmux.hasQuestion(2, in: $0) }
        #expect(resizes >= 60)
        try #require(!screen.contains("EXIT="), "the program ended after \(resizes) resizes:\n\(screen)")
        try #require(ok, "question 2 never appeared after \(resizes) resizes:\n\(screen)")

        // Ctrl-C on the empty line pauses (exit 75): the process is alive and well to the end.
        await E2E.sleep(milliseconds: 300)  // libedit.md gotcha 10
        try await t.press("C-c")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        #expect(screen.contains("EXIT=75"), "expected the pause exit 75:\n\(screen)")

        let show = try await sandbox.run(["show", id, "--all"])
        #expect(E2E.shownAnswer(in: show.stdout, question: "In a sentence or two") == "Mornings at home with the kids")
    }
}
