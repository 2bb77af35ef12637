import Foundation
import Testing

/// Whole microprojects through the built binary with piped answers: `start`, the stages in order with
/// "Carry on now?" between them, pauses, `continue`, the entry requirements, a concern, closure and the
/// complete record.
@Suite("End to end: whole microprojects")
struct EndToEndMicroprojectTests {
    // MARK: No profile

    @Test("start without a practitioner profile fails with 66 and says to run 'microproject practitioner add'")
    func startWithoutProfile() async throws {
        let sandbox = try E2ESandbox()
        let result = try await sandbox.run(
            ["start"],
            lines: MP.focus(code: "BR-001", area: "Mornings", exploring: "What helps")
        )
        #expect(result.exitCode == 66, "\(result.transcript)")
        #expect(result.stderr.contains("microproject practitioner add"), "\(result.transcript)")
        #expect(!result.stdout.contains(MP.focusTitle), "a stage started without a profile: \(result.transcript)")
        let list = try await sandbox.run(["list"])
        #expect(MP.id(in: list.stdout) == nil, "a microproject was created without a profile: \(list.stdout)")
    }

    // MARK: Type 1

    @Test("Type 1 from start to closure: exit 0 and a complete, private record")
    func type1ToClosure() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let fixture = E2E.repoRoot.appendingPathComponent("Tests/MicroprojectCLITests/Fixtures/type1-closure.answers")
        var lines = try String(contentsOf: fixture, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        .map(String.init)
        if lines.last == "" { lines.removeLast() }
        // The plan's end date must not be in the past: keep the fixture working whatever today is.
        let endIndex = try #require(
            lines.firstIndex { $0.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil }
        )
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        if lines[endIndex] < today || lines[endIndex] > MP.endDate { lines[endIndex] = MP.endDate }
        let endDate = lines[endIndex]

        let result = try await sandbox.run(["start"], lines: lines)
        #expect(result.exitCode == 0, "\(result.transcript)")
        let id = try #require(MP.id(in: result.stdout), "no microproject id: \(result.transcript)")
        #expect(
            MP.stageHeaders(result.stdout) == [
                MP.focusTitle, MP.safetyTitle, MP.typeTitle, MP.planTitle, MP.agreementTitle, MP.sessionTitle,
                MP.reflectionTitle, MP.closureTitle,
            ],
            "\(MP.stageHeaders(result.stdout))"
        )

        let json = sandbox.recordPath(id: id)
        let markdown = String(json.dropLast(5)) + ".md"
        let record = try MP.record(sandbox, id: id)
        #expect(record["microprojectID"] as? String == id)
        #expect(record["status"] as? String == "closed")
        #expect((record["type"] as? [String: Any])?["number"] as? Int == 1)
        #expect(record["participant"] as? String == "BR-014")
        #expect(record["focusAreas"] as? [String] == ["How mornings go between Mum and Leo"])
        #expect(record["plannedEnd"] as? String == endDate)
        #expect(record["sessionsLogged"] as? Int == 1)
        #expect(record["safetyOutcome"] as? String == "suitable")
        #expect((record["practitioner"] as? [String: Any])?["id"] as? String == "sam")

        let reflection = record["reflection"] as? [String: String] ?? [:]
        #expect(
            reflection == [
                "noticed": "Calmer tone in the mornings", "changed": "Mum pauses before reacting",
                "helpful": "The short module was helpful", "learning": "Start with the learning module",
                "escalation": "none",
            ],
            "\(reflection)"
        )
        let checklist = record["closureChecklist"] as? [String: String] ?? [:]
        for key in [
            "focus-explored", "reflection-completed", "learning-recorded", "no-safety-concerns",
            "participant-understands",
        ] {
            #expect(checklist[key] == "yes", "closure checklist \(key): \(checklist)")
        }
        let wheel = record["communityWheel"] as? [String: Any] ?? [:]
        #expect(wheel["offered"] as? String == "monthly-session", "\(wheel)")
        #expect(wheel["takenUp"] as? String == "yes", "\(wheel)")
        let stages = (record["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
        #expect(
            stages == ["focus", "safety", "type-decision", "plan", "agreement", "session", "reflection", "closure"]
        )

        #expect(FileManager.default.fileExists(atPath: markdown), "no Markdown record beside \(json)")
        #expect(E2E.mode(json) == 0o600, "\(json) is \(E2E.octal(E2E.mode(json)))")
        #expect(E2E.mode(markdown) == 0o600, "\(markdown) is \(E2E.octal(E2E.mode(markdown)))")
        sandbox.expectPrivateDataFolder()

        let show = try await sandbox.run(["show", id])
        #expect(show.exitCode == 0, "\(show.transcript)")
        #expect(MP.statusLine(show.stdout)?.contains("closed") == true, "\(show.stdout)")
    }

    // MARK: Type 3, six sessions, a pause between sessions

    @Test("Type 3 with six sessions: 'no' at Carry on now? pauses (75), continue resumes at the next session log")
    func type3SixSessions() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        let first =
            MP.stages(
                MP.focus(
                    code: "BR-021",
                    area: "Bedtime misunderstandings",
                    exploring: "What each person needs at bedtime"
                ),
                MP.safety(need: "moderate", structured: true),
                MP.typeDecision("supported"),
                MP.consult(type: 3),
                MP.plan(type: 3, sessions: 6, wheel: "both"),
                MP.agreement,
                MP.session(1, last: false, type: 3),
                MP.session(2, last: false, type: 3),
                MP.session(3, last: false, type: 3)
            ) + [MP.pauseHere]
        let started = try await sandbox.run(["start"], lines: first)
        #expect(started.exitCode == 75, "\(started.transcript)")
        let id = try #require(MP.id(in: started.stdout), "no microproject id: \(started.transcript)")
        #expect(started.stdout.contains("microproject continue \(id)"), "\(started.stdout)")
        #expect(MP.stageHeaders(started.stdout).filter { $0 == MP.sessionTitle }.count == 3)
        #expect(
            Array(MP.stageHeaders(started.stdout).prefix(5)) == [
                MP.focusTitle, MP.safetyTitle, MP.typeTitle, MP.consultTitle, MP.planTitle,
            ],
            "\(MP.stageHeaders(started.stdout))"
        )
        // One Lead practitioner: the microproject's own, signed in without being asked; the plan opens with the
        // priorities agreed in the consult.
        #expect(started.stdout.contains("Lead practitioner: Lee Ward (lee)"), "\(started.stdout)")
        #expect(!started.stdout.contains("Type their practitioner id"), "\(started.stdout)")
        #expect(
            MP.unwrapped(started.stdout).contains(
                "The learning priorities agreed in the consult: \(MP.consultPriorities[0])."
            ),
            "\(started.stdout)"
        )

        let paused = try await sandbox.run(["show", id])
        #expect(MP.statusLine(paused.stdout)?.contains("paused") == true, "\(paused.stdout)")
        #expect(paused.stdout.contains("Sessions logged: 3 of 6"), "\(paused.stdout)")

        let rest = MP.stages(
            MP.session(4, last: false, type: 3),
            MP.session(5, last: false, type: 3),
            MP.session(6, last: true, type: 3),
            MP.reflection,
            MP.closure(takenUp: "no")
        )
        let resumed = try await sandbox.run(["continue", id], lines: rest)
        #expect(resumed.exitCode == 0, "\(resumed.transcript)")
        #expect(MP.stageHeaders(resumed.stdout).first == MP.sessionTitle, "\(MP.stageHeaders(resumed.stdout))")
        #expect(resumed.stdout.contains("Session 4."), "continue did not resume at session 4: \(resumed.stdout)")
        #expect(!resumed.stdout.contains("Session 1."), "continue logged session 1 again: \(resumed.stdout)")

        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        #expect((record["type"] as? [String: Any])?["number"] as? Int == 3)
        #expect(record["sessionsPlanned"] as? Int == 6)
        #expect(record["sessionsLogged"] as? Int == 6)
        #expect(record["participant"] as? String == "BR-021")
        let consult = try #require(MP.stageRecords(record, stage: "consult").last)
        #expect(MP.answer(consult, "priorities.1.priority") as? String == MP.consultPriorities[0])
        #expect(MP.answer(consult, "hopes-lead") as? String == MP.consultHopes)
        let plan = try #require(MP.stageRecords(record, stage: "plan").last)
        #expect(
            (MP.answer(plan, "sessions") as? NSNumber)?.intValue == 6,
            "\(String(describing: MP.answer(plan, "sessions")))"
        )
        let logs = MP.stageRecords(record, stage: "session")
        #expect(logs.count == 6)
        #expect(logs.map { MP.answer($0, "worked-on") as? String } == (1...6).map { MP.workedOn($0) })
        #expect(
            logs.map { (MP.answer($0, "last") as? NSNumber)?.boolValue } == [false, false, false, false, false, true]
        )
        let wheel = record["communityWheel"] as? [String: Any] ?? [:]
        #expect(wheel["offered"] as? String == "both" && wheel["takenUp"] as? String == "no", "\(wheel)")
    }

    // MARK: Type 4: the enhanced tracker must be complete before closure

    @Test("Type 4 cannot close with 1 of 2 sessions logged: 75, names the tracker; logs the rest, then closes")
    func type4TrackerBeforeClosure() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        try await MP.addConsultant(sandbox)  // the consult's second practitioner
        let first = MP.stages(
            MP.focus(code: "BR-031", area: "Repeated evening arguments", exploring: "What keeps the cycle going"),
            MP.safety(need: "complex", structured: true),
            MP.typeDecision("complex"),
            MP.consult(type: 4),
            MP.plan(type: 4, sessions: 2, backup: 0),
            MP.agreement,
            MP.session(1, last: true, type: 4),
            MP.reflection,
            MP.closure()
        )
        let run1 = try await sandbox.run(["start", "--practitioner", "lee"], lines: first)
        let id = try #require(MP.id(in: run1.stdout), "no microproject id: \(run1.transcript)")
        #expect(run1.stdout.contains("Lead practitioner: Lee Ward (lee)"), "\(run1.stdout)")
        #expect(run1.stdout.contains("Who is the senior consultant? Type their practitioner id."), "\(run1.stdout)")
        #expect(run1.stdout.contains("senior consultant: C. Consultant (cat)"), "\(run1.stdout)")
        #expect(run1.exitCode == 75, "closure with an incomplete enhanced tracker must not close: \(run1.transcript)")
        #expect(
            run1.output.contains("1 of 2 core session"),
            "the output does not name the open tracker: \(run1.transcript)"
        )
        #expect(!FileManager.default.fileExists(atPath: sandbox.recordPath(id: id)), "a complete record was written")

        let show1 = try await sandbox.run(["show", id])
        #expect(MP.statusLine(show1.stdout)?.contains("paused") == true, "\(show1.stdout)")
        #expect(show1.stdout.contains("1 of 2"), "\(show1.stdout)")
        #expect(!(MP.statusLine(show1.stdout)?.contains("closed") ?? true), "\(show1.stdout)")

        // The next due stage is the log of session 2; then, the reflection being done, the closure checklist.
        let run2 = try await sandbox.run(["continue", id], lines: MP.session(2, last: true, type: 4) + [MP.pauseHere])
        #expect(run2.exitCode == 75, "\(run2.transcript)")
        #expect(MP.stageHeaders(run2.stdout) == [MP.sessionTitle], "\(MP.stageHeaders(run2.stdout))")
        #expect(run2.stdout.contains("Session 2."), "\(run2.stdout)")
        let nextIsReflection = run2.stdout.contains("Next: \(MP.reflectionTitle).")
        #expect(
            run2.stdout.contains("Next: \(MP.closureTitle)."),
            "after the missing session log, the closure checklist is due again (the reflection is done): \(run2.stdout)"
        )

        // Carry on to closure (through the reflection again if the program insists on it, so the rest is checked).
        let rest = nextIsReflection ? MP.stages(MP.reflection, MP.closure()) : MP.closure()
        let run3 = try await sandbox.run(["continue", id], lines: rest)
        #expect(run3.exitCode == 0, "\(run3.transcript)")
        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        #expect((record["type"] as? [String: Any])?["number"] as? Int == 4)
        #expect(record["trackerLevel"] as? String == "required-enhanced")
        #expect(record["sessionsPlanned"] as? Int == 2)
        #expect(record["sessionsLogged"] as? Int == 2)
        let logs = MP.stageRecords(record, stage: "session")
        #expect(logs.map { MP.answer($0, "worked-on") as? String } == [MP.workedOn(1), MP.workedOn(2)])
        #expect(MP.stageRecords(record, stage: "closure").count == 2, "both closure checklists belong in the record")
        // The consult: the consultant's questions answered by the consultant, the priority agreed by the Lead.
        let consult = try #require(MP.stageRecords(record, stage: "consult").last)
        let answers = (consult["record"] as? [String: Any])?["answers"] as? [[String: Any]] ?? []
        func by(_ key: String) -> [String: Any] { answers.first { $0["key"] as? String == key } ?? [:] }
        #expect(by("hopes-lead")["answeredBy"] as? String == "lee", "\(by("hopes-lead"))")
        #expect(by("prior-support")["answeredBy"] as? String == "cat", "\(by("prior-support"))")
        #expect(by("priorities.1.priority")["value"] as? String == MP.consultPriorities[0])
        #expect(by("priorities.1.priority")["answeredBy"] as? String == "cat")
        #expect(by("priorities.1.priority")["agreedBy"] as? [String] == ["lee"], "\(by("priorities.1.priority"))")
        let team = (consult["record"] as? [String: Any])?["practitioners"] as? [[String: Any]] ?? []
        #expect(
            team.map { "\($0["id"] ?? "")/\($0["role"] ?? "")" } == ["lee/lead", "cat/consultant"],
            "\(team)"
        )
    }

    // MARK: Type 2: the priorities consult co-run by a Link practitioner and a Lead Plus

    @Test(
        "Type 2 consult: a Lead is refused the Lead Plus role (77, nothing started); with a Lead Plus, wrong-role answers are refused, /as types for the Link, a counter-proposal is agreed and carried into the plan"
    )
    func type2CoRunConsult() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        try await MP.addLead(sandbox)
        try await MP.addLeadPlus(sandbox)
        let upToConsult = MP.stages(
            MP.focus(code: "BR-091", area: "School mornings", exploring: "What the rush is like"),
            MP.safety(need: "early"),
            MP.typeDecision("early"),
            ["lee"]  // at "Who is the Lead Plus?": a Lead licence is not enough, so it is asked again
        )
        let refused = try await sandbox.run(["start", "--practitioner", "sam"], lines: upToConsult)
        #expect(refused.exitCode == 75, "\(refused.transcript)")
        let id = try #require(MP.id(in: refused.stdout), "no microproject id: \(refused.transcript)")
        #expect(refused.stdout.contains("Link practitioner: Sam Khan (sam)"), "\(refused.stdout)")
        #expect(refused.stdout.contains("lead-plus> lee"), "\(refused.stdout)")
        #expect(
            MP.unwrapped(refused.stdout).contains(
                "Lee Ward cannot take the Lead Plus role: the Lead Plus role needs a Lead Plus licence; "
                    + "Lee Ward holds a Lead licence. Who can sign in as the Lead Plus: Pat Lane (pat)."
            ),
            "\(refused.transcript)"
        )
        #expect(!refused.stdout.contains("Priorities consult  (session"), "the consult started: \(refused.stdout)")
        let waiting = try await sandbox.run(["show", id])
        #expect(waiting.stdout.contains("Next: \(MP.consultTitle)"), "\(waiting.stdout)")
        #expect(!waiting.stdout.contains("\(MP.consultTitle): "), "a consult was recorded: \(waiting.stdout)")

        let consult = [
            "pat",  // the Lead Plus signs in
            "/handover",  // the keyboard goes to Pat
            "Calmer mornings",  // the hopes are the Link's question: refused from Pat
            "/as link Calmer mornings",  // Pat types Sam's answer for Sam
            "Being late for school",  // worries (anyone)
            "Breakfast chats",  // going-well (anyone)
            "Leaving on time",  // priority 1: Pat proposes
            "Calmer school mornings",  // Sam proposes a different wording
            "yes",  // Pat agrees with it
            "yes",  // another priority
            "Breakfast together",  // priority 2: Pat proposes
            "",  // Sam agrees
            "no",  // no third priority
            "4",  // readiness
            "1",  // support-route: Pat proposes online learning
            "",  // Sam agrees
        ]
        let run = try await sandbox.run(
            ["continue", id],
            lines: consult + [MP.carryOn] + MP.plan(type: 2) + [MP.pauseHere]
        )
        #expect(run.exitCode == 75, "\(run.transcript)")
        #expect(MP.stageHeaders(run.stdout) == [MP.consultTitle, MP.planTitle], "\(MP.stageHeaders(run.stdout))")
        #expect(run.stdout.contains("Lead Plus: Pat Lane (pat)"), "\(run.stdout)")
        #expect(
            MP.unwrapped(run.output).contains("This question is for the Link practitioner, Sam Khan."),
            "a wrong-role answer was not refused: \(run.transcript)"
        )
        #expect(run.stdout.contains("Saved as Sam Khan's answer, typed by Pat Lane."), "\(run.stdout)")
        #expect(run.stdout.contains("Now for Sam Khan to agree."), "\(run.stdout)")
        #expect(run.stdout.contains("Now for Pat Lane to agree."), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "Agreed by both.").count - 1 >= 2, "\(run.stdout)")
        // The agreed wording, not the first proposal, seeds the plan.
        #expect(
            MP.unwrapped(run.stdout).contains(
                "The learning priorities agreed in the consult: Calmer school mornings; Breakfast together."
            ),
            "\(run.stdout)"
        )
        let show = try await sandbox.run(["show", id])
        #expect(show.stdout.contains("\(MP.consultTitle): agreed"), "\(show.stdout)")
        #expect(show.stdout.contains("\(MP.planTitle): planned"), "\(show.stdout)")
    }

    // MARK: Entry requirements

    @Test(
        "a Link practitioner is refused Type 3 (77) with every missing item; nothing is lost; after update, continue plans"
    )
    func linkRefusedType3() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let area = "Homework evenings"
        let exploring = "What makes homework time tense"
        let lines = MP.stages(
            MP.focus(code: "BR-041", area: area, exploring: exploring),
            MP.safety(need: "moderate"),
            MP.typeDecision("supported"),
            MP.consult(type: 3)
        )
        let refused = try await sandbox.run(["start"], lines: lines)
        #expect(refused.exitCode == 77, "\(refused.transcript)")
        let id = try #require(MP.id(in: refused.stdout), "no microproject id: \(refused.transcript)")
        #expect(
            !MP.stageHeaders(refused.stdout).contains(MP.consultTitle),
            "the consult started: \(refused.transcript)"
        )
        #expect(!MP.stageHeaders(refused.stdout).contains(MP.planTitle), "the plan started: \(refused.transcript)")

        // Every missing item, each with what to do about it.
        let items = refused.stderr.split(separator: "\n").map(String.init).filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ")
        }
        func item(_ text: String) -> String? { items.first { $0.contains(text) } }
        let deepDive = item("Deep Dive")
        let leadTraining = item("Lead training")
        let licence = item("Lead level licence") ?? item("Lead licence")
        #expect(
            deepDive != nil && leadTraining != nil && licence != nil,
            "missing items not all named: \(refused.stderr)"
        )
        #expect(
            deepDive?.contains("microproject practitioner update sam --completed deep-dive") == true,
            "\(deepDive ?? "-")"
        )
        #expect(
            leadTraining?.contains("microproject practitioner update sam --completed lead-training") == true,
            "\(leadTraining ?? "-")"
        )
        #expect(
            licence?.contains("--licence lead") == true,
            "the licence item should say how to record a Lead licence (microproject practitioner update sam --licence lead --licence-expires ...): \(licence ?? "-")"
        )
        #expect(refused.output.contains("microproject continue \(id)"), "\(refused.output)")

        // Nothing typed so far is lost.
        let show = try await sandbox.run(["show", id])
        #expect(show.exitCode == 0, "\(show.transcript)")
        #expect(MP.statusLine(show.stdout)?.contains("paused") == true, "\(show.stdout)")
        #expect(show.stdout.contains("\(MP.focusTitle): defined"), "\(show.stdout)")
        #expect(show.stdout.contains("\(MP.safetyTitle): suitable"), "\(show.stdout)")
        #expect(show.stdout.contains("BR-041") && show.stdout.contains(area), "\(show.stdout)")
        #expect(show.stdout.contains("Next: \(MP.consultTitle)"), "\(show.stdout)")
        let list = try await sandbox.run(["list"])
        #expect(MP.listLine(list.stdout, id: id)?.contains("paused") == true, "\(list.stdout)")
        let focusSession = try #require(
            refused.stdout.components(separatedBy: "\n").first { $0.hasPrefix("Focus definition sheet") }
                .flatMap { E2E.sessionID(in: $0) }
        )
        let focusShow = try await sandbox.run(["show", focusSession])
        #expect(focusShow.stdout.contains(exploring), "\(focusShow.stdout)")

        let update = try await sandbox.run([
            "practitioner", "update", "sam", "--licence", "lead", "--licence-expires", "2030-01-01",
            "--completed", "deep-dive", "--completed", "lead-training",
        ])
        #expect(update.exitCode == 0, "\(update.transcript)")

        let planned = try await sandbox.run(
            ["continue", id],
            lines: MP.stages(MP.consult(type: 3), MP.plan(type: 3, sessions: 6)) + [MP.pauseHere]
        )
        #expect(planned.exitCode == 75, "\(planned.transcript)")
        #expect(
            MP.stageHeaders(planned.stdout) == [MP.consultTitle, MP.planTitle],
            "\(MP.stageHeaders(planned.stdout))"
        )
        let after = try await sandbox.run(["show", id])
        #expect(after.stdout.contains("\(MP.consultTitle): agreed"), "\(after.stdout)")
        #expect(after.stdout.contains("\(MP.planTitle): planned"), "\(after.stdout)")
        #expect(after.stdout.contains("0 of 6 planned"), "\(after.stdout)")
        #expect(after.stdout.contains("\(MP.focusTitle): defined"), "\(after.stdout)")
    }

    // MARK: A concern

    @Test("/concern in the plan: escalated and paused (exit 0); continue runs the review, then the plan again")
    func concernInPlan() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let concern = "The child said an adult at a handover frightens them"
        let lines = MP.stages(
            MP.focus(code: "BR-051", area: "Saturday handovers", exploring: "How handovers feel"),
            MP.safety(),
            MP.typeDecision("universal"),
            ["Handovers and how they feel", "/concern \(concern)"]
        )
        let stopped = try await sandbox.run(["start"], lines: lines)
        #expect(stopped.exitCode == 0, "a safety stop is an end: \(stopped.transcript)")
        let id = try #require(MP.id(in: stopped.stdout), "no microproject id: \(stopped.transcript)")
        #expect(stopped.output.contains("safeguarding procedures"), "\(stopped.transcript)")

        let show = try await sandbox.run(["show", id])
        let status = MP.statusLine(show.stdout) ?? ""
        #expect(status.contains("escalated"), "\(show.stdout)")
        #expect(!status.contains(concern), "the concern's words are sensitive: \(show.stdout)")
        let showAll = try await sandbox.run(["show", id, "--include-sensitive"])
        #expect(MP.statusLine(showAll.stdout)?.contains(concern) == true, "the reason does not hold the concern")
        let list = try await sandbox.run(["list"])
        #expect(MP.listLine(list.stdout, id: id)?.contains("escalated") == true, "\(list.stdout)")

        // continue: the escalation review first, then the interrupted plan again.
        let review = [
            "designated safeguarding lead", "Followed the safeguarding procedure; the DSL took it forward", "resume",
            "/skip", "none",  // review note, support drawn on
        ]
        let resumed = try await sandbox.run(
            ["continue", id],
            lines: review + [MP.carryOn] + MP.plan(type: 1, exploring: "Handovers and feelings") + [MP.pauseHere]
        )
        #expect(resumed.exitCode == 75, "\(resumed.transcript)")
        #expect(
            MP.stageHeaders(resumed.stdout) == [MP.reviewTitle, MP.planTitle],
            "\(MP.stageHeaders(resumed.stdout))"
        )
        let after = try await sandbox.run(["show", id])
        #expect(MP.statusLine(after.stdout)?.contains("escalated") == false, "\(after.stdout)")
        #expect(after.stdout.contains("\(MP.reviewTitle): resume"), "\(after.stdout)")
        #expect(after.stdout.contains("\(MP.planTitle): planned"), "\(after.stdout)")

        // On to closure: the record keeps the concern and what was done.
        let rest = MP.stages(MP.agreement, MP.session(1, last: true), MP.reflection, MP.closure())
        let closed = try await sandbox.run(["continue", id], lines: rest)
        #expect(closed.exitCode == 0, "\(closed.transcript)")
        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed")
        let escalations = record["escalations"] as? [[String: Any]] ?? []
        #expect(escalations.count == 1, "\(escalations)")
        #expect(escalations.first?["reason"] as? String == concern)
        #expect(escalations.first?["stage"] as? String == "plan")
        #expect(escalations.first?["consulted"] as? String == review[0])
        #expect(escalations.first?["decision"] as? String == "resume")
        let plans = MP.stageRecords(record, stage: "plan")
        #expect(plans.count == 2, "the interrupted plan and the plan after the review")
        #expect(MP.answer(plans.last ?? [:], "exploring") as? String == "Handovers and feelings")
    }

    // MARK: pause

    @Test("pause with a reason after pausing between stages: show says paused with the reason, continue resumes")
    func pauseWithReason() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let started = try await sandbox.run(
            ["start"],
            lines: MP.focus(code: "BR-061", area: "School mornings", exploring: "What the rush feels like") + [
                MP.pauseHere
            ]
        )
        #expect(started.exitCode == 75, "\(started.transcript)")
        let id = try #require(MP.id(in: started.stdout), "no microproject id: \(started.transcript)")

        let pause = try await sandbox.run(["pause", id, "--reason", "family holiday"])
        #expect(
            pause.exitCode == 0,
            "pausing a microproject that is between stages should record the reason: \(pause.transcript)"
        )
        let show = try await sandbox.run(["show", id])
        let status = MP.statusLine(show.stdout) ?? ""
        #expect(
            status.contains("paused") && !status.contains("family holiday"),
            "a pause reason is sensitive: \(show.stdout)"
        )
        let showAll = try await sandbox.run(["show", id, "--include-sensitive"])
        #expect(MP.statusLine(showAll.stdout)?.contains("family holiday") == true, "\(showAll.stdout)")

        let resumed = try await sandbox.run(["continue", id], lines: MP.safety() + [MP.pauseHere])
        #expect(resumed.exitCode == 75, "\(resumed.transcript)")
        #expect(MP.stageHeaders(resumed.stdout) == [MP.safetyTitle], "\(MP.stageHeaders(resumed.stdout))")
        let after = try await sandbox.run(["show", id])
        #expect(after.stdout.contains("\(MP.safetyTitle): suitable"), "\(after.stdout)")
        #expect(
            !(MP.statusLine(after.stdout)?.contains("family holiday") ?? false),
            "the old reason stayed: \(after.stdout)"
        )
    }
}
