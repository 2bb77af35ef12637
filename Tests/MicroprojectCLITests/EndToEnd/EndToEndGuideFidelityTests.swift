import Foundation
import Testing

/// Issue 10, "Guide fidelity": each numbered item through the built binary with piped answers.
@Suite("End to end: guide fidelity")
struct EndToEndGuideFidelityTests {
    // MARK: 8. Seek advice if uncertain

    @Test("8: 'not sure' at the safety worry goes to seeking advice, not the safeguarding stop")
    func unsureSeeksAdvice() async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        var lines = E2E.suitableRoute
        lines[1] = "not sure"
        lines.insert("no-worry", at: 2)  // worry-advice: talked it through, no safeguarding worry
        let result = try await sandbox.run(["run", "safety-check", "--record", record], lines: lines)
        #expect(result.exitCode == 0, "\(result.transcript)")
        let text = MP.unwrapped(result.stdout)
        #expect(
            text.contains(
                "What did your designated safeguarding lead, Lead practitioner or supervisor advise?"
            ),
            "\(result.stdout)"
        )
        #expect(!text.contains("If you are unsure, answer yes"), "\(result.stdout)")
        let rec = try E2ERecord(path: record)
        #expect(rec.outcomeID == "suitable", "\(result.transcript)")
        #expect(rec.string("safety-worry") == "unsure")
        #expect(rec.string("worry-advice") == "no-worry")
        #expect(rec.keys.contains("crisis"), "the check carried on after the advice: \(rec.keys)")
    }

    @Test("8: an unsure practitioner advised to follow safeguarding procedures still escalates")
    func unsureMayStillEscalate() async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        let result = try await sandbox.run(
            ["run", "safety-check", "--record", record],
            lines: ["How mornings go", "3", "follow-procedures"]
        )
        #expect(result.exitCode == 0, "\(result.transcript)")
        let rec = try E2ERecord(path: record)
        #expect(rec.outcomeID == "escalate", "\(result.transcript)")
        #expect(rec.keys == ["focus-summary", "safety-worry", "worry-advice"])
    }

    @Test("8: yes at the safety worry still goes straight to the safeguarding stop")
    func yesStillStops() async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        let result = try await sandbox.run(
            ["run", "safety-check", "--record", record],
            lines: ["How mornings go", "yes"]
        )
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(try E2ERecord(path: record).outcomeID == "escalate", "\(result.transcript)")
    }

    // MARK: 10. The scope rule says itself

    @Test("10: after the third focus area the guide's 1 to 3 rule is said before the next question")
    func thirdFocusAreaSaysTheRule() async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        let lines = [
            "BR-101", "Mornings", "What sets off the rush", "yes", "Bedtime",
            "What each needs at bedtime", "yes",
            "Homework", "How homework talks start", "yes",
        ]
        let result = try await sandbox.run(
            ["run", "focus-definition", "--record", record],
            lines: lines
        )
        #expect(result.exitCode == 0, "\(result.transcript)")
        let text = MP.unwrapped(result.stdout)
        let rule =
            "That makes three focus areas, the most a microproject has: the guide keeps it to 1 to 3 focus areas"
        let said = try #require(text.range(of: rule), "the maximum was not said: \(result.stdout)")
        let next = try #require(
            text.range(of: "Is this about understanding, communication"),
            "\(result.stdout)"
        )
        #expect(said.lowerBound < next.lowerBound, "the rule must come before the next question")
        #expect(!text.contains("Please answer yes or no"), "\(result.stdout)")
        let rec = try E2ERecord(path: record)
        #expect(rec.outcomeID == "defined")
        #expect(rec.string("focus-areas.3.area") == "Homework")
    }
}
