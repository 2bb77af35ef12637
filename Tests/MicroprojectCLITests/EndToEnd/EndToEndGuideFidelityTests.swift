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

    // MARK: 6. The six sessions

    /// The plan's answers with the sessions question typed as `sessions` (Enter keeps the default), then `after`.
    static func plan(type: Int, sessions: String, after: [String] = []) -> [String] {
        var lines = [
            "How the evenings go", "Parent and child", "Stress and communication", "We can name it",
            MP.endDate,
        ]
        lines.append(sessions)
        lines += after
        if type == 4 { lines += ["0", "no"] }  // backup sessions, PCN liaison
        lines.append("monthly-session")
        return lines
    }

    static func toPlan(type: Int) -> [String] {
        MP.stages(
            MP.focus(code: "BR-061", area: "Evening arguments", exploring: "What keeps them going"),
            MP.safety(need: type == 4 ? "complex" : "moderate", structured: true),
            MP.typeDecision(type == 4 ? "complex" : "supported"),
            MP.consult(type: type)
        ) + [MP.carryOn]
    }

    @Test("6: Enter at the sessions question keeps the guide's 6 (Type 3)")
    func enterKeepsSixSessions() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        let lines = Self.toPlan(type: 3) + Self.plan(type: 3, sessions: "") + [MP.pauseHere]
        let result = try await sandbox.run(["start"], lines: lines)
        #expect(result.exitCode == 75, "\(result.transcript)")
        #expect(result.stdout.contains("Press Enter for 6"), "\(result.stdout)")
        let id = try #require(MP.id(in: result.stdout))
        let show = try await sandbox.run(["show", id])
        #expect(show.stdout.contains("Sessions logged: 0 of 6 planned"), "\(show.stdout)")
    }

    @Test("6: fewer than 6 sessions for a Type 4 asks for the reason and records it")
    func fewerSessionsNeedAReason() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        try await MP.addConsultant(sandbox)
        let reason = "The participant asked for a shorter block"
        let lines =
            Self.toPlan(type: 4) + Self.plan(type: 4, sessions: "2", after: [reason]) + [MP.pauseHere]
        let result = try await sandbox.run(["start", "--practitioner", "lee"], lines: lines)
        #expect(result.exitCode == 75, "\(result.transcript)")
        #expect(
            MP.unwrapped(result.stdout).contains(
                "What is the reason for planning fewer than 6 sessions?"
            ),
            "\(result.stdout)"
        )
        let id = try #require(MP.id(in: result.stdout))
        let show = try await sandbox.run(["show", id])
        #expect(show.stdout.contains("Sessions logged: 0 of 2 planned"), "\(show.stdout)")
        #expect(show.stdout.contains("Fewer than 6 sessions because: \(reason)"), "\(show.stdout)")
    }

    @Test("6: Types 1 and 2 are not asked for a number of sessions")
    func lightTouchHasNoSessionCount() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let lines =
            MP.stages(
                MP.focus(code: "BR-062", area: "Mornings", exploring: "What sets off the rush"),
                MP.safety(),
                MP.typeDecision("universal"),
                MP.plan(type: 1)
            ) + [MP.pauseHere]
        let result = try await sandbox.run(["start"], lines: lines)
        #expect(result.exitCode == 75, "\(result.transcript)")
        #expect(!result.stdout.contains("How many structured sessions"), "\(result.stdout)")
        let id = try #require(MP.id(in: result.stdout))
        let show = try await sandbox.run(["show", id])
        #expect(show.stdout.contains("Sessions logged: 0\n"), "\(show.stdout)")
    }

    // MARK: 7. Backup sessions are potential

    @Test("7: a Type 4 with 6 core sessions and 2 possible backups closes without the backups")
    func unneededBackupsNeverBlockClosure() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        try await MP.addConsultant(sandbox)
        var plan = Self.plan(type: 4, sessions: "6")
        plan[plan.count - 3] = "2"  // backup sessions
        var lines = Self.toPlan(type: 4) + plan + [MP.carryOn] + MP.agreement
        for n in 1...6 { lines += [MP.carryOn] + MP.session(n, last: n == 6) }
        lines += [MP.carryOn] + MP.reflection + [MP.carryOn] + MP.closure()
        let result = try await sandbox.run(
            ["start", "--practitioner", "lee"],
            lines: lines,
            timeout: 40
        )
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(!result.stdout.contains("log the remaining"), "\(result.stdout)")
        let id = try #require(MP.id(in: result.stdout))
        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        #expect(record["sessionsPlanned"] as? Int == 6)
        #expect(record["backupSessionsPossible"] as? Int == 2)
    }

    @Test("7: a Type 1 session log does not offer a backup session")
    func typeOneIsNotOfferedBackup() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let lines =
            MP.stages(
                MP.focus(code: "BR-063", area: "Mornings", exploring: "What sets off the rush"),
                MP.safety(),
                MP.typeDecision("universal"),
                MP.plan(type: 1),
                MP.agreement
            ) + [MP.carryOn, "today", "backup"]
        let result = try await sandbox.run(["start"], lines: lines)
        #expect(result.stdout.contains(MP.sessionTitle), "\(result.transcript)")
        #expect(!result.stdout.contains("A backup session"), "\(result.stdout)")
        #expect(
            result.stdout.contains("Please choose one of the options"),
            "backup was taken: \(result.stdout)"
        )
    }
}
