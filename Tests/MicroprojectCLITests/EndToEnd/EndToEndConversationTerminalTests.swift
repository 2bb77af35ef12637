import Foundation
import Testing

/// The one conversation in a real terminal (issue 9, item 2): text wrapped at the width of the moment it is
/// printed (a resize between two questions is followed, no word is split, a command to copy is never broken),
/// where the person is, and anything mistyped asked again, at 60 and 120 columns.
@Suite(
    "End to end: the conversation in a terminal (tmux)",
    .serialized,
    .enabled(if: E2ETmux.isInstalled, "tmux is not installed (Scripts/test installs it); terminal tests skipped")
)
struct EndToEndConversationTerminalTests {
    static let question2 =
        "Is anyone at risk of harm right now, or has anything come up that gives you a safeguarding worry?"
    static let guidance2 =
        "For you: If you are not sure, choose \"not sure\": the guide asks us to seek advice when we are "
        + "uncertain, and that comes next. If you believe someone is at risk now, answer yes."
    static let question1 = "In a sentence or two, what would this microproject explore?"
    static let guidance1 =
        "For you: Describe the situation or pattern, for example \"how mornings go between a parent and their "
        + "child\". We explore and understand; we do not fix."

    /// The terminal's lines (as it shows them, folded lines apart) from the last one starting with `start` up to
    /// the prompt the program waits at.
    static func block(_ raw: String, from start: String) -> [String] {
        let lines = E2ETmux.lines(raw)
        guard let first = lines.lastIndex(where: { $0.hasPrefix(start) }) else { return [] }
        return Array(lines[first...])
    }

    /// Checks that `text` is on screen with its words whole: its lines joined with spaces give the text back
    /// (a word split over two lines would read "microproje ct"), and no line is wider than `columns`.
    static func expectWhole(
        _ text: String,
        in lines: [String],
        columns: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        let shown = lines.joined(separator: "\n")
        #expect(
            joined.contains(text),
            "not on screen with whole words at \(columns) columns: '\(text)'\n\(shown)",
            sourceLocation: sourceLocation
        )
        for line in lines {
            #expect(line.count <= columns, "wider than \(columns): '\(line)'", sourceLocation: sourceLocation)
        }
    }

    @Test(
        "a resize between two questions: each question wraps to the width of its moment, words whole, position shown",
        arguments: [(120, 60), (60, 120)]
    )
    func resizeBetweenTwoQuestions(from: Int, to: Int) async throws {
        let sandbox = try E2ESandbox()
        let (t, id) = try await E2ETmux.atFirstQuestion(sandbox, ["run", "safety-check"], columns: from)
        var raw = try await t.rawScreen()
        var block = Self.block(raw, from: "1. ")
        Self.expectWhole(Self.question1, in: block, columns: from)
        Self.expectWhole(Self.guidance1, in: block, columns: from)
        #expect(E2ETmux.lines(raw).contains { $0.hasPrefix("Question 1") }, "no position over question 1:\n\(raw)")

        // The window changes while question 1 waits; question 2 is printed for the new width.
        try await t.resize(columns: to)
        try await t.type("Mornings at home with the children")
        try await t.press("Enter")
        let (ok, screen) = try await t.waitFor {
            E2ETmux.hasQuestion(2, in: $0) && E2ETmux.lastLine($0) == "practitioner>"
        }
        try #require(ok, "question 2 never appeared:\n\(screen)")
        raw = try await t.rawScreen()
        block = Self.block(raw, from: "2. ")
        Self.expectWhole(Self.question2, in: block, columns: to)
        Self.expectWhole(Self.guidance2, in: block, columns: to)
        #expect(E2ETmux.lines(raw).contains { $0.hasPrefix("Question 2") }, "no position over question 2:\n\(raw)")

        // /pause: the command to copy is on one line, unbroken.
        try await t.type("/pause")
        try await t.press("Enter")
        let (ended, last) = try await t.waitFor { $0.contains("EXIT=") }
        try #require(ended, "the program did not end after /pause:\n\(last)")
        raw = try await t.rawScreen()
        #expect(
            E2ETmux.lines(raw).contains { $0.contains("microproject continue \(id)") },
            "the command to carry on was broken:\n\(raw)"
        )
    }

    @Test("at 60 columns in a microproject: the step shown, a typo at 'Carry on now?' asked again, one id to type")
    func microprojectAtSixtyColumns() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let t = try await E2ETmux(sandbox: sandbox, arguments: ["start"], columns: 60)
        var (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(1, in: $0) && E2ETmux.lastLine($0).hasSuffix(">") }
        try #require(ok, "question 1 never appeared:\n\(screen)")
        let id = try #require(MP.id(in: screen), "no microproject id:\n\(screen)")
        #expect(
            E2ETmux.lines(screen).contains { $0.hasPrefix("Step 1 of 6: Focus") && $0.contains("Question 1") },
            "no step and question over question 1:\n\(screen)"
        )
        for (n, line) in MP.focus(code: "BR-2", area: "Evenings", exploring: "How evenings go").enumerated() {
            (ok, screen) = try await t.waitFor {
                E2ETmux.hasQuestion(n + 1, in: $0) && E2ETmux.lastLine($0).hasSuffix(">")
            }
            try #require(ok, "question \(n + 1) never appeared:\n\(screen)")
            try await t.type(line)
            try await t.press("Enter")
        }
        (ok, screen) = try await t.waitFor { E2ETmux.lastLine($0) == "continue>" }
        try #require(ok, "'Carry on now?' never came:\n\(screen)")
        try await t.type("yse")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor {
            $0.contains("EXIT=") || ($0.contains("did not catch that") && E2ETmux.lastLine($0) == "continue>")
        }
        try #require(ok && !screen.contains("EXIT="), "a typo was not asked again:\n\(screen)")
        try await t.type("no")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        try #require(ok, "'no' did not pause:\n\(screen)")
        #expect(screen.contains("EXIT=75"), "\(screen)")
        let raw = try await t.rawScreen()
        #expect(
            E2ETmux.lines(raw).contains { $0.contains("microproject continue \(id)") },
            "the command to carry on was broken at 60 columns:\n\(raw)"
        )
        for line in E2ETmux.lines(raw) where !line.contains("microproject continue") {
            #expect(line.count <= 60, "wider than 60: '\(line)'")
        }
    }

    @Test("a wrong id at the consult sign-in is asked again, listing who can sign in")
    func wrongSignInIDAskedAgain() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let t = try await E2ETmux(sandbox: sandbox, arguments: ["continue", id])
        var (ok, screen) = try await t.waitFor { E2ETmux.lastLine($0) == "lead-plus>" }
        try #require(ok, "the sign-in never asked for the Lead Plus:\n\(screen)")
        try await t.type("nobody")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor {
            $0.contains("EXIT=")
                || ($0.contains("There is no practitioner 'nobody'") && E2ETmux.lastLine($0) == "lead-plus>")
        }
        try #require(ok && !screen.contains("EXIT="), "a wrong id was not asked again:\n\(screen)")
        let flat = MP.unwrapped(screen)
        #expect(flat.contains("Who can sign in as the Lead Plus: Ann Lee (ann)."), "\(screen)")
        try await t.type("kit")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor {
            $0.contains("EXIT=")
                || ($0.contains("Kit Moss cannot take the Lead Plus") && E2ETmux.lastLine($0) == "lead-plus>")
        }
        try #require(
            ok && !screen.contains("EXIT="),
            "someone who cannot take the role was not asked again:\n\(screen)"
        )
        try await t.type("ann")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(1, in: $0) && E2ETmux.lastLine($0).hasSuffix(">") }
        try #require(ok, "the consult did not start once Ann signed in:\n\(screen)")
        #expect(screen.contains("Lead Plus: Ann Lee (ann)"), "\(screen)")
        try await t.press("C-c")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        #expect(ok && screen.contains("EXIT=75"), "\(screen)")
        #expect(MP.unwrapped(screen).contains("To carry on later, type: microproject continue \(id)"), "\(screen)")
    }

    @Test("the chat home: a pause inside comes back to the menu, which offers export, certification and summary")
    func homeComesBackAfterAPause() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let t = try await E2ETmux(sandbox: sandbox, arguments: [])
        func menu(_ count: Int) async throws -> String {
            let (ok, screen) = try await t.waitFor {
                E2ETmux.lastLine($0) == "choose>"
                    && $0.components(separatedBy: "What would you like to do?").count - 1 == count
            }
            try #require(ok && !screen.contains("EXIT="), "the menu did not come (\(count)):\n\(screen)")
            return screen
        }
        var screen = try await menu(1)
        for label in [
            "Export records for the tracker", "See certification evidence", "Write a programme summary",
        ] {
            #expect(screen.contains(label), "the menu does not offer '\(label)':\n\(screen)")
        }
        func number(_ label: String, in screen: String) throws -> String {
            let line = try #require(E2ETmux.lines(screen).last { $0.contains(label) }, "no '\(label)':\n\(screen)")
            return String(line.drop { $0 == " " }.prefix { $0.isNumber })
        }
        try await t.type(try number("Start a new microproject", in: screen))
        try await t.press("Enter")
        var ok: Bool
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(1, in: $0) && E2ETmux.lastLine($0).hasSuffix(">") }
        try #require(ok, "the microproject did not start:\n\(screen)")
        let id = try #require(MP.id(in: screen))
        try await t.press("C-c")
        screen = try await menu(2)
        #expect(MP.unwrapped(screen).contains("To carry on later, type: microproject continue \(id)"), "\(screen)")

        try await t.type(try number("See certification evidence", in: screen))
        try await t.press("Enter")
        screen = try await menu(3)
        #expect(screen.contains("Sam Khan"), "no certification evidence shown:\n\(screen)")
        try await t.type(try number("Export records for the tracker", in: screen))
        try await t.press("Enter")
        screen = try await menu(4)
        #expect(screen.contains("Exported 1 microproject"), "the export did not run:\n\(screen)")
        try await t.type("leave")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        #expect(ok && screen.contains("EXIT=0"), "\(screen)")
    }

    @Test("a profile id that exists is refused at once, before any other question, and asked again")
    func duplicateProfileIDRefusedAtOnce() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let (t, _) = try await E2ETmux.atFirstQuestion(sandbox, ["practitioner", "add"])
        try await t.type("sam")
        try await t.press("Enter")
        var (ok, screen) = try await t.waitFor {
            $0.contains("EXIT=") || ($0.contains("already exists") && E2ETmux.lastLine($0) == "practitioner>")
        }
        try #require(ok && !screen.contains("EXIT="), "the taken id was not refused at once:\n\(screen)")
        #expect(!E2ETmux.hasQuestion(2, in: screen), "a second question was asked:\n\(screen)")
        #expect(MP.unwrapped(screen).contains("microproject practitioner update sam"), "\(screen)")
        try await t.type("sam-k")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(2, in: $0) && E2ETmux.lastLine($0) == "practitioner>" }
        #expect(ok, "a free id did not move on to question 2:\n\(screen)")
    }
}

/// Everyday words the engine takes at every prompt (`Vocabulary`): "no" where the choice is "none", and Enter on
/// an optional question, which skips it and says so. The engine accepts the words; the front end renders the notice.
@Suite(
    "End to end: everyday words in a terminal (tmux)",
    .serialized,
    .enabled(if: E2ETmux.isInstalled, "tmux is not installed (Scripts/test installs it); terminal tests skipped")
)
struct EndToEndEverydayWordsTerminalTests {
    @Test("'no' is taken for 'none', and Enter on an optional question skips it and says so", arguments: [60, 120])
    func noForNoneAndEnterSkips(columns: Int) async throws {
        let sandbox = try E2ESandbox()
        let (t, _) = try await E2ETmux.atFirstQuestion(sandbox, ["run", "safety-check"], columns: columns)
        let answers = ["Mornings at home with the children", "no", "no", "no", "no", "no", "no", "2"]
        for (n, line) in answers.enumerated() {
            let (ok, screen) = try await t.waitFor {
                E2ETmux.hasQuestion(n + 1, in: $0) && E2ETmux.lastLine($0) == "practitioner>"
            }
            try #require(ok, "question \(n + 1) never appeared:\n\(screen)")
            try await t.type(line)
            try await t.press("Enter")
        }
        // Question 9: "Choose all that apply, or type none". "no" means none.
        var (ok, screen) = try await t.waitFor {
            E2ETmux.hasQuestion(9, in: $0) && E2ETmux.lastLine($0) == "practitioner>"
        }
        try #require(ok, "question 9 never appeared:\n\(screen)")
        try await t.type("no")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor {
            E2ETmux.hasQuestion(10, in: $0) && E2ETmux.lastLine($0).hasSuffix(">")
        }
        try #require(ok, "'no' was not taken for 'none':\n\(screen)")
        for (n, line) in ["yes", "no"].enumerated() {
            try await t.type(line)
            try await t.press("Enter")
            (ok, screen) = try await t.waitFor {
                E2ETmux.hasQuestion(11 + n, in: $0) && E2ETmux.lastLine($0).hasSuffix(">")
            }
            try #require(ok, "question \(11 + n) never appeared:\n\(screen)")
        }
        // Question 12 is optional: Enter skips it, and the screen says so.
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        try #require(ok, "Enter on the optional question did not move on:\n\(screen)")
        #expect(MP.unwrapped(screen).contains("Skipped: this question is optional, so it is left out."), "\(screen)")
        #expect(screen.contains("Outcome: Suitable for a microproject"), "\(screen)")
        #expect(screen.contains("EXIT=0"), "\(screen)")
    }
}
