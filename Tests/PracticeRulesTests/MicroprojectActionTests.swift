import Testing

@testable import PracticeRules

/// The actions the machine returns: what a driver does after each event, and for a microproject it loads again.
@Suite struct MicroprojectActionTests {
    static func ask(_ stage: Stage, _ why: StageRun.Reason = .firstTime) -> MicroprojectAction {
        .askToCarryOn(next: StageRun(stage, why))
    }

    static func runs(_ stage: Stage, _ why: StageRun.Reason = .firstTime) -> MicroprojectAction {
        .runStage(StageRun(stage, why))
    }

    static func today(_ run: Run) -> String { TimeLimit.day(millis: run.clock) }

    // MARK: The guide's cycle

    /// focus → safety → type → entry check → [the consult, for the types that have one] → plan → agreement →
    /// sessions → reflection → closure, each step the action after the one before.
    @Test(arguments: MicroprojectType.allCases)
    func theActionAfterEachStageIsTheGuidesNextStep(type: MicroprojectType) throws {
        var run = Run()
        #expect(run.machine.nextAction(today: Self.today(run)) == Self.runs(.focus))
        #expect(try run.complete(.focus, "defined", Facts.focus) == Self.ask(.safety))
        #expect(try run.complete(.safety, "suitable", Facts.safetyGeneral) == Self.ask(.typeDecision))
        #expect(
            try run.complete(.typeDecision, "decided", ["type": Facts.typeChoice[type]!])
                == .checkEntryRequirements(type)
        )
        let hasConsult = !ConsultRoles.required(for: type).isEmpty
        #expect(try run.feed(.eligibilityChecked(missing: [])) == Self.ask(hasConsult ? .consult : .plan))
        if hasConsult { #expect(try run.complete(.consult, "agreed", Facts.consult) == Self.ask(.plan)) }
        let planned = type.coreSessions
        #expect(try run.complete(.plan, "planned", Facts.plan(type)) == Self.ask(.agreement))
        #expect(
            try run.complete(.agreement, "agreed", Facts.agreement)
                == Self.ask(.session, .session(number: 1, planned: planned))
        )
        let sessions = planned ?? 3
        for n in 1...sessions {
            let next = try run.complete(.session, "logged", Facts.session(last: n == sessions))
            #expect(
                next
                    == (n == sessions
                        ? Self.ask(.reflection) : Self.ask(.session, .session(number: n + 1, planned: planned)))
            )
        }
        #expect(try run.complete(.reflection, "reflected", Facts.reflection) == Self.ask(.closure))
        #expect(
            try run.complete(.closure, "ready", Facts.closureReady) == .close(reason: "Every closure criterion holds.")
        )
        #expect(run.machine.nextAction(today: Self.today(run)) == .finished(reason: "Every closure criterion holds."))
    }

    @Test func stagesThatEndTheMicroprojectSayCloseWithTheReason() throws {
        var scope = Run()
        #expect(
            try scope.complete(.focus, "out-of-scope", ["in-scope": "no"])
                == .close(reason: "The focus is outside microproject scope; see the signpost in the focus definition.")
        )
        var unsuitable = Run()
        try unsuitable.complete(.focus, "defined", Facts.focus)
        #expect(
            try unsuitable.complete(.safety, "not-suitable", ["crisis": "yes"])
                == .close(reason: "Not a microproject for now: the suitability check gave a signpost to other support.")
        )
        var declined = Run()
        try declined.toPlan(.universalPrevention)
        try declined.complete(.plan, "planned", Facts.plan(.universalPrevention))
        #expect(
            try declined.complete(.agreement, "not-agreed", ["voluntary": "no"])
                == .close(reason: "The participant chose not to take part. The Community Wheel stays open to them.")
        )
    }

    // MARK: Pauses, waits, revisits and repeats

    @Test func missingEntryRequirementsWaitAndAComebackChecksAgain() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        try run.complete(.typeDecision, "decided", ["type": "supported"])
        #expect(
            try run.feed(.eligibilityChecked(missing: ["a valid licence"]))
                == .waitForEntryRequirements(.supportedLearning, missing: ["a valid licence"])
        )
        let reason = "Waiting for the entry requirements of Type 3: Supported Learning: a valid licence"
        #expect(run.machine.nextAction(today: Self.today(run)) == .resume(reason: reason))
        #expect(try run.feed(.resumed) == .checkEntryRequirements(.supportedLearning))
        #expect(try run.feed(.eligibilityChecked(missing: [])) == Self.ask(.consult))
    }

    @Test func aPauseBetweenStagesStopsAndAComebackResumesTheStageDue() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        #expect(
            try run.feed(.paused(reason: "Paused between stages.", generated: true))
                == .paused(reason: "Paused between stages.")
        )
        #expect(run.machine.nextAction(today: Self.today(run)) == .resume(reason: "Paused between stages."))
        #expect(try run.feed(.resumed) == Self.runs(.safety))
    }

    @Test func anAgreementNotYetInPlaceWaitsAndRunsAgain() throws {
        var run = Run()
        try run.toPlan(.earlyConcern)
        try run.complete(.plan, "planned", Facts.plan(.earlyConcern))
        let reason = "The agreement is not in place yet; revisit it when the participant is ready."
        #expect(try run.complete(.agreement, "not-yet", ["purpose": "no"]) == .waiting(reason: reason, canReopen: []))
        #expect(try run.feed(.resumed) == Self.runs(.agreement, .again))
    }

    @Test func aClosureThatStaysOpenOffersTheStagesToReopenAndTheRevisitReturnsToClosure() throws {
        var run = Run()
        try run.toClosure(.universalPrevention)
        let checklist = Facts.closureReady.merging(["learning-recorded": "no"]) { _, b in b }
        let reason = "Still open: learning has been recorded (closure checklist)"
        let offered: [Stage] = [.focus, .safety, .plan, .agreement, .reflection]
        #expect(try run.complete(.closure, "not-ready", checklist) == .waiting(reason: reason, canReopen: offered))
        #expect(run.machine.reopenOffered == offered)
        #expect(try run.feed(.reopened(stage: .reflection)) == .resume(reason: reason))
        #expect(try run.feed(.resumed) == Self.runs(.reflection, .revisit(returnTo: .closure)))
        #expect(try run.complete(.reflection, "reflected", Facts.reflection) == Self.ask(.closure, .again))
        #expect(run.machine.reopenOffered.isEmpty)
        #expect(
            try run.complete(.closure, "ready", Facts.closureReady) == .close(reason: "Every closure criterion holds.")
        )
    }

    @Test func aReopenedPlanDuringTheSessionsIsARevisitThatReturnsToTheNextSession() throws {
        var run = Run()
        try run.toSessions(.supportedLearning)
        try run.complete(.session, "logged", Facts.session(last: false))
        #expect(try run.feed(.reopened(stage: .plan)) == Self.runs(.plan, .revisit(returnTo: .session)))
        #expect(
            try run.complete(.plan, "planned", Facts.plan(.supportedLearning))
                == Self.ask(.session, .session(number: 2, planned: 6))
        )
    }

    /// Type 4's closure waits for every core session: the repeat session logs come out numbered, then closure again.
    @Test func typeFourClosureSendsBackToTheMissingSessionsByNumber() throws {
        var run = Run()
        try run.toSessions(.complexEngagement)
        try run.complete(.session, "logged", Facts.session(last: false))
        try run.complete(.session, "logged", Facts.session(last: true))
        try run.complete(.reflection, "reflected", Facts.reflection)
        guard case .waiting(let reason, let offered) = try run.complete(.closure, "ready", Facts.closureReady) else {
            Issue.record("closure with 2 of 6 core sessions did not wait")
            return
        }
        #expect(reason.contains("sessions 3, 4, 5 and 6 have no log yet"))
        #expect(offered == [.focus, .safety, .plan, .agreement, .reflection])
        #expect(try run.feed(.resumed) == Self.runs(.session, .session(number: 3, planned: 6)))
        for n in 3...6 {
            let next = try run.complete(.session, "logged", Facts.session(last: n == 6))
            #expect(
                next == (n == 6 ? Self.ask(.closure, .again) : Self.ask(.session, .session(number: n + 1, planned: 6)))
            )
        }
    }

    @Test func aConcernWaitsForTheReviewWhichThenResumesTheStage() throws {
        var run = Run()
        try run.toPlan(.supportedLearning)
        let reason = "A concern was raised during step 3: plan the microproject: a worry"
        #expect(
            try run.complete(.plan, "escalate", [:], concern: "a worry") == .awaitEscalationReview(reason: reason)
        )
        #expect(run.machine.nextAction(today: Self.today(run)) == Self.runs(.escalationReview))
        #expect(try run.complete(.escalationReview, "resume", Facts.review) == Self.ask(.plan, .afterConcern))
        var close = Facts.review
        close["decision"] = "close"
        var closing = Run()
        try closing.toSessions(.earlyConcern)
        try closing.complete(.session, "escalate", [:], concern: "risk")
        #expect(
            try closing.complete(.escalationReview, "close", close)
                == .close(reason: "Closed after a concern, following the escalation review.")
        )
    }

    /// Past the planned end, a comeback first decides: extend the date or move on to reflection and closure.
    @Test func anOverdueMicroprojectDecidesBeforeAnythingElse() throws {
        var run = Run()
        try run.toSessions(.supportedLearning)
        let late = "2027-04-01"
        #expect(run.machine.nextAction(today: "2027-03-31") == Self.runs(.session, .session(number: 1, planned: 6)))
        #expect(run.machine.nextAction(today: late) == .decideOverdue(plannedEnd: "2027-03-31"))

        var extended = run
        #expect(
            try extended.feed(.endDateExtended(to: "2027-06-30", reason: "the family moved"))
                == Self.runs(.session, .session(number: 1, planned: 6))
        )
        var moved = run
        #expect(try moved.feed(.movedToClosure) == Self.runs(.reflection))
        var paused = run
        try paused.feed(.paused(reason: "Past its planned end date (2027-03-31)."))
        #expect(paused.machine.nextAction(today: late) == .decideOverdue(plannedEnd: "2027-03-31"))
        #expect(
            try paused.feed(.movedToClosure) == .resume(reason: "Past its planned end date (2027-03-31).")
        )

        // A concern comes first: the review runs whatever the date.
        var concern = run
        try concern.complete(.session, "escalate", [:], concern: "worry")
        #expect(concern.machine.nextAction(today: late) == Self.runs(.escalationReview))
        // From reflection on, the end date is no longer the question.
        var reflecting = run
        try reflecting.complete(.session, "logged", Facts.session(last: true))
        #expect(reflecting.machine.nextAction(today: late) == Self.runs(.reflection))
    }

    // MARK: Closure items still open, from the project alone

    @Test func openClosureItemsComeFromTheProjectWithoutAChecklist() throws {
        var run = Run()
        try run.toSessions(.complexEngagement)
        for _ in 1...2 { try run.complete(.session, "logged", Facts.session(last: false)) }
        #expect(
            run.machine.openClosureItems == Closure.reflectionItems.map { "reflection: \($0.title)" } + [
                "the enhanced tracker has 2 of 6 core session entries; sessions 3, 4, 5 and 6 have no log yet (log "
                    + "each one, or log that it did not take place, with the reason)"
            ]
        )
        for n in 3...6 { try run.complete(.session, "logged", Facts.session(last: n == 6)) }
        var partial = Facts.reflection
        partial["learning"] = nil
        try run.complete(.reflection, "reflected", partial)
        #expect(run.machine.openClosureItems == ["reflection: what learning emerged for future practice"])

        var ready = Run()
        try ready.toClosure(.universalPrevention)
        #expect(ready.machine.openClosureItems.isEmpty)
        // The items the checklist cannot change are those the whole check adds to its own "no" answers.
        let checklist = StageResult(
            stage: .closure,
            sessionID: "c",
            outcome: "not-ready",
            facts: ["focus-explored": "no"]
        )
        #expect(
            Closure.openItems(run.project, checklist: checklist)
                == ["the planned focus has been explored (closure checklist)"] + run.machine.openClosureItems
        )
    }

    @Test func anUnreviewedConcernIsAnOpenClosureItem() {
        var p = Microproject(id: "mp", practitionerID: "sam")
        p.completed = [StageResult(stage: .reflection, sessionID: "s0", outcome: "reflected", facts: Facts.reflection)]
        p.escalations = [Escalation(stage: .session, sessionID: "s1", reason: "worry", at: 0)]
        #expect(Closure.openBeyondChecklist(p) == ["a concern has no escalation review recorded"])
        p.escalations[0].decision = "resume"
        #expect(Closure.openBeyondChecklist(p).isEmpty)
    }
}
