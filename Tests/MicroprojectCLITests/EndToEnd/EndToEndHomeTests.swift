import Foundation
import Testing

/// A brand-new practitioner's first run, in a real terminal (libedit) driven through tmux: `microproject` with no
/// arguments opens the chat home; the profile is set up from the menu, then a Type 1 microproject goes through every
/// stage to closure. Every answer waits for its question to be on screen, and menu and choice numbers are read from
/// the screen, as a person following only what it says would.
@Suite(
    "End to end: the chat home, first run to closure (tmux)",
    .serialized,
    .enabled(if: E2ETmux.isInstalled, "tmux is not installed (Scripts/test installs it); terminal tests skipped")
)
struct EndToEndHomeTests {
    static let code = "BR-014"
    static let area = "How mornings go between a parent and their child"

    @Test("a new user sets up a profile from the chat home and takes a Type 1 microproject to closure")
    func firstRunFromHomeToClosure() async throws {
        let sandbox = try E2ESandbox()
        let t = try await E2ETmux(sandbox: sandbox, arguments: [])
        let user = NewUser(t: t)

        // The chat home: the profile comes first, by the number the menu gives it.
        var shown = try await user.waitFor("choose>", showing: "What would you like to do?")
        #expect(shown.contains("Welcome to the Microproject Practice companion."), "\(shown)")
        try await user.type(NewUser.number(of: "Set up your practitioner profile (do this first)", in: shown))

        // The practitioner profile.
        shown = try await user.answer("What short id would you like to use", with: "sam")
        #expect(shown.contains("Your practitioner profile"), "\(shown)")
        try await user.answer("And your name, as it should appear on records?", with: "Sam Khan")
        try await user.choose("Link level", for: "Which Microproject Practitioner Licence do you hold?")
        try await user.answer("When does your licence expire?", with: "2099-01-01")
        shown = try await user.waitFor("practitioner>", showing: "Which of these have you completed?")
        #expect(NewUser.flat(shown).contains("separated by commas"), "\(shown)")
        let trainings = try [
            "I Matter Introduction pathway", "Level 1-2 Foundations", "Informed Practitioner training", "Link training",
        ]
        .map { try NewUser.number(of: $0, in: shown) }
        try await user.type(trainings.joined(separator: ", "))
        try await user.answer("Does your organisation approve your practice", with: "yes")
        // Practice readiness, the practitioner's own dated confirmation (issue 10, item 1): all three.
        try await user.answer("Which of these can you say hold for you today?", with: "1, 2, 3")

        // Back at the home: the profile is described, and the menu (renumbered) offers the start.
        shown = try await user.waitFor("choose>", showing: "What would you like to do?")
        for text in [
            "Outcome: Profile saved", "Sam Khan (sam)", "Licence: Link, valid until 2099-01-01",
            "Ready for Link-level microprojects (Types 1-2).",
        ] {
            #expect(NewUser.flat(shown).contains(text), "after the profile, no '\(text)':\n\(shown)")
        }
        #expect(!shown.contains("(do this first)"), "the menu still asks for a first profile:\n\(shown)")
        try await user.type(NewUser.number(of: "Start a new microproject", in: shown))

        // Step 1: the focus.
        shown = try await user.waitFor("practitioner>", showing: "What is the participant's code")
        #expect(shown.contains("Step 1: identify the focus"), "\(shown)")
        let id = try #require(MP.id(in: shown), "no 'Microproject mp-... started' line:\n\(shown)")
        #expect(shown.contains("Microproject \(id) started for Sam Khan."), "\(shown)")
        try await user.type(Self.code)
        try await user.answer("What is focus area 1?", with: Self.area)
        try await user.answer(
            "what would we like to understand better?",
            with: "What sets off the rush, and how it feels"
        )
        try await user.answer("Would you like to add another focus area?", with: "no")
        try await user.answer("Is this about understanding, communication", with: "yes")
        try await user.carryOn(after: "Outcome: Focus defined", next: "Step 2: check suitability and safety")

        // Step 2: suitability and safety.
        shown = try await user.answer("Is anyone at risk of harm right now", with: "no")
        #expect(shown.contains("── Step 2: check suitability and safety ──"), "\(shown)")
        for question in [
            "Is the person or family in crisis", "Is a safeguarding assessment or decision already under way",
            "Is the main need a clinical one", "Is anyone showing signs of a high-risk",
            "Is this situation part of a legal or disciplinary investigation",
        ] {
            try await user.answer(question, with: "no")
        }
        try await user.choose("General learning", for: "Which of these sounds closest")
        try await user.answer("Does the participant seem keen to learn", with: "yes")
        try await user.answer("Would a few structured sessions help", with: "no")
        try await user.answer("Are any of these part of the picture at the moment?", with: "none")
        shown = try await user.answer("Would you like to take part in this?", with: "yes", at: "participant>")
        #expect(shown.contains("Ask the participant:"), "\(shown)")
        try await user.answer("Thinking about everything so far, are you unsure", with: "no")
        shown = try await user.answer("Is there anything else you would like to note", with: "/skip")
        #expect(NewUser.flat(shown).contains("Optional: press Enter (or type /skip) to leave it out."), "\(shown)")
        try await user.carryOn(after: "Outcome: Suitable for a microproject", next: "Choose the microproject type")

        // The type: Type 1 is suggested; the user types its name, as the screen calls it.
        shown = try await user.waitFor("practitioner>", showing: "Which type of microproject fits best?")
        #expect(
            NewUser.flat(shown).contains("the suggested type is Type 1: Universal Prevention"),
            "Type 1 was not suggested:\n\(shown)"
        )
        try await user.type("universal")
        shown = try await user.carryOn(after: "Outcome: Type chosen", next: "Step 3: plan the microproject")
        #expect(shown.contains("Entry requirements for Type 1: Universal Prevention are met."), "\(shown)")

        // Step 3: the plan, with an end date well in the future and a Community Wheel offer.
        try await user.answer("what will this microproject explore?", with: "How the mornings go and how they feel")
        try await user.answer("Who is involved?", with: "Parent and child")
        try await user.answer("Which learning lens will we use", with: "Stress and communication")
        try await user.answer("At the end, what would tell us", with: "We can name what sets off the rush")
        try await user.answer("Was the participant identified by Link staff?", with: "yes")
        try await user.answer("Has the participant been invited into the funded pilot?", with: "yes")
        try await user.answer("When will the microproject end?", with: MP.endDate)
        try await user.choose(
            "The monthly Community Wheel sessions",
            for: "Which Community Wheel connection has been offered?"
        )
        try await user.carryOn(after: "Outcome: Microproject planned", next: "Step 4: agreement and framing")

        // Step 4: agreement, with the participant.
        for question in [
            "This microproject is a small piece of learning together", "This is a learning process",
            "Here is how it will work", "Taking part is your choice",
        ] {
            try await user.answer(question, with: "yes", at: "participant>")
        }
        try await user.carryOn(
            after: "Outcome: Agreed and ready to begin",
            next: "the log of session 1, once that session has taken place"
        )

        // Step 5: one session log, the last.
        shown = try await user.answer("When did this session take place?", with: "today")
        #expect(shown.contains("Session 1."), "\(shown)")
        try await user.choose("A planned session", for: "What kind of session was it?")
        try await user.answer("What did we work on", with: "Evening routine and the stress cycle")
        try await user.answer(
            "What did you notice about understanding",
            with: "A small shift in how mornings are talked about"
        )
        try await user.answer("How clear does understanding of the focus feel now?", with: "3")
        try await user.answer("Did the session stay within your non-clinical role?", with: "yes")
        try await user.answer("Which support did you draw on for this, if any?", with: "none")
        try await user.answer("What is the next small step?", with: "/skip")
        try await user.answer("Is this the last session before you reflect and close?", with: "yes")
        try await user.carryOn(after: "Outcome: Session logged", next: "Step 6: reflect and record learning")

        // Step 6: reflection, all five items, nothing to escalate.
        try await user.answer("What did you notice in relationships or communication?", with: "Fewer raised voices")
        try await user.answer("What changed, if anything", with: "More pauses before reacting")
        try await user.answer("What felt helpful", with: "The cycle map helped")
        try await user.answer("What learning will you take into future practice?", with: "Map the cycle early")
        try await user.choose("No, nothing needs escalating", for: "Does anything need to be passed on")
        try await user.answer("Which support did you draw on for this, if any?", with: "none")
        try await user.carryOn(after: "Outcome: Reflection recorded", next: "Closure checklist")

        // Closure: every criterion holds.
        for question in [
            "Has the planned focus been explored?", "Has the reflection been completed?",
            "Has the learning been recorded?", "Are you confident that no safety concerns",
        ] {
            try await user.answer(question, with: "yes")
        }
        try await user.answer("We have come to the end of this microproject", with: "yes", at: "participant>")
        try await user.choose("Yes, they have taken one up", for: "Has the participant taken up a Community Wheel")
        try await user.answer("Is there anything you would like to add as a closing note?", with: "/skip")

        // The end: closed, the record's path, and back at the menu; Leave ends with 0.
        shown = try await user.waitFor("choose>", showing: "What would you like to do?")
        let last = NewUser.flat(shown)
        try await user.type(NewUser.number(of: "Leave", in: shown))
        let (ended, screen) = try await t.waitFor { $0.contains("EXIT=") }
        try #require(ended, "the program did not end after Leave:\n\(screen)")
        let record = sandbox.recordPath(id: id)
        for text in [
            "Outcome: Ready to close", "Microproject \(id) is closed.",
            "The complete learning capture record is saved:",
            record,
        ] {
            #expect(last.contains(text), "at the end, no '\(text)':\n\(screen)")
        }
        #expect(screen.contains("EXIT=0"), "\(screen)")

        // The complete record: records/mp-ID.json, status closed.
        let folder = (record as NSString).deletingLastPathComponent
        let records = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix("mp-") && $0.hasSuffix(".json") }
        #expect(records == ["\(id).json"], "records: \(records)")
        let json = try E2ERecord(path: record).json
        #expect(json["status"] as? String == "closed", "\(json["status"] ?? "no status")")
        #expect((json["type"] as? [String: Any])?["number"] as? Int == 1, "\(json["type"] ?? "no type")")
        #expect(json["participant"] as? String == Self.code)
        #expect((json["practitioner"] as? [String: Any])?["id"] as? String == "sam")
        #expect(json["focusAreas"] as? [String] == [Self.area])
        #expect(json["plannedEnd"] as? String == MP.endDate)
        #expect(json["sessionsLogged"] as? Int == 1)
        #expect((json["reflection"] as? [String: Any])?["escalation"] as? String == "none")
        let stages = (json["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
        #expect(
            stages == ["focus", "safety", "type-decision", "plan", "agreement", "session", "reflection", "closure"],
            "\(stages)"
        )
    }
}

/// A person at the keyboard who reads the screen: waits for a question before answering it, and picks options by the
/// number printed beside them.
private struct NewUser {
    let t: E2ETmux

    /// Every prompt the program shows while it waits for a line.
    static let prompts = ["choose>", "which>", "practitioner>", "participant>", "continue>"]

    /// The screen since the last line typed at a prompt.
    static func sinceLastAnswer(_ screen: String) -> String {
        let lines = E2ETmux.lines(screen)
        let answered = lines.dropLast().lastIndex { line in prompts.contains { line.hasPrefix($0) } }
        return lines[(answered.map { $0 + 1 } ?? 0)...].joined(separator: "\n")
    }

    /// What the program has said since the last answer, if it now waits at an empty `prompt`.
    static func waiting(at prompt: String, _ screen: String) -> String? {
        E2ETmux.lastLine(screen) == prompt ? sinceLastAnswer(screen) : nil
    }

    /// Text with its line breaks and indentation folded into single spaces (the program wraps its prose).
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The number shown before the option whose label starts with `label`: "  3) Label".
    static func number(
        of label: String,
        in shown: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        for line in shown.split(separator: "\n") {
            let text = line.drop(while: { $0 == " " })
            guard let close = text.firstIndex(of: ")"), text[..<close].allSatisfy(\.isNumber), !text[..<close].isEmpty
            else { continue }
            if text[close...].dropFirst().drop(while: { $0 == " " }).hasPrefix(label) { return String(text[..<close]) }
        }
        Issue.record("no option '\(label)' on screen:\n\(shown)", sourceLocation: sourceLocation)
        throw NotShown()
    }

    struct NotShown: Error {}

    /// Waits until the program waits at `prompt` having shown `text` since the last answer; returns what it showed.
    @discardableResult
    func waitFor(
        _ prompt: String,
        showing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let (ok, screen) = try await t.waitFor { Self.waiting(at: prompt, $0).map(Self.flat)?.contains(text) == true }
        try #require(ok, "never waited at '\(prompt)' showing '\(text)':\n\(screen)", sourceLocation: sourceLocation)
        return Self.waiting(at: prompt, screen) ?? ""
    }

    /// Types a line and presses Enter.
    func type(_ line: String) async throws {
        try await t.type(line)
        try await t.press("Enter")
    }

    /// Waits for `question` at `prompt`, then answers it; returns what the program showed before the answer.
    @discardableResult
    func answer(
        _ question: String,
        with line: String,
        at prompt: String = "practitioner>",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let shown = try await waitFor(prompt, showing: question, sourceLocation: sourceLocation)
        try await type(line)
        return shown
    }

    /// Waits for `question`, then types the number the screen shows beside `label`.
    func choose(
        _ label: String,
        for question: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let shown = try await waitFor("practitioner>", showing: question, sourceLocation: sourceLocation)
        try await type(Self.number(of: label, in: shown, sourceLocation: sourceLocation))
    }

    /// At "Next: NEXT. Carry on now?", after the stage's `outcome`, answers yes.
    @discardableResult
    func carryOn(
        after outcome: String,
        next: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let shown = try await waitFor(
            "continue>",
            showing: "Next: \(next). Carry on now? (yes, or no to pause here)",
            sourceLocation: sourceLocation
        )
        #expect(
            shown.contains(outcome),
            "no '\(outcome)' before carrying on:\n\(shown)",
            sourceLocation: sourceLocation
        )
        try await type("yes")
        return shown
    }
}
