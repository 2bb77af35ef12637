import Foundation
import Testing

/// The real terminal path (libedit), driven through tmux.
@Suite(
    "End to end: terminal (tmux)",
    .serialized,
    .enabled(if: E2ETmux.isInstalled, "tmux is not installed (Scripts/test installs it); terminal tests skipped")
)
struct EndToEndTerminalTests {
    static let need = "General learning, with no particular concern right now"

    @Test("line editing, Tab completion, /back, Ctrl-C clears the line, Ctrl-C on an empty line pauses")
    func lineEditingAndCtrlC() async throws {
        let sandbox = try E2ESandbox()
        let (t, id) = try await E2ETmux.atFirstQuestion(sandbox, ["run", "safety-check"])
        var ok: Bool
        var screen: String

        // Left arrow x4 and an insertion edit the line in place.
        try await t.type("Mornings at home")
        try await t.press("Left", "Left", "Left", "Left")
        try await t.type("our ")
        (ok, screen) = try await t.waitFor { E2ETmux.lastLine($0) == "practitioner> Mornings at our home" }
        #expect(ok, "the line was not edited in place:\n\(screen)")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(2, in: $0) }
        try #require(ok, "question 2 never appeared:\n\(screen)")

        // Ctrl-C with text on the line clears it; the program keeps running. "yes" would end the interview
        // (escalate), so if it were kept, the test would see an outcome or "yesno".
        try await t.type("yes")
        (ok, screen) = try await t.waitFor { E2ETmux.lastLine($0) == "practitioner> yes" }
        try #require(ok, "typed text not shown:\n\(screen)")
        let prompts = E2ETmux.promptCount(screen)
        await E2E.sleep(milliseconds: 300)  // libedit.md gotcha 10: C-c in the same burst is discarded
        try await t.press("C-c")
        (ok, screen) = try await t.waitFor {
            E2ETmux.lastLine($0) == "practitioner>" && E2ETmux.promptCount($0) > prompts
        }
        #expect(ok, "Ctrl-C did not give a fresh, empty line:\n\(screen)")
        #expect(!screen.contains("EXIT="), "Ctrl-C with text on the line ended the program:\n\(screen)")
        try await t.type("no")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(3, in: $0) }
        try #require(ok, "after Ctrl-C, 'no' did not move on to question 3:\n\(screen)")
        #expect(!screen.contains("Outcome:"))

        // crisis .. investigation: no.
        for number in 3...7 {
            try await t.type("no")
            try await t.press("Enter")
            (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(number + 1, in: $0) }
            try #require(ok, "question \(number + 1) never appeared:\n\(screen)")
        }

        // Tab completes a choice label at the one-of question.
        try await t.type("Gen")
        try await t.press("Tab")
        (ok, screen) = try await t.waitFor { E2ETmux.lastLine($0) == "practitioner> \(Self.need)" }
        #expect(ok, "Tab did not complete 'Gen' to '\(Self.need)':\n\(screen)")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(9, in: $0) }
        try #require(ok, "question 9 never appeared:\n\(screen)")

        // /back shows the earlier answer; Enter keeps it.
        try await t.type("/back")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor {
            $0.contains("Earlier answer: \(Self.need)") && E2ETmux.lastLine($0) == "practitioner>"
        }
        try #require(ok, "/back did not reopen need-level with its earlier answer:\n\(screen)")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { $0.contains("Kept.") && E2ETmux.lastLine($0) == "practitioner>" }
        try #require(ok, "Enter after /back did not keep the answer:\n\(screen)")
        try await t.type("none")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(10, in: $0) && E2ETmux.lastLine($0) == "participant>" }
        try #require(ok, "question 10 never appeared:\n\(screen)")

        // Ctrl-C on an empty line pauses: exit 75, and the answers are saved.
        await E2E.sleep(milliseconds: 300)
        try await t.press("C-c")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        #expect(ok && screen.contains("EXIT=75"), "Ctrl-C on an empty line did not pause with 75:\n\(screen)")
        #expect(E2E.continueHint(in: screen) == id, "no continue hint:\n\(screen)")

        let show = try await sandbox.run(["show", id, "--all"])
        #expect(show.exitCode == 0, "\(show.transcript)")
        #expect(
            E2E.shownAnswer(in: show.stdout, question: "In a sentence or two") == "Mornings at our home",
            "\(show.stdout)"
        )
        #expect(E2E.shownAnswer(in: show.stdout, question: "Is anyone at risk of harm") == "No", "\(show.stdout)")
        #expect(
            E2E.shownAnswer(in: show.stdout, question: "Which of these sounds closest") == Self.need,
            "\(show.stdout)"
        )
        #expect(show.stdout.contains("paused"), "\(show.stdout)")

        // Finish it with piped answers and read the stored values.
        let resumed = try await sandbox.run(["continue", id], lines: ["yes", "no", "/skip"])
        #expect(resumed.exitCode == 0, "\(resumed.transcript)")
        let rec = try E2ERecord(path: sandbox.recordPath(id: id))
        #expect(rec.outcomeID == "suitable")
        #expect(rec.string("focus-summary") == "Mornings at our home")
        #expect(rec.string("safety-worry") == "no")
        #expect(rec.string("need-level") == "general")
        #expect(rec.strings("circumstances") == [])
        #expect(rec.keys.count == 12, "\(rec.keys)")

        expectNoAnswersInHome(sandbox, answers: ["Mornings at our home", "Mornings at home"])
    }

    @Test("Ctrl-D on an empty line pauses with exit 75 and keeps the answers")
    func ctrlDPauses() async throws {
        let sandbox = try E2ESandbox()
        let t = try await E2ETmux(sandbox: sandbox, arguments: ["run", "safety-check"])
        var (ok, screen) = try await t.waitFor {
            E2ETmux.lastLine($0) == "practitioner>" && E2ETmux.hasQuestion(1, in: $0)
        }
        try #require(ok, "question 1 never appeared:\n\(screen)")
        let id = try #require(E2E.sessionID(in: screen))

        try await t.type("Bedtimes with two children")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(2, in: $0) && E2ETmux.lastLine($0) == "practitioner>" }
        try #require(ok, "question 2 never appeared:\n\(screen)")
        try await t.press("C-d")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        #expect(ok && screen.contains("EXIT=75"), "Ctrl-D did not pause with 75:\n\(screen)")
        #expect(E2E.continueHint(in: screen) == id, "no continue hint:\n\(screen)")

        let show = try await sandbox.run(["show", id])
        #expect(show.exitCode == 0, "\(show.transcript)")
        #expect(
            E2E.shownAnswer(in: show.stdout, question: "In a sentence or two") == "Bedtimes with two children",
            "\(show.stdout)"
        )
        #expect(show.stdout.contains("paused"), "\(show.stdout)")

        expectNoAnswersInHome(sandbox, answers: ["Bedtimes with two children"])
    }

    /// Answers never go into a history file: nothing in $HOME holds them, and no history file exists.
    func expectNoAnswersInHome(
        _ sandbox: E2ESandbox,
        answers: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for file in sandbox.files(under: sandbox.userHome) {
            #expect(
                !file.lowercased().contains("history"),
                "a history file was written: \(file)",
                sourceLocation: sourceLocation
            )
            let data = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            for answer in answers {
                #expect(!text.contains(answer), "\(file) holds the answer '\(answer)'", sourceLocation: sourceLocation)
            }
        }
    }
}
