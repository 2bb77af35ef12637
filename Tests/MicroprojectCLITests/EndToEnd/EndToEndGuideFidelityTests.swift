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
        lines.insert("org-supervision, lead-consultation", at: lines.count - 1)  // support drawn on
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
        // Issue 10 item 2: the support drawn on is recorded where it happened.
        #expect(rec.strings("support-drawn") == ["lead-consultation", "org-supervision"])
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
        if type == 3 { lines.append("one-to-one") }  // session format
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
        for n in 1...6 { lines += [MP.carryOn] + MP.session(n, last: n == 6, type: 4) }
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

    // MARK: 11. Wording and small truths

    @Test("11: a closure held by the tracker alone does not say 'the items you answered no to'")
    func closureHeldByTheTrackerSaysWhatIsOpen() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        try await MP.addConsultant(sandbox)
        let lines =
            Self.toPlan(type: 4) + Self.plan(type: 4, sessions: "6")
            + MP.stages([], MP.agreement, MP.session(1, last: true, type: 4), MP.reflection, MP.closure())
        let result = try await sandbox.run(
            ["start", "--practitioner", "lee"],
            lines: lines,
            timeout: 30
        )
        #expect(result.exitCode == 75, "\(result.transcript)")
        let text = MP.unwrapped(result.stdout)
        #expect(text.contains("1 of 6 core session entries"), "\(result.stdout)")
        #expect(!text.contains("answered no to"), "\(result.stdout)")
        #expect(text.contains("What is still open is listed just below"), "\(result.stdout)")
    }

    @Test("11: 'run planning --type 3' prints no empty tracker or priorities line")
    func runPlanningHasNoEmptyLines() async throws {
        let sandbox = try E2ESandbox()
        let lines = Self.plan(type: 3, sessions: "")
        let result = try await sandbox.run(["run", "planning", "--type", "3"], lines: lines)
        #expect(result.exitCode == 0, "\(result.transcript)")
        let text = MP.unwrapped(result.stdout)
        #expect(!text.contains(": ."), "a line with nothing after it: \(result.stdout)")
        #expect(!text.contains("priorities agreed in the consult"), "\(result.stdout)")
        #expect(
            text.contains("Progress and reflection tracker for this type: recommended tracker."),
            "\(result.stdout)"
        )
    }

    @Test("11: approval answered no shows 'no'; an expired licence is saved with a word about it")
    func profileTruths() async throws {
        let sandbox = try E2ESandbox()
        let added = try await sandbox.run(
            ["practitioner", "add"],
            lines: ["ana", "Ana Bell", "link", "2020-01-31", "1, 2", "no", "none"]
        )
        #expect(added.exitCode == 0, "\(added.transcript)")
        let text = MP.unwrapped(added.stdout)
        #expect(text.contains("Organisational approval: no"), "\(added.stdout)")
        #expect(!text.contains("approval: not recorded"), "\(added.stdout)")
        #expect(text.contains("this licence expired on 2020-01-31"), "\(added.stdout)")
    }

    @Test("11: an impossible date is named as such, as an answer and as --licence-expires")
    func impossibleDates() async throws {
        let sandbox = try E2ESandbox()
        var lines = MP.plan(type: 1)
        // The end date, first impossible, then the real one.
        lines.insert("2099-02-30", at: try #require(lines.firstIndex(of: MP.endDate)))
        let planned = try await sandbox.run(["run", "planning", "--type", "1"], lines: lines)
        #expect(planned.exitCode == 0, "\(planned.transcript)")
        #expect(
            MP.unwrapped(planned.stdout).contains(
                "2099-02-30 is not a real day: February 2099 has 28 days"
            ),
            "\(planned.stdout)"
        )
        let flag = try await sandbox.run([
            "practitioner", "add", "--id", "bo", "--name", "Bo", "--licence", "link", "--licence-expires",
            "2027-02-30",
        ])
        #expect(flag.exitCode == 64, "\(flag.transcript)")
        #expect(flag.stderr.contains("February 2027 has 28 days"), "\(flag.transcript)")
    }

    @Test("11: the senior consultant mark is shown by practitioner show and list, and can be removed")
    func seniorConsultantMark() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addConsultant(sandbox)
        let show = try await sandbox.run(["practitioner", "show", "cat"])
        #expect(show.stdout.contains("Senior consultant: yes"), "\(show.stdout)")
        let list = try await sandbox.run(["practitioner", "list"])
        #expect(list.stdout.contains("senior consultant"), "\(list.stdout)")
        let removed = try await sandbox.run([
            "practitioner", "update", "cat", "--not-senior-consultant",
        ])
        #expect(removed.exitCode == 0, "\(removed.transcript)")
        let after = try await sandbox.run(["practitioner", "show", "cat"])
        #expect(!after.stdout.contains("Senior consultant"), "\(after.stdout)")
        let listAfter = try await sandbox.run(["practitioner", "list"])
        #expect(!listAfter.stdout.contains("senior consultant"), "\(listAfter.stdout)")
    }

    // MARK: 5. Sessions are numbered by plan

    @Test("5: logs for sessions 1, 2, 3, 5 and 6 are headed so; closure names session 4; a session not held is logged")
    func sessionsNumberedByPlan() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        try await MP.addConsultant(sandbox)
        var lines = Self.toPlan(type: 4) + Self.plan(type: 4, sessions: "6") + [MP.carryOn] + MP.agreement
        for n in [1, 2, 3, 5, 6] { lines += [MP.carryOn] + MP.session(n, last: n == 6, type: 4) }
        lines += [MP.carryOn] + MP.reflection + [MP.carryOn] + MP.closure()
        let first = try await sandbox.run(["start", "--practitioner", "lee"], lines: lines, timeout: 40)
        #expect(first.exitCode == 75, "\(first.transcript)")
        let id = try #require(MP.id(in: first.stdout))
        for n in [1, 2, 3, 5, 6] { #expect(first.stdout.contains("Session \(n)."), "no heading for \(n)") }
        #expect(!first.stdout.contains("Session 4."), "a log was headed with a count: \(first.stdout)")
        let text = MP.unwrapped(first.stdout)
        #expect(text.contains("session 4 has no log yet"), "closure does not name session 4: \(first.stdout)")

        let show = try await sandbox.run(["show", id])
        #expect(show.stdout.contains("Planned sessions not logged yet: 4"), "\(show.stdout)")

        // Session 4 did not take place: logged as such, with the reason; then closure holds nothing back.
        let reason = "The family was away that week"
        let rest = MP.sessionNotHeld(4, reason: reason, last: true, type: 4) + [MP.carryOn] + MP.closure()
        let second = try await sandbox.run(["continue", id], lines: rest, timeout: 30)
        #expect(second.exitCode == 0, "\(second.transcript)")
        #expect(second.stdout.contains("Session 4."), "\(second.stdout)")
        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        let logs = MP.stageRecords(record, stage: "session")
        #expect(logs.compactMap { (MP.answer($0, "session-number") as? NSNumber)?.intValue } == [1, 2, 3, 5, 6, 4])
        let notHeld = try #require(logs.last)
        #expect((MP.answer(notHeld, "took-place") as? NSNumber)?.boolValue == false)
        #expect(MP.answer(notHeld, "not-held-reason") as? String == reason)
        let after = try await sandbox.run(["show", id])
        #expect(after.stdout.contains("Session 4 did not take place: \(reason)"), "\(after.stdout)")
    }

    @Test("5: a session already logged is refused at the number question, with what to do")
    func loggedSessionNumberRefused() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        let lines =
            Self.toPlan(type: 3) + Self.plan(type: 3, sessions: "6") + [MP.carryOn] + MP.agreement + [MP.carryOn]
            + MP.session(1, last: false, type: 3) + [MP.carryOn, "1"]
        let result = try await sandbox.run(["start"], lines: lines, timeout: 30)
        #expect(result.exitCode == 75, "\(result.transcript)")
        #expect(result.stdout.contains("That session is already logged"), "\(result.stdout)")
        #expect(result.stdout.contains("Press Enter for 2"), "\(result.stdout)")
    }

    // MARK: 9. Revisit, do not dead-end

    @Test("9: a closure held open can reopen the reflection with --revisit; closure then checks again and closes")
    func revisitAnEarlierStage() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let notYet = ["yes", "yes", "no", "yes", "yes", "yes", "/skip"]  // learning not recorded yet
        let lines = MP.stages(
            MP.focus(code: "BR-091", area: "Mornings", exploring: "What sets off the rush"),
            MP.safety(),
            MP.typeDecision("universal"),
            MP.plan(type: 1),
            MP.agreement,
            MP.session(1, last: true),
            MP.reflection,
            notYet
        )
        let first = try await sandbox.run(["start"], lines: lines, timeout: 30)
        #expect(first.exitCode == 75, "\(first.transcript)")
        let id = try #require(MP.id(in: first.stdout))
        #expect(
            MP.unwrapped(first.stdout).contains("microproject continue \(id) --revisit STAGE"),
            "no way back to an earlier stage is named: \(first.stdout)"
        )

        let wrong = try await sandbox.run(["continue", id, "--revisit", "type-decision"])
        #expect(wrong.exitCode == 64, "\(wrong.transcript)")
        #expect(wrong.stderr.contains("cannot be reopened"), "\(wrong.transcript)")

        let corrected = [
            "Calmer mornings, named together", "Pausing first", "The module", "Learning recorded", "none",
            "lead-reflective",  // support drawn on: reflective practice support from a Lead
        ]
        let again = try await sandbox.run(
            ["continue", id, "--revisit", "reflection"],
            lines: corrected + [MP.carryOn] + MP.closure()
        )
        #expect(again.exitCode == 0, "\(again.transcript)")
        #expect(
            MP.stageHeaders(again.stdout) == [MP.reflectionTitle, MP.closureTitle],
            "\(MP.stageHeaders(again.stdout))"
        )
        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        #expect((record["reflection"] as? [String: String])?["noticed"] == corrected[0])
        // The earlier reflection stays in the trail.
        #expect(MP.stageRecords(record, stage: "reflection").count == 2)
        let audit = try await sandbox.run(["audit", id])
        #expect(audit.stdout.contains("reopened step 6: reflect and record learning"), "\(audit.stdout)")
        // Issue 10 item 2: the support drawn on in the reflection is recorded and counts as a reflective
        // discussion space for certification.
        let support = record["supportDrawnOn"] as? [[String: Any]] ?? []
        #expect(support.first?["pathways"] as? [String] == ["lead-reflective"], "\(support)")
        let cert = try await sandbox.run(["certification", "sam"])
        #expect(
            MP.unwrapped(cert.stdout).contains("reflective practice support from a Lead practitioner (\(id)"),
            "\(cert.stdout)"
        )
    }

    // MARK: 4. Time-limited and bounded

    /// Today plus `days`, as YYYY-MM-DD (UTC).
    static func day(plus days: Int) -> String {
        String(ISO8601DateFormatter().string(from: Date().addingTimeInterval(Double(days) * 86_400)).prefix(10))
    }

    @Test("4: a planned end more than six months ahead is questioned, and the reason kept")
    func longEndIsQuestioned() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        var plan = MP.plan(type: 1)
        let far = Self.day(plus: 300)
        let endIndex = try #require(plan.firstIndex(of: MP.endDate))
        plan[endIndex] = far
        plan.insert("The school year sets the pace", at: endIndex + 1)
        let lines =
            MP.stages(
                MP.focus(code: "BR-041", area: "Mornings", exploring: "What sets off the rush"),
                MP.safety(),
                MP.typeDecision("universal"),
                plan
            ) + [MP.pauseHere]
        let result = try await sandbox.run(["start"], lines: lines)
        #expect(result.exitCode == 75, "\(result.transcript)")
        #expect(
            MP.unwrapped(result.stdout).contains("That end date is more than six months away"),
            "\(result.stdout)"
        )
        let id = try #require(MP.id(in: result.stdout))
        let show = try await sandbox.run(["show", id])
        #expect(show.stdout.contains("Planned end: \(far)"), "\(show.stdout)")
        #expect(
            show.stdout.contains("More than six months ahead because: The school year sets the pace"),
            "\(show.stdout)"
        )
    }

    @Test(
        "4: past the planned end, list and continue say so; continue extends it (journaled) or moves to closure",
        .enabled(if: E2E.onPath("faketime"), "faketime is not installed (Scripts/setup installs it)")
    )
    func overdueIsActedOn() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let lines =
            MP.stages(
                MP.focus(code: "BR-042", area: "Mornings", exploring: "What sets off the rush"),
                MP.safety(),
                MP.typeDecision("universal"),
                MP.plan(type: 1),
                MP.agreement
            ) + [MP.pauseHere]
        let started = try await sandbox.run(["start"], lines: lines)
        #expect(started.exitCode == 75, "\(started.transcript)")
        let id = try #require(MP.id(in: started.stdout))

        let later = Self.day(plus: 90)  // past MP.endDate (60 days ahead)
        let list = try await sandbox.runOn(day: later, ["list"])
        #expect(MP.listLine(list.stdout, id: id)?.contains("overdue") == true, "\(list.stdout)")
        #expect(list.stdout.contains("Past the planned end date: \(id)"), "\(list.stdout)")

        let newEnd = Self.day(plus: 120)
        let extended = try await sandbox.runOn(
            day: later,
            ["continue", id],
            lines: ["extend", newEnd, "The family was away for a month", MP.pauseHere]
        )
        #expect(
            MP.unwrapped(extended.stdout).contains("The planned end date, \(MP.endDate), has passed"),
            "\(extended.transcript)"
        )
        #expect(extended.stdout.contains("The planned end date is now \(newEnd)."), "\(extended.transcript)")
        let show = try await sandbox.runOn(day: later, ["show", id])
        #expect(
            show.stdout.contains("Extended from \(MP.endDate) to \(newEnd): The family was away for a month"),
            "\(show.stdout)"
        )
        let audit = try await sandbox.run(["audit", id])
        #expect(audit.stdout.contains("extended the planned end date"), "\(audit.stdout)")

        // Past the new date too: this time, move on to reflection and closure.
        let muchLater = Self.day(plus: 150)
        let closing = try await sandbox.runOn(
            day: muchLater,
            ["continue", id],
            lines: ["close"] + MP.reflection + [MP.carryOn] + MP.closure()
        )
        #expect(closing.exitCode == 0, "\(closing.transcript)")
        #expect(MP.stageHeaders(closing.stdout).first == MP.reflectionTitle, "\(closing.stdout)")
        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        let extensions = record["endDateExtensions"] as? [[String: Any]] ?? []
        #expect(extensions.count == 1 && extensions.first?["to"] as? String == newEnd, "\(extensions)")
        // One time format in a record (issue 8): every time, the extension's included, is ISO 8601.
        #expect(MP.nonISOTimes(in: record).isEmpty, "times not in ISO 8601: \(MP.nonISOTimes(in: record))")

        let summary = try await sandbox.runOn(day: muchLater, ["summary", "--out", sandbox.path("summary")])
        #expect(summary.exitCode == 0, "\(summary.transcript)")
        let text = try String(contentsOfFile: sandbox.path("summary/summary.md"), encoding: .utf8)
        #expect(text.contains("Overruns: 1"), "\(text)")
        #expect(text.contains("Planned end dates extended in 1 microproject(s)"), "\(text)")
    }

    // MARK: 1. Practice readiness

    @Test("1: practice readiness is asked in the profile, dated, shown, and checked by the entry gate")
    func practiceReadinessIsAnEntryRequirement() async throws {
        let sandbox = try E2ESandbox()
        // Everything else in place, readiness confirmed for principles and reflection only.
        let added = try await sandbox.run(
            ["practitioner", "add"],
            lines: ["sam", "Sam Khan", "link", "2099-01-01", "1, 2, 3, 4", "yes", "1, 3"]
        )
        #expect(added.exitCode == 0, "\(added.transcript)")
        let today = Self.day(plus: 0)
        let shown = try await sandbox.run(["practitioner", "show", "sam"])
        let text = MP.unwrapped(shown.stdout)
        #expect(text.contains("Understanding of I Matter principles: confirmed on \(today)"), "\(shown.stdout)")
        #expect(
            text.contains("Awareness of relational, non-clinical boundaries: not confirmed yet (it means"),
            "\(shown.stdout)"
        )

        let lines =
            MP.stages(
                MP.focus(code: "BR-011", area: "Mornings", exploring: "What sets off the rush"),
                MP.safety(),
                MP.typeDecision("universal")
            ) + [MP.carryOn]
        let refused = try await sandbox.run(["start"], lines: lines)
        #expect(refused.exitCode == 77, "\(refused.transcript)")
        #expect(
            MP.unwrapped(refused.output).contains(
                "practice readiness: awareness of relational, non-clinical boundaries is not confirmed"
            ),
            "\(refused.transcript)"
        )
        #expect(refused.output.contains("--readiness boundaries"), "\(refused.transcript)")

        let confirmed = try await sandbox.run(["practitioner", "update", "sam", "--readiness", "boundaries"])
        #expect(confirmed.exitCode == 0, "\(confirmed.transcript)")
        #expect(confirmed.stdout.contains("Ready for Link-level microprojects"), "\(confirmed.stdout)")
        let cert = try await sandbox.run(["certification", "sam"])
        #expect(
            cert.stdout.contains("awareness of relational, non-clinical boundaries confirmed on ")
                && cert.stdout.contains(String(today.prefix(4))),
            "\(cert.stdout)"
        )
    }

    // MARK: 3. Delivery models

    @Test("3: Types 1-2 record identified by Link staff and the funded pilot invitation; show, record and tracker")
    func deliveryModelIsRecorded() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        var plan = MP.plan(type: 1)
        let endIndex = try #require(plan.firstIndex(of: MP.endDate))
        plan[endIndex - 1] = "no"  // not yet invited into the funded pilot
        let lines =
            MP.stages(
                MP.focus(code: "BR-031", area: "Mornings", exploring: "What sets off the rush"),
                MP.safety(),
                MP.typeDecision("universal"),
                plan,
                MP.agreement,
                MP.session(1, last: true),
                MP.reflection,
                MP.closure()
            )
        let result = try await sandbox.run(["start"], lines: lines, timeout: 30)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.stdout.contains("Was the participant identified by Link staff?"), "\(result.stdout)")
        let id = try #require(MP.id(in: result.stdout))
        let show = try await sandbox.run(["show", id])
        #expect(
            show.stdout.contains(
                "Delivery as planned: identified by Link staff: yes; invited into the funded pilot: no"
            ),
            "\(show.stdout)"
        )
        let record = try MP.record(sandbox, id: id)
        let delivery = record["delivery"] as? [String: String] ?? [:]
        #expect(delivery == ["identifiedByLinkStaff": "yes", "fundedPilotInvitation": "no"], "\(delivery)")
        let export = try await sandbox.run(["export", "--all", "--format", "csv", "--out", sandbox.path("csv")])
        #expect(export.exitCode == 0, "\(export.transcript)")
        let csv = try String(contentsOfFile: sandbox.path("csv/microprojects.csv"), encoding: .utf8)
        // The delivery columns, then the support pathways, counted back from the end (so a quoted comma earlier
        // in the row cannot shift them): five later columns stand after them.
        let csvLines = csv.split(separator: "\r\n").map(String.init)
        #expect(csvLines.count == 2, "\(csv)")
        let header = csvLines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let row = (csvLines.count > 1 ? csvLines[1] : "").split(separator: ",", omittingEmptySubsequences: false)
            .map(String.init)
        #expect(
            Array(header.dropLast(5).suffix(5)) == [
                "identified_by_link_staff", "funded_pilot_invitation", "session_format", "pcn_liaison",
                "support_drawn_on",
            ],
            "\(header)"
        )
        #expect(Array(row.dropLast(5).suffix(5)) == ["yes", "no", "", "", ""], "\(row)")
    }
}

extension E2ESandbox {
    /// Runs the binary as if today were `day` (faketime), with `lines` as stdin.
    func runOn(day: String, _ arguments: [String], lines: [String] = []) async throws -> E2EResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", #"umask 022; exec faketime "$0" "$@""#, "\(day) 12:00:00", binary] + arguments
        p.environment = environment
        p.currentDirectoryURL = root
        return try await execute(p, input: lines.map { $0 + "\n" }.joined(), timeout: 30)
    }
}
