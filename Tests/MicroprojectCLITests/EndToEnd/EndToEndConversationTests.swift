import Foundation
import Testing

/// The one conversation with piped answers (issue 9, items 2 and 3): every prompt asks again on anything
/// mistyped, everything a person is told to type names the microproject, and where they are is shown.
@Suite("End to end: the conversation")
struct EndToEndConversationTests {
    static let focus = MP.focus(code: "BR-9", area: "Evenings at home", exploring: "How the evenings go")

    @Test("a typo at 'Carry on now?' is asked again, never taken as no; 'no' then pauses with the microproject's id")
    func carryOnTypoAskedAgain() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let r = try await sandbox.run(["start"], lines: Self.focus + ["yse", "maybe later", "no"])
        #expect(r.exitCode == 75, "\(r.transcript)")
        let id = try #require(MP.id(in: r.stdout), "\(r.transcript)")
        #expect(CoRunE2E.count("continue> ", in: r.stdout) == 3, "\(r.stdout)")
        #expect(CoRunE2E.count("Sorry, I did not catch that. Please type yes or no", in: r.stdout) == 2, "\(r.stdout)")
        #expect(r.stdout.contains("Paused. To carry on: microproject continue \(id)"), "\(r.stdout)")
        #expect(!r.stdout.contains("── Step 2"), "carried on after a typo:\n\(r.stdout)")
    }

    @Test("everyday words at 'Carry on now?': 'yep' carries on, 'nope' pauses")
    func carryOnEverydayWords() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let r = try await sandbox.run(["start"], lines: Self.focus + ["yep"] + MP.safety() + ["nope"])
        #expect(r.exitCode == 75, "\(r.transcript)")
        #expect(r.stdout.contains("── Step 2: check suitability and safety ──"), "\(r.stdout)")
        #expect(r.stdout.contains("Next: Choose the microproject type. Carry on now?"), "\(r.stdout)")
    }

    @Test("/pause and the end of input inside a stage name the microproject, not the stage's session")
    func pauseInsideAStageNamesTheMicroproject() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let r = try await sandbox.run(["start"], lines: ["BR-9", "/pause"])
        #expect(r.exitCode == 75, "\(r.transcript)")
        let id = try #require(MP.id(in: r.stdout), "\(r.transcript)")
        let session = try #require(E2E.sessionID(in: r.stdout), "\(r.transcript)")
        #expect(r.stdout.contains("To carry on later, type: microproject continue \(id)"), "\(r.stdout)")
        #expect(!r.stdout.contains("microproject continue \(session)"), "the stage's session was offered:\n\(r.stdout)")

        let ended = try await sandbox.run(["continue", id], lines: [])
        #expect(ended.exitCode == 75, "\(ended.transcript)")
        #expect(ended.stdout.contains("To carry on later, type: microproject continue \(id)"), "\(ended.stdout)")
    }

    @Test("the step and the question are shown over each question, and /where says the same")
    func positionShown() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let r = try await sandbox.run(["start"], lines: ["BR-9", "/where", "/pause"])
        #expect(r.exitCode == 75, "\(r.transcript)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Step 1 of 6: Focus · Question 1") }, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("Step 1 of 6: Focus · Question 2") }, "\(r.stdout)")
        let flat = MP.unwrapped(r.stdout)
        #expect(
            flat.contains("Step 1 of 6: Focus. You are on question 2 of about 5 in the focus definition sheet."),
            "\(r.stdout)"
        )
        #expect(flat.contains("1 answer saved so far."), "\(r.stdout)")
    }

    @Test("a wrong id at the sign-in is asked again with who can sign in; the end of input names the microproject")
    func wrongSignInIDAskedAgain() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let r = try await sandbox.run(["continue", id], lines: ["nobody", "kit"])
        #expect(r.exitCode == 75, "\(r.transcript)")
        let flat = MP.unwrapped(r.stdout)
        #expect(flat.contains("There is no practitioner 'nobody'."), "\(r.stdout)")
        #expect(flat.contains("Kit Moss cannot take the Lead Plus role"), "\(r.stdout)")
        #expect(
            CoRunE2E.count("Who can sign in as the Lead Plus: Ann Lee (ann).", in: flat) == 2,
            "\(r.stdout)"
        )
        #expect(flat.contains("Nobody was signed in; nothing has changed. To carry on: microproject continue \(id)"))
        #expect(!r.output.contains("'microproject continue'"), "a continue without an id was suggested:\n\(r.output)")

        let signed = try await sandbox.run(["continue", id], lines: ["nobody", "ann", "/pause"])
        #expect(signed.exitCode == 75, "\(signed.transcript)")
        #expect(signed.stdout.contains("Lead Plus: Ann Lee (ann)"), "\(signed.stdout)")
    }

    @Test("a wrong id given on the command line is refused before any question, naming who can and the microproject")
    func wrongSignInIDOnTheCommandLine() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let r = try await sandbox.run(["consult", id, "--lead-plus", "nobody"], lines: [])
        #expect(r.exitCode == 66, "\(r.transcript)")
        let flat = MP.unwrapped(r.stderr)
        #expect(flat.contains("There is no practitioner 'nobody'."), "\(r.stderr)")
        #expect(flat.contains("Ann Lee (ann)"), "\(r.stderr)")
        #expect(flat.contains("microproject continue \(id)"), "\(r.stderr)")
    }

    @Test("practitioner add with an id that exists is refused before any other question, and nothing is saved")
    func duplicateProfileIDRefused() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let r = try await sandbox.run(
            ["practitioner", "add"],
            lines: ["sam", "Sam Again", "none", "", "no", "none"]
        )
        #expect(r.exitCode == 73, "\(r.transcript)")
        #expect(r.stderr.contains("A practitioner 'sam' already exists"), "\(r.stderr)")
        #expect(MP.unwrapped(r.stderr).contains("microproject practitioner update sam"), "\(r.stderr)")
        #expect(!r.stdout.contains("And your name"), "a second question was asked:\n\(r.stdout)")
        let list = try await sandbox.run(["practitioner", "list"])
        #expect(list.stdout.contains("sam  Sam Khan"), "\(list.stdout)")
        #expect(!list.stdout.contains("Sam Again"), "\(list.stdout)")
    }

    @Test("a profile made by answering questions says it is saved once")
    func profileSavedSaidOnce() async throws {
        let sandbox = try E2ESandbox()
        let r = try await sandbox.run(
            ["practitioner", "add"],
            lines: ["jo", "Jo Bell", "4", "1, 2", "no", "none"]
        )
        #expect(r.exitCode == 0, "\(r.transcript)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let outcome = try #require(lines.firstIndex(of: "Outcome: Profile saved"), "\(r.stdout)")
        #expect(lines.dropFirst(outcome + 1).first != "Saved.", "said twice:\n\(r.stdout)")
    }

    @Test("microproject start with two profiles asks who is running it, asking again on a name not listed")
    func startAsksWhoIsRunningIt() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        try await MP.addLead(sandbox)
        let r = try await sandbox.run(["start"], lines: ["bob", "lee", "BR-9", "/pause"])
        #expect(r.exitCode == 75, "\(r.transcript)")
        #expect(r.stdout.contains("Who is running it?"), "\(r.stdout)")
        #expect(r.stdout.contains("Sam Khan (sam)") && r.stdout.contains("Lee Ward (lee)"), "\(r.stdout)")
        #expect(r.stdout.contains("Please type a number from 1 to 2"), "\(r.stdout)")
        #expect(r.stdout.contains("started for Lee Ward."), "\(r.stdout)")
    }

    @Test("the type's reason is asked only when the type chosen is not the suggestion")
    func typeReasonOnlyWhenDifferent() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let question = "different type from the suggestion"
        // General learning: Type 1 is suggested.
        let took = try await sandbox.run(
            ["start"],
            lines: MP.stages(Self.focus, MP.safety(), MP.typeDecision("universal")) + [MP.pauseHere]
        )
        #expect(took.exitCode == 75, "\(took.transcript)")
        #expect(took.stdout.contains("Outcome: Type chosen"), "\(took.stdout)")
        #expect(!took.stdout.contains(question), "asked although the suggestion was taken:\n\(took.stdout)")

        let other = try await sandbox.run(
            ["start"],
            lines: MP.stages(Self.focus, MP.safety(), ["early", "The family asked for a clear focus"]) + [MP.pauseHere]
        )
        #expect(other.exitCode == 75, "\(other.transcript)")
        #expect(other.stdout.contains(question), "not asked for a different type:\n\(other.stdout)")
    }

    @Test("an answer typed with /as says who typed it, on screen and in show; audit names the question")
    func answerTypedWithAsShowsTheTypist() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let r = try await sandbox.run(
            ["consult", id, "--lead-plus", "ann"],
            lines: ["Calmer evenings", "/as lead-plus Money worries", "/pause"]
        )
        #expect(r.exitCode == 75, "\(r.transcript)")
        #expect(r.stdout.contains("Saved as Ann Lee's answer, typed by Sam Khan."), "\(r.stdout)")
        let audit = try await CoRunE2E.audit(sandbox, id, showSensitive: true)
        let consult = CoRunE2E.consultLines(audit)
        let session = try #require(CoRunE2E.consultSession(audit), "\(audit)")
        let show = try await sandbox.run(["show", session, "--include-sensitive"])
        #expect(show.exitCode == 0, "\(show.transcript)")
        #expect(show.stdout.contains("To carry on: microproject continue \(id)"), "\(show.stdout)")
        #expect(show.stdout.contains("answered by ann (lead-plus), typed by sam (link)"), "\(show.stdout)")
        #expect(
            consult.contains { $0.contains("answered \"") && $0.contains("\"Money worries\"") },
            "audit does not name the question:\n\(consult.joined(separator: "\n"))"
        )
        #expect(!consult.contains { $0.contains("answered worries:") }, "\(consult.joined(separator: "\n"))")
    }
}
