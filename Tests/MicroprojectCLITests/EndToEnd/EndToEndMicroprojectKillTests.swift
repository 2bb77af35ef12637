import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A microproject killed with SIGKILL within a stage or between stages loses nothing acknowledged.
@Suite("End to end: microproject kill -9", .serialized)
struct EndToEndMicroprojectKillTests {
    /// Types `line` and waits until `next` is printed (the answer is committed before the next text appears).
    private func answer(
        _ child: E2ELiveProcess,
        _ line: String,
        thenSee next: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = child.text.components(separatedBy: next).count
        try child.send(line: line)
        let seen = await child.waitFor { $0.components(separatedBy: next).count > before }
        try #require(seen, "'\(next)' never appeared after '\(line)': \(child.text)", sourceLocation: sourceLocation)
    }

    @Test(
        "kill -9 within the focus stage and between stages; pause with a reason; continue to closure keeps every answer"
    )
    func killWithinAndBetweenStages() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let code = "BR-071"
        let area = "Getting out of the door"
        let exploring = "What the rush is like for each of them"

        // 1. Within a stage: three answers acknowledged, then SIGKILL.
        let first = try sandbox.start(["start"])
        #expect(await first.waitFor { $0.contains("participant's code") }, "no first question: \(first.text)")
        try await answer(first, code, thenSee: "What is focus area 1?")
        try await answer(first, area, thenSee: "what would we like to understand")
        try await answer(first, exploring, thenSee: "add another focus area")
        let id = try #require(MP.id(in: first.text), "no microproject id: \(first.text)")
        let focusSession = try #require(E2E.sessionID(in: first.text), "no session id: \(first.text)")
        #expect(await first.killHard(), "the child did not die")
        #expect(first.process.terminationReason == .uncaughtSignal)
        sandbox.expectPrivateDataFolder()

        let show1 = try await sandbox.run(["show", id])
        #expect(show1.exitCode == 0, "\(show1.transcript)")
        #expect(
            show1.stdout.contains(focusSession),
            "show does not list the focus session in progress: \(show1.stdout)"
        )
        let focusShow = try await sandbox.run(["show", focusSession])
        for text in [code, area, exploring] {
            #expect(focusShow.stdout.contains(text), "'\(text)' was lost: \(focusShow.stdout)")
        }

        // 2. Between stages: finish the focus, then SIGKILL at "Carry on now?".
        let second = try sandbox.start(["continue", id])
        #expect(await second.waitFor { $0.contains("add another focus area") }, "focus not resumed: \(second.text)")
        #expect(second.text.contains("Recovered 3 answers"), "\(second.text)")
        try await answer(second, "no", thenSee: "Is this about understanding")
        try await answer(second, "yes", thenSee: "Carry on now?")
        #expect(await second.killHard(), "the child did not die")
        sandbox.expectPrivateDataFolder()

        let show2 = try await sandbox.run(["show", id])
        #expect(
            show2.stdout.contains("\(MP.focusTitle): defined"),
            "the finished focus stage was lost: \(show2.stdout)"
        )
        #expect(show2.stdout.contains("Next: \(MP.safetyTitle)"), "\(show2.stdout)")

        // 3. Pause it with a reason, then carry on to closure.
        let pause = try await sandbox.run(["pause", id, "--reason", "family holiday"])
        #expect(pause.exitCode == 0, "\(pause.transcript)")
        let show3 = try await sandbox.run(["show", id, "--include-sensitive"])
        let status = MP.statusLine(show3.stdout) ?? ""
        #expect(status.contains("paused") && status.contains("family holiday"), "\(show3.stdout)")
        let list = try await sandbox.run(["list"])
        #expect(MP.listLine(list.stdout, id: id)?.contains("paused") == true, "\(list.stdout)")

        let rest = MP.stages(
            MP.safety(),
            MP.typeDecision("universal"),
            MP.plan(type: 1),
            MP.agreement,
            MP.session(1, last: true),
            MP.reflection,
            MP.closure()
        )
        let closed = try await sandbox.run(["continue", id], lines: rest)
        #expect(closed.exitCode == 0, "\(closed.transcript)")
        #expect(MP.stageHeaders(closed.stdout).first == MP.safetyTitle, "\(MP.stageHeaders(closed.stdout))")
        #expect(!MP.stageHeaders(closed.stdout).contains(MP.focusTitle), "the focus was asked again")

        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        #expect(record["participant"] as? String == code)
        #expect(record["focusAreas"] as? [String] == [area])
        let focus = MP.stageRecords(record, stage: "focus")
        #expect(focus.count == 1)
        #expect(focus.first?["sessionID"] as? String == focusSession)
        #expect(MP.answer(focus.first ?? [:], "participant-code") as? String == code)
        #expect(MP.answer(focus.first ?? [:], "focus-areas.1.exploring") as? String == exploring)
        sandbox.expectPrivateDataFolder()
    }

    @Test("kill -9 within the plan after the sessions answer: continue finishes the plan with it")
    func killWithinPlan() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        let upToPlan =
            MP.stages(
                MP.focus(code: "BR-081", area: "Tea-time tension", exploring: "What happens just before tea"),
                MP.safety(need: "moderate"),
                MP.typeDecision("supported"),
                MP.consult(type: 3)
            ) + [MP.carryOn]
        let plan = MP.plan(type: 3, exploring: "Tea-time and how it feels", sessions: 4, wheel: "peer-learning")
        let sessionsIndex = 5  // exploring, who, lens, success, end-date, sessions

        let child = try sandbox.start(["start"])
        for line in upToPlan { try child.send(line: line) }
        #expect(await child.waitFor { $0.contains("what will this microproject explore?") }, "no plan: \(child.text)")
        let nextQuestions = [
            "Who is involved?", "learning lens", "helped understanding?", "When will the microproject end?",
            "How many structured sessions", "reason for planning fewer than 6 sessions",
        ]
        for i in 0...sessionsIndex { try await answer(child, plan[i], thenSee: nextQuestions[i]) }
        let id = try #require(MP.id(in: child.text), "no microproject id: \(child.text)")
        #expect(await child.killHard(), "the child did not die")

        let resumed = try await sandbox.run(
            ["continue", id],
            lines: Array(plan.dropFirst(sessionsIndex + 1)) + [MP.pauseHere]
        )
        #expect(resumed.exitCode == 75, "\(resumed.transcript)")
        #expect(resumed.stdout.contains("Recovered \(sessionsIndex + 1) answers"), "\(resumed.stdout)")
        let show = try await sandbox.run(["show", id])
        #expect(show.stdout.contains("\(MP.planTitle): planned"), "\(show.stdout)")
        #expect(
            show.stdout.contains("0 of 4 planned"),
            "the sessions answer given before the kill was lost: \(show.stdout)"
        )
        #expect(show.stdout.contains("Planned end: \(MP.endDate)"), "\(show.stdout)")
    }
}
