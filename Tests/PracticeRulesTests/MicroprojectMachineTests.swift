import Foundation
import Testing

@testable import PracticeRules

/// The cycle as a state machine: events in order, and the project checked after each.
@Suite struct MicroprojectMachineTests {
    @Test func newMicroprojectIsActiveWithTheFocusDue() {
        let run = Run()
        #expect(run.project.status == .active)
        #expect(run.project.due == .focus)
        #expect(run.project.practitionerID == "sam")
        #expect(run.machine.journal == [.created(practitionerID: "sam")])
    }

    @Test func wholeTypeOneCycle() throws {
        var run = Run()

        try run.complete(.focus, "defined", Facts.focus)
        #expect(run.project.status == .active)
        #expect(run.project.due == .safety)
        #expect(run.project.participant == "BR-014")
        #expect(run.project.focusAreas == ["how mornings go", "bedtime misunderstandings"])

        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        #expect(run.project.due == .typeDecision)
        #expect(run.project.suggestion?.type == .universalPrevention)

        try run.complete(.typeDecision, "decided", ["type": "universal"])
        #expect(run.project.type == .universalPrevention)
        #expect(run.project.trackerLevel == .optional)
        #expect(run.project.due == .plan)
        #expect(!run.project.eligibleChecked)

        try run.feed(.eligibilityChecked(missing: []))
        #expect(run.project.eligibleChecked)
        #expect(run.project.status == .active)
        #expect(run.project.due == .plan)

        try run.complete(.plan, "planned", ["end-date": "2027-03-31", "community-wheel": "monthly-session"])
        #expect(run.project.due == .agreement)
        #expect(run.project.plannedEnd == "2027-03-31")
        #expect(run.project.communityWheelOffered == "monthly-session")
        #expect(run.project.sessionsPlanned == nil)  // Type 1: no structured sessions

        try run.complete(.agreement, "agreed", Facts.agreement)
        #expect(run.project.due == .session)

        try run.complete(.session, "logged", Facts.session(last: true))
        #expect(run.project.sessionsLogged == 1)
        #expect(run.project.due == .reflection)

        try run.complete(.reflection, "reflected", Facts.reflection)
        #expect(run.project.due == .closure)
        #expect(Closure.reflection(run.project) == Facts.reflection)

        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
        #expect(run.project.statusReason?.contains("closure criterion holds") == true)
        #expect(run.project.communityWheelTakenUp == "yes")
        #expect(
            run.project.completed.map(\.stage) == [
                .focus, .safety, .typeDecision, .plan, .agreement, .session, .reflection, .closure,
            ]
        )
        #expect(run.project.escalations.isEmpty)
        #expect(
            run.machine.journal.map(\.kind) == [
                "created", "stage-completed", "stage-completed", "stage-completed", "eligibility-checked",
                "stage-completed", "stage-completed", "stage-completed", "stage-completed", "stage-completed",
            ]
        )
    }

    @Test(arguments: [
        ("universal", MicroprojectType.universalPrevention), ("early", .earlyConcern),
        ("supported", .supportedLearning), ("complex", .complexEngagement),
    ])
    func typeDecisionValues(value: String, type: MicroprojectType) throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        try run.complete(.typeDecision, "decided", ["type": value])
        #expect(run.project.type == type)
        // The practitioner may choose a type other than the suggestion; both are kept.
        #expect(run.project.suggestion?.type == .universalPrevention)
    }

    @Test func typeDecisionValuesAreTheScriptsChoices() throws {
        let script = try PackageFiles.script("type-decision")
        for value in Facts.typeChoice.values { #expect(script.contains("- \(value): ")) }
    }

    // MARK: The priorities consult

    /// Type 1 has no consult (ConsultRoles.required is empty): the type decision leads straight to the plan.
    @Test func typeOneSkipsTheConsult() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        try run.complete(.typeDecision, "decided", ["type": "universal"])
        #expect(run.project.due == .plan)
        try run.feed(.eligibilityChecked(missing: []))
        #expect(
            run.refuse(.stageCompleted(run.result(.consult, "agreed", Facts.consult)))
                == "the stage due is plan, not consult"
        )
        try run.complete(.plan, "planned", Facts.plan(.universalPrevention))
        #expect(run.project.due == .agreement)
        #expect(run.project.priorities.isEmpty)
        #expect(!run.project.completed.map(\.stage).contains(.consult))
    }

    @Test(arguments: [MicroprojectType.earlyConcern, .supportedLearning, .complexEngagement])
    func typesTwoToFourRequireTheConsultBeforeThePlan(type: MicroprojectType) throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        try run.complete(.typeDecision, "decided", ["type": Facts.typeChoice[type]!])
        #expect(run.project.type == type)
        #expect(run.project.due == .consult)
        #expect(!run.project.eligibleChecked)
        try run.feed(.eligibilityChecked(missing: []))
        #expect(run.project.due == .consult)
        #expect(
            run.refuse(.stageCompleted(run.result(.plan, "planned", Facts.plan(type))))
                == "the stage due is consult, not plan"
        )

        try run.complete(.consult, "agreed", Facts.consult)
        #expect(run.project.status == .active)
        #expect(run.project.due == .plan)
        run.refuse(.stageCompleted(run.result(.consult, "agreed", Facts.consult)))  // not twice
        try run.complete(.plan, "planned", Facts.plan(type))
        #expect(run.project.due == .agreement)
        #expect(run.project.completed.map(\.stage) == [.focus, .safety, .typeDecision, .consult, .plan])
    }

    @Test func theConsultRecordsUpToThreePriorities() throws {
        var run = Run()
        try run.toConsult(.complexEngagement)
        var facts = Facts.consult
        facts["priorities.3.priority"] = "time together at the weekend"
        facts["priorities.4.priority"] = "never read: the script asks for three at most"
        try run.complete(.consult, "agreed", facts)
        #expect(
            run.project.priorities == [
                "leaving the house without shouting", "a calm word before school", "time together at the weekend",
            ]
        )
        // The consult's other answers are in its session's record, not in the microproject's state.
        #expect(run.project.completed.last?.facts["support-route"] == "sessions,community-wheel")
        try run.complete(.plan, "planned", Facts.plan(.complexEngagement))
        #expect(run.project.priorities.count == 3)  // the plan keeps them
    }

    @Test func aSingleAgreedPriorityIsEnough() throws {
        var run = Run()
        try run.toConsult(.earlyConcern)
        try run.complete(.consult, "agreed", ["priorities.1.priority": "calmer mornings"])
        #expect(run.project.priorities == ["calmer mornings"])
        #expect(run.project.due == .plan)
    }

    /// A concern in the consult: no priorities are taken from the stopped session; the review resumes the consult,
    /// and the entry requirements need no second check.
    @Test func aConcernInTheConsultRecordsNoPrioritiesAndResumesTheConsult() throws {
        var run = Run()
        try run.toConsult(.supportedLearning)
        try run.complete(
            .consult,
            "escalate",
            ["priorities.1.priority": "typed before the concern"],
            concern: "a disclosure in the consult"
        )
        #expect(run.project.status == .escalated)
        #expect(run.project.interrupted == .consult)
        #expect(run.project.priorities.isEmpty)
        #expect(run.project.statusReason?.contains("the priorities consult") == true)
        run.refuse(.stageCompleted(run.result(.consult, "agreed", Facts.consult)))

        try run.complete(.escalationReview, "resume", Facts.review)
        #expect(run.project.due == .consult)
        #expect(run.project.eligibleChecked)
        try run.complete(.consult, "agreed", Facts.consult)
        #expect(run.project.priorities == ["leaving the house without shouting", "a calm word before school"])
        #expect(run.project.due == .plan)
    }

    @Test func consultReadsTheScriptsPriorities() throws {
        let script = try PackageFiles.script("priorities-consult")
        #expect(script.contains("script: priorities-consult\n"))
        for id in ["priorities", "priority", "agreed", "escalate"] {
            #expect(script.contains("- id: \(id)\n"), "priorities-consult.yaml: \(id)")
        }
        #expect(script.contains("max: 3\n"))
        #expect(try PackageFiles.script("planning").contains("{context.priorities}"))
    }

    @Test func outOfOrderStageIsRefusedAndChangesNothing() throws {
        var run = Run()
        #expect(run.refuse(.stageCompleted(run.result(.safety, "suitable"))) == "the stage due is focus, not safety")
        run.refuse(.stageCompleted(run.result(.closure, "ready", Facts.closureReady)))
        run.refuse(.stageCompleted(run.result(.escalationReview, "resume", Facts.review)))
        try run.complete(.focus, "defined", Facts.focus)
        run.refuse(.stageCompleted(run.result(.focus, "defined", Facts.focus)))  // not twice
        run.refuse(.stageCompleted(run.result(.plan, "planned", Facts.plan(.universalPrevention))))
        #expect(run.project.due == .safety)
        #expect(run.project.completed.count == 1)
        #expect(run.machine.journal.count == 2)
    }

    @Test func secondCreatedIsRefused() {
        var run = Run()
        #expect(run.refuse(.created(practitionerID: "sam")).contains("already created"))
    }

    /// `apply` promises that a refused event changes nothing. A type decision with no `type` answer is refused after
    /// the stage result was taken in; it must not stay among the completed stages (the journal would no longer
    /// replay to the state).
    @Test func typeDecisionWithoutATypeIsRefusedAndChangesNothing() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        #expect(
            run.refuse(.stageCompleted(run.result(.typeDecision, "decided", [:])))
                == "the type decision has no type answer"
        )
        #expect(
            run.refuse(.stageCompleted(run.result(.typeDecision, "decided", ["type": "type-5"])))
                == "the type decision has no type answer"
        )
    }

    @Test func outOfScopeFocusCloses() throws {
        var run = Run()
        try run.complete(
            .focus,
            "out-of-scope",
            ["participant-code": "BR-014", "focus-areas.1.area": "a crisis", "in-scope": "no"]
        )
        #expect(run.project.status == .closed)
        #expect(run.project.statusReason?.contains("outside microproject scope") == true)
        run.refuse(.stageCompleted(run.result(.safety, "suitable")))
    }

    @Test func notSuitableSafetyCheckClosesWithASignpost() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "not-suitable", ["crisis": "yes"])
        #expect(run.project.status == .closed)
        #expect(run.project.statusReason?.contains("signpost") == true)
        #expect(run.project.type == nil)
    }

    @Test func focusKeepsAtMostThreeAreas() throws {
        var run = Run()
        var facts = Facts.focus
        facts["focus-areas.3.area"] = "school run"
        facts["focus-areas.4.area"] = "never read"
        try run.complete(.focus, "defined", facts)
        #expect(run.project.focusAreas == ["how mornings go", "bedtime misunderstandings", "school run"])
    }

    // MARK: Safeguarding and escalation

    @Test func safetyStopInThePlanEscalatesAndTheReviewResumesThePlan() throws {
        var run = Run()
        try run.toPlan(.earlyConcern)

        try run.complete(.plan, "escalate", [:], concern: "a disclosure during planning")
        let stopAt = run.clock
        #expect(run.project.status == .escalated)
        #expect(run.project.due == .escalationReview)
        #expect(run.project.interrupted == .plan)
        #expect(run.project.statusReason?.contains("a disclosure during planning") == true)
        #expect(run.project.statusReason?.contains("step 3: plan the microproject") == true)
        #expect(run.project.plannedEnd == nil)  // the plan did not take effect
        let concern = try #require(run.project.escalations.first)
        #expect(concern.stage == .plan)
        #expect(concern.reason == "a disclosure during planning")
        #expect(concern.at == stopAt)
        #expect(concern.decision == nil)

        // Nothing but the review may happen now.
        #expect(run.refuse(.resumed) == "an escalated microproject carries on only after the escalation review")
        run.refuse(.paused(reason: "later"))
        run.refuse(.stageCompleted(run.result(.plan, "planned", Facts.plan(.earlyConcern))))
        run.refuse(.eligibilityChecked(missing: []))

        try run.complete(.escalationReview, "resume", Facts.review)
        #expect(run.project.status == .active)
        #expect(run.project.statusReason == nil)
        #expect(run.project.due == .plan)
        #expect(run.project.interrupted == nil)
        let reviewed = try #require(run.project.escalations.first)
        #expect(reviewed.consulted == "designated safeguarding lead")
        #expect(reviewed.procedure == "school safeguarding procedure")
        #expect(reviewed.decision == "resume")
        #expect(reviewed.reviewSessionID == run.project.completed.last?.sessionID)

        try run.complete(.plan, "planned", Facts.plan(.earlyConcern))
        #expect(run.project.due == .agreement)
    }

    @Test func escalationReviewCanClose() throws {
        var run = Run()
        try run.toSessions(.supportedLearning)
        try run.complete(.session, "escalate", [:], concern: "risk escalated")
        #expect(run.project.status == .escalated)
        #expect(run.project.interrupted == .session)
        var close = Facts.review
        close["decision"] = "close"
        try run.complete(.escalationReview, "close", close)
        #expect(run.project.status == .closed)
        #expect(run.project.statusReason == "Closed after a concern, following the escalation review.")
        #expect(run.project.escalations.first?.decision == "close")
        run.refuse(.stageCompleted(run.result(.session, "logged", Facts.session(last: true))))
    }

    @Test(arguments: [Stage.focus, .safety, .typeDecision, .consult, .agreement, .reflection, .closure])
    func aConcernInAnyStageResumesThatStage(stage: Stage) throws {
        var run = Run()
        let order: [Stage] = [
            .focus, .safety, .typeDecision, .consult, .plan, .agreement, .session, .reflection, .closure,
        ]
        for s in order.prefix(while: { $0 != stage }) {
            switch s {
            case .focus: try run.complete(.focus, "defined", Facts.focus)
            case .safety: try run.complete(.safety, "suitable", Facts.safetyGeneral)
            case .typeDecision:
                try run.complete(.typeDecision, "decided", ["type": "early"])
                try run.feed(.eligibilityChecked(missing: []))
            case .consult: try run.complete(.consult, "agreed", Facts.consult)
            case .plan: try run.complete(.plan, "planned", Facts.plan(.earlyConcern))
            case .agreement: try run.complete(.agreement, "agreed", Facts.agreement)
            case .session: try run.complete(.session, "logged", Facts.session(last: true))
            case .reflection: try run.complete(.reflection, "reflected", Facts.reflection)
            default: break
            }
        }
        #expect(run.project.due == stage)
        try run.complete(stage, "escalate", [:], concern: "worry")
        #expect(run.project.status == .escalated)
        #expect(run.project.due == .escalationReview)
        #expect(run.project.interrupted == stage)
        try run.complete(.escalationReview, "resume", Facts.review)
        #expect(run.project.status == .active)
        #expect(run.project.due == stage)
    }

    /// A new concern raised during the escalation review itself: the review escalates again, and the next review
    /// answers every open concern. The microproject must then be able to close (it once stayed blocked forever on
    /// "a concern has no escalation review recorded").
    @Test func aConcernDuringTheReviewDoesNotBlockClosureForever() throws {
        var run = Run()
        try run.toPlan(.universalPrevention)
        try run.complete(.plan, "escalate", [:], concern: "first worry")
        try run.complete(.escalationReview, "escalate", [:], concern: "second worry")
        #expect(run.project.status == .escalated)
        #expect(run.project.due == .escalationReview)
        #expect(run.project.interrupted == .plan)
        #expect(run.project.escalations.map(\.stage) == [.plan, .escalationReview])

        try run.complete(.escalationReview, "resume", Facts.review)
        // Either the review covers both concerns, or the other one still needs its own review before carrying on.
        let unreviewed = run.project.escalations.filter { $0.decision == nil }
        #expect(
            unreviewed.isEmpty || run.project.due == .escalationReview,
            "the microproject carries on to \(run.project.due.rawValue) while a concern has no review: \(unreviewed.map(\.reason))"
        )

        guard run.project.due == .plan else { return }
        try run.complete(.plan, "planned", Facts.plan(.universalPrevention))
        try run.complete(.agreement, "agreed", Facts.agreement)
        try run.complete(.session, "logged", Facts.session(last: true))
        try run.complete(.reflection, "reflected", Facts.reflection)
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed, "closure refused: \(run.project.statusReason ?? "")")
    }

    @Test func escalationReviewReadsTheScriptsAnswers() throws {
        let script = try PackageFiles.script("escalation-review")
        for id in ["consulted", "procedure", "decision"] { #expect(script.contains("- id: \(id)\n")) }
        for outcome in ["resume", "close"] { #expect(script.contains("- id: \(outcome)\n")) }
    }

    // MARK: Pausing and resuming

    @Test func pauseAndResumeRules() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)

        #expect(run.refuse(.resumed) == "only a paused microproject can be resumed (this one is active)")
        try run.feed(.paused(reason: "Paused between stages."))
        #expect(run.project.status == .paused)
        #expect(run.project.statusReason == "Paused between stages.")
        #expect(run.project.due == .safety)
        // Pausing again just records the newer reason.
        try run.feed(.paused(reason: "Paused during step 2."))
        #expect(run.project.status == .paused)
        #expect(run.project.statusReason == "Paused during step 2.")

        try run.feed(.resumed)
        #expect(run.project.status == .active)
        #expect(run.project.statusReason == nil)
        #expect(run.project.due == .safety)

        // A paused microproject may also carry on by completing the stage that is due.
        try run.feed(.paused(reason: "Paused during step 2."))
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        #expect(run.project.status == .active)
        #expect(run.project.due == .typeDecision)
    }

    @Test func escalatedCannotBeResumedOrPaused() throws {
        var run = Run()
        try run.complete(.focus, "escalate", [:], concern: "worry")
        #expect(run.refuse(.resumed) == "an escalated microproject carries on only after the escalation review")
        #expect(
            run.refuse(.paused(reason: "x"))
                == "it is already paused after a concern; it carries on only after the escalation review"
        )
        #expect(run.project.status == .escalated)
    }

    static let afterClosed: [MicroprojectEvent] = [
        .paused(reason: "later"), .resumed, .eligibilityChecked(missing: []), .created(practitionerID: "sam"),
        .stageCompleted(StageResult(stage: .closure, sessionID: "x", outcome: "ready", facts: Facts.closureReady)),
        .stageCompleted(StageResult(stage: .escalationReview, sessionID: "x", outcome: "resume", facts: Facts.review)),
        .stageCompleted(
            StageResult(stage: .closure, sessionID: "x", outcome: "escalate", safetyStop: true, reason: "late worry")
        ),
    ]

    @Test(arguments: afterClosed)
    func nothingHappensAfterClosed(event: MicroprojectEvent) throws {
        var run = Run()
        try run.toClosure(.universalPrevention)
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
        #expect(run.refuse(event) == "microproject mp-test is closed; nothing more can happen to it")
    }

    // MARK: Entry requirements

    @Test func missingEntryRequirementsPauseUntilMet() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        try run.complete(.typeDecision, "decided", ["type": "supported"])

        try run.feed(.eligibilityChecked(missing: ["Deep Dive is not recorded as completed", "a valid licence"]))
        #expect(run.project.status == .paused)
        #expect(!run.project.eligibleChecked)
        #expect(run.project.due == .consult)
        #expect(
            run.project.statusReason
                == "Waiting for the entry requirements of Type 3: Supported Learning: Deep Dive is not recorded as completed; a valid licence"
        )

        // Checked again on `continue`: still missing, still paused, with the new list.
        try run.feed(.eligibilityChecked(missing: ["a valid licence"]))
        #expect(run.project.status == .paused)
        #expect(run.project.statusReason?.hasSuffix(": a valid licence") == true)

        try run.feed(.eligibilityChecked(missing: []))
        #expect(run.project.status == .active)
        #expect(run.project.statusReason == nil)
        #expect(run.project.eligibleChecked)
        #expect(run.project.due == .consult)

        try run.complete(.consult, "agreed", Facts.consult)
        #expect(run.project.due == .plan)
        try run.complete(.plan, "planned", Facts.plan(.supportedLearning))
        #expect(run.project.due == .agreement)
        #expect(run.project.sessionsPlanned == 6)
    }

    @Test func entryRequirementsAreCheckedOnlyOnceTheTypeIsChosen() throws {
        var run = Run()
        #expect(
            run.refuse(.eligibilityChecked(missing: [])) == "entry requirements are checked once the type is chosen"
        )
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        run.refuse(.eligibilityChecked(missing: []))
        try run.toPlanFromTypeDecision(.earlyConcern)
        try run.complete(.plan, "planned", Facts.plan(.earlyConcern))
        run.refuse(.eligibilityChecked(missing: []))  // the plan has started: too late to check
    }

    /// The check runs when the consult is due (Types 2 to 4) or the plan is (Type 1), and only then.
    @Test(arguments: MicroprojectType.allCases)
    func entryRequirementsAreCheckedWhenTheConsultOrThePlanIsDue(type: MicroprojectType) throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        try run.complete(.typeDecision, "decided", ["type": Facts.typeChoice[type]!])
        let due: Stage = type == .universalPrevention ? .plan : .consult
        #expect(run.project.due == due)
        try run.feed(.eligibilityChecked(missing: ["Link training is not recorded as completed"]))
        #expect(run.project.status == .paused)
        #expect(run.project.due == due)
        try run.feed(.eligibilityChecked(missing: []))
        #expect(run.project.status == .active)
        #expect(run.project.eligibleChecked)
        #expect(run.project.due == due)
    }

    /// Guide section 1: "Before starting a Microproject, practitioners must have" the pathways, licence and
    /// approval; design.md: otherwise the start is refused. The plan is where Type 1 starts, so the rules
    /// themselves (not only the CLI) refuse it before the entry requirements were checked and met.
    @Test func planIsRefusedUntilTheEntryRequirementsAreMet() throws {
        let refusal = "the plan starts only once the entry requirements for the type are met"
        var unchecked = Run()
        try unchecked.complete(.focus, "defined", Facts.focus)
        try unchecked.complete(.safety, "suitable", Facts.safetyGeneral)
        try unchecked.complete(.typeDecision, "decided", ["type": "universal"])
        #expect(
            unchecked.refuse(.stageCompleted(unchecked.result(.plan, "planned", Facts.plan(.universalPrevention))))
                == refusal
        )

        var unmet = unchecked
        try unmet.feed(.eligibilityChecked(missing: ["Link training is not recorded as completed"]))
        #expect(
            unmet.refuse(.stageCompleted(unmet.result(.plan, "planned", Facts.plan(.universalPrevention))))
                == refusal
        )
        try unmet.feed(.resumed)  // resuming does not stand in for the check
        #expect(
            unmet.refuse(.stageCompleted(unmet.result(.plan, "planned", Facts.plan(.universalPrevention))))
                == refusal
        )

        try unmet.feed(.eligibilityChecked(missing: []))
        try unmet.complete(.plan, "planned", Facts.plan(.universalPrevention))
        #expect(unmet.project.due == .agreement)
    }

    /// For Types 2 to 4 the consult is where the chosen type starts: it is refused the same way.
    @Test(arguments: [MicroprojectType.earlyConcern, .supportedLearning, .complexEngagement])
    func consultIsRefusedUntilTheEntryRequirementsAreMet(type: MicroprojectType) throws {
        var unchecked = Run()
        try unchecked.complete(.focus, "defined", Facts.focus)
        try unchecked.complete(.safety, "suitable", Facts.safetyGeneral)
        try unchecked.complete(.typeDecision, "decided", ["type": Facts.typeChoice[type]!])
        #expect(unchecked.project.due == .consult)
        #expect(
            unchecked.refuse(.stageCompleted(unchecked.result(.consult, "agreed", Facts.consult)))
                .contains("only once the entry requirements for the type are met")
        )

        var unmet = unchecked
        try unmet.feed(.eligibilityChecked(missing: ["Lead training is not recorded as completed"]))
        #expect(
            unmet.refuse(.stageCompleted(unmet.result(.consult, "agreed", Facts.consult)))
                .contains("only once the entry requirements for the type are met")
        )
        try unmet.feed(.resumed)  // resuming does not stand in for the check
        unmet.refuse(.stageCompleted(unmet.result(.consult, "agreed", Facts.consult)))
        // Skipping the consult is no way round it either.
        #expect(
            unmet.refuse(.stageCompleted(unmet.result(.plan, "planned", Facts.plan(type))))
                == "the stage due is consult, not plan"
        )

        try unmet.feed(.eligibilityChecked(missing: []))
        try unmet.complete(.consult, "agreed", Facts.consult)
        try unmet.complete(.plan, "planned", Facts.plan(type))
        #expect(unmet.project.due == .agreement)
    }

    @Test func planAfterAConcernNeedsNoSecondCheck() throws {
        var run = Run()
        try run.toPlan(.supportedLearning)
        try run.complete(.plan, "escalate", [:], concern: "worry")
        try run.complete(.escalationReview, "resume", Facts.review)
        #expect(run.project.eligibleChecked)
        try run.complete(.plan, "planned", Facts.plan(.supportedLearning))
        #expect(run.project.due == .agreement)
    }

    // MARK: Plan, agreement and sessions

    @Test(arguments: [
        (MicroprojectType.universalPrevention, [:] as [String: String], nil as Int?),
        (.earlyConcern, [:], nil),
        (.supportedLearning, ["sessions": "6"], 6),
        (.supportedLearning, [:], 6),  // the guide's six structured sessions when the plan gives none
        (.supportedLearning, ["sessions": "4", "fewer-sessions-reason": "a shorter block was asked for"], 4),
        (.complexEngagement, ["sessions": "6", "backup-sessions": "2"], 6),  // backups are possible, not planned
        (.complexEngagement, ["sessions": "6", "backup-sessions": "0"], 6),
        (.complexEngagement, [:], 6),
    ])
    func sessionsPlanned(type: MicroprojectType, facts: [String: String], planned: Int?) throws {
        var run = Run()
        try run.toPlan(type)
        try run.complete(
            .plan,
            "planned",
            facts.merging(["end-date": "2027-03-31", "community-wheel": "both"]) { a, _ in a }
        )
        #expect(run.project.sessionsPlanned == planned)
        #expect(run.project.communityWheelOffered == "both")
    }

    @Test func agreementNotYetPausesAndCanBeRunAgain() throws {
        var run = Run()
        try run.toPlan(.earlyConcern)
        try run.complete(.plan, "planned", Facts.plan(.earlyConcern))
        try run.complete(.agreement, "not-yet", ["purpose": "no"])
        #expect(run.project.status == .paused)
        #expect(run.project.due == .agreement)
        #expect(run.project.statusReason?.contains("agreement is not in place yet") == true)

        try run.complete(.agreement, "agreed", Facts.agreement)
        #expect(run.project.status == .active)
        #expect(run.project.due == .session)
    }

    @Test func agreementNotAgreedCloses() throws {
        var run = Run()
        try run.toPlan(.universalPrevention)
        try run.complete(.plan, "planned", Facts.plan(.universalPrevention))
        try run.complete(.agreement, "not-agreed", ["voluntary": "no"])
        #expect(run.project.status == .closed)
        #expect(run.project.statusReason?.contains("Community Wheel stays open") == true)
    }

    @Test func sessionsAreLoggedUntilTheLastOne() throws {
        var run = Run()
        try run.toSessions(.supportedLearning)
        for n in 1...5 {
            try run.complete(.session, "logged", Facts.session(last: false))
            #expect(run.project.sessionsLogged == n)
            #expect(run.project.due == .session)
        }
        try run.complete(.session, "logged", Facts.session(last: true))
        #expect(run.project.sessionsLogged == 6)
        #expect(run.project.due == .reflection)
    }

    // MARK: Closure

    @Test func typeFourClosureWaitsForTheEnhancedTracker() throws {
        var run = Run()
        try run.toSessions(
            .complexEngagement,
            plan: Facts.plan(.complexEngagement).merging(["backup-sessions": "1"]) { _, b in b }
        )
        #expect(run.project.sessionsPlanned == 6)
        #expect(run.project.backupSessionsPossible == 1)
        try run.complete(.session, "logged", Facts.session(last: false))
        try run.complete(.session, "logged", Facts.session(last: true))
        #expect(run.project.due == .reflection)
        try run.complete(.reflection, "reflected", Facts.reflection)
        #expect(!Closure.trackerComplete(run.project))

        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .paused)
        #expect(run.project.due == .session)
        #expect(
            run.project.statusReason
                == "Still open: the enhanced tracker has 2 of 6 core session entries; sessions 3, 4, 5 and 6 have no log "
                + "yet (log each one, or log that it did not take place, with the reason)"
        )

        for n in 3...6 {
            try run.complete(.session, "logged", Facts.session(last: n == 6))
            #expect(run.project.status == .active)
        }
        #expect(Closure.trackerComplete(run.project))
        // The reflection is already done, so the last session leads straight back to the closure checklist.
        #expect(run.project.due == .closure)
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
        #expect(run.project.sessionsLogged == 6)
    }

    /// Issue 10 item 5: each log is for a planned session by its number; closure names the missing ones; a session
    /// that did not take place is logged with its reason and counts as an entry.
    @Test func sessionsAreLoggedByTheirPlannedNumber() throws {
        var run = Run()
        try run.toSessions(.complexEngagement)
        #expect(run.project.nextSessionNumber == 1)
        for n in [1, 2, 3, 5, 6] {
            try run.complete(
                .session,
                "logged",
                Facts.session(last: n == 6).merging(["session-number": "\(n)"]) { _, b in b }
            )
        }
        #expect(run.project.sessionsNotLogged == [4])
        #expect(run.project.nextSessionNumber == 4)
        try run.complete(.reflection, "reflected", Facts.reflection)
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(
            run.project.statusReason?.contains("session 4 has no log yet") == true,
            "\(run.project.statusReason ?? "")"
        )
        let again = run.refuse(
            .stageCompleted(
                StageResult(
                    stage: .session,
                    sessionID: "s-again",
                    outcome: "logged",
                    facts: Facts.session(last: true).merging(["session-number": "5"]) { _, b in b }
                )
            )
        )
        #expect(again == "session 5 is already logged")
        try run.complete(
            .session,
            "logged",
            ["session-number": "4", "took-place": "no", "not-held-reason": "the family was away", "last": "yes"]
        )
        #expect(run.project.sessionsNotHeld == [4: "the family was away"])
        #expect(Closure.trackerComplete(run.project))
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
    }

    /// Issue 10 item 9: "paused and revisited" means an earlier stage can be reopened; once it is done the cycle
    /// returns to the stage that was due, and closure checks again.
    @Test func anEarlierStageCanBeReopenedAndTheCycleReturns() throws {
        var run = Run()
        try run.toClosure(.universalPrevention)
        try run.complete(.closure, "not-ready", Facts.closureReady.merging(["learning-recorded": "no"]) { _, b in b })
        #expect(run.project.status == .paused)
        try run.feed(.reopened(stage: .reflection))
        #expect(run.project.due == .reflection)
        try run.complete(.reflection, "reflected", Facts.reflection)
        #expect(run.project.due == .closure)
        #expect(run.project.revisiting == nil)
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
    }

    @Test func reopeningThePlanDuringSessionsReturnsToTheSessions() throws {
        var run = Run()
        try run.toSessions(.supportedLearning)
        try run.complete(.session, "logged", Facts.session(last: false))
        try run.feed(.reopened(stage: .plan))
        try run.complete(.plan, "planned", Facts.plan(.supportedLearning).merging(["sessions": "8"]) { _, b in b })
        #expect(run.project.due == .session)
        #expect(run.project.sessionsPlanned == 8)
        #expect(run.project.sessionsLogged == 1)
    }

    @Test func whatCannotBeReopened() throws {
        var run = Run()
        try run.toSessions(.supportedLearning)
        #expect(run.refuse(.reopened(stage: .typeDecision)).contains("cannot be reopened"))
        #expect(run.refuse(.reopened(stage: .reflection)).contains("has not been done yet"))
        #expect(run.refuse(.reopened(stage: .session)).contains("cannot be reopened"))
    }

    /// Issue 10 item 7 (docs/readings.md, "Backup sessions"): the guide's "potential additional structured backup
    /// support" is possible, not planned; an unneeded backup session never blocks closure.
    @Test func typeFourBackupSessionsArePotentialAndNeverBlockClosure() throws {
        var run = Run()
        try run.toSessions(
            .complexEngagement,
            plan: Facts.plan(.complexEngagement).merging(["backup-sessions": "2"]) { _, b in b }
        )
        for n in 1...6 { try run.complete(.session, "logged", Facts.session(last: n == 6)) }
        try run.complete(.reflection, "reflected", Facts.reflection)
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed, "\(run.project.statusReason ?? "")")
    }

    /// A backup session logged does not stand in for a missing core session.
    @Test func aBackupSessionDoesNotCountAsACoreSession() throws {
        var run = Run()
        try run.toSessions(
            .complexEngagement,
            plan: Facts.plan(.complexEngagement).merging(["backup-sessions": "1"]) { _, b in b }
        )
        for _ in 1...5 { try run.complete(.session, "logged", Facts.session(last: false)) }
        try run.complete(.session, "logged", Facts.session(last: true).merging(["kind": "backup"]) { _, b in b })
        #expect(run.project.backupSessionsLogged == 1)
        #expect(run.project.plannedSessionsLogged == 5)
        #expect(!Closure.trackerComplete(run.project))
    }

    @Test(arguments: [MicroprojectType.universalPrevention, .earlyConcern, .supportedLearning])
    func backupSessionsAreForTypeFourOnly(type: MicroprojectType) throws {
        var run = Run()
        try run.toSessions(type)
        let refusal = run.refuse(
            .stageCompleted(
                StageResult(
                    stage: .session,
                    sessionID: "s-backup",
                    outcome: "logged",
                    facts: Facts.session(last: false).merging(["kind": "backup"]) { _, b in b }
                )
            )
        )
        #expect(refusal == "backup sessions are for Type 4 only")
    }

    // MARK: Issue 10 item 6: the six sessions

    @Test(arguments: [MicroprojectType.supportedLearning, .complexEngagement])
    func sixSessionsAreTheDefaultAndFewerNeedsAReason(type: MicroprojectType) throws {
        var run = Run()
        try run.toPlan(type)
        var plan = Facts.plan(type)
        plan["sessions"] = "2"
        let refusal = run.refuse(
            .stageCompleted(StageResult(stage: .plan, sessionID: "s-plan", outcome: "planned", facts: plan))
        )
        #expect(refusal.contains("fewer than 6 needs a recorded reason"), "\(refusal)")
        plan["fewer-sessions-reason"] = "The participant asked for a shorter block"
        try run.complete(.plan, "planned", plan)
        #expect(run.project.sessionsPlanned == 2)
        #expect(run.project.fewerSessionsReason == "The participant asked for a shorter block")
        plan.removeValue(forKey: "sessions")
        #expect(try SessionPlan(type: type, facts: plan).sessions == 6)
    }

    @Test(arguments: [MicroprojectType.universalPrevention, .earlyConcern])
    func lightTouchTypesHaveNoSessionCount(type: MicroprojectType) throws {
        let plan = try SessionPlan(type: type, facts: Facts.plan(type).merging(["sessions": "3"]) { _, b in b })
        #expect(plan.sessions == nil)
        #expect(plan.backupPossible == nil)
    }

    @Test(arguments: [MicroprojectType.universalPrevention, .earlyConcern, .supportedLearning])
    func onlyTypeFourNeedsEverySessionLogged(type: MicroprojectType) throws {
        var run = Run()
        try run.toClosure(type)  // one session logged, whatever was planned
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
    }

    @Test(arguments: Closure.criteria.map(\.key))
    func aClosureCriterionAnsweredNoPausesNamingIt(key: String) throws {
        var run = Run()
        try run.toClosure(.earlyConcern)
        var checklist = Facts.closureReady
        checklist[key] = "no"
        try run.complete(.closure, "not-ready", checklist)
        let title = try #require(Closure.criteria.first { $0.key == key }?.title)
        #expect(run.project.status == .paused)
        #expect(run.project.due == .closure)
        #expect(run.project.statusReason == "Still open: \(title) (closure checklist)")

        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
    }

    @Test(arguments: Closure.reflectionItems.map(\.key))
    func aMissingReflectionItemStopsClosure(key: String) throws {
        var run = Run()
        try run.toSessions(.universalPrevention)
        try run.complete(.session, "logged", Facts.session(last: true))
        var reflection = Facts.reflection
        reflection[key] = nil
        try run.complete(.reflection, "reflected", reflection)
        try run.complete(.closure, "ready", Facts.closureReady)
        let title = try #require(Closure.reflectionItems.first { $0.key == key }?.title)
        #expect(run.project.status == .paused)
        #expect(run.project.statusReason == "Still open: reflection: \(title)")
    }

    @Test func closureCriteriaAndReflectionItemsAreTheScriptsQuestions() throws {
        let closure = try PackageFiles.script("closure-checklist")
        for c in Closure.criteria { #expect(closure.contains("- id: \(c.key)\n"), "closure-checklist.yaml: \(c.key)") }
        #expect(closure.contains("- id: community-wheel-taken-up\n"))
        let reflection = try PackageFiles.script("reflection")
        for r in Closure.reflectionItems {
            #expect(reflection.contains("- id: \(r.key)\n"), "reflection.yaml: \(r.key)")
        }
        #expect(Closure.criteria.count == 5)
        #expect(Closure.reflectionItems.count == 5)
    }

    @Test func factsTheMachineReadsAreTheScriptsQuestions() throws {
        #expect(try PackageFiles.script("focus-definition").contains("- id: participant-code\n"))
        #expect(try PackageFiles.script("focus-definition").contains("- id: focus-areas\n"))
        #expect(try PackageFiles.script("focus-definition").contains("- id: area\n"))
        for id in ["end-date", "sessions", "backup-sessions", "community-wheel"] {
            #expect(try PackageFiles.script("planning").contains("- id: \(id)\n"), "planning.yaml: \(id)")
        }
        #expect(try PackageFiles.script("session-log").contains("- id: last\n"))
        #expect(try PackageFiles.script("type-decision").contains("- id: type\n"))
        #expect(try PackageFiles.script("safety-check").contains("- id: suitable\n"))
        for outcome in ["agreed", "not-yet", "not-agreed"] {
            #expect(try PackageFiles.script("agreement").contains("- id: \(outcome)\n"))
        }
    }

    @Test func closureBlocksOnAConcernWithNoReview() throws {
        var p = Microproject(id: "mp", practitionerID: "sam")
        p.escalations = [Escalation(stage: .session, sessionID: "s1", reason: "worry", at: 0)]
        let checklist = StageResult(stage: .closure, sessionID: "s2", outcome: "ready", facts: Facts.closureReady)
        p.completed = [StageResult(stage: .reflection, sessionID: "s0", outcome: "reflected", facts: Facts.reflection)]
        #expect(Closure.openItems(p, checklist: checklist) == ["a concern has no escalation review recorded"])
        p.escalations[0].decision = "resume"
        #expect(Closure.openItems(p, checklist: checklist).isEmpty)
    }

    @Test func latestReflectionCountsAndASafetyStopReflectionDoesNot() {
        var p = Microproject(id: "mp", practitionerID: "sam")
        #expect(Closure.reflection(p) == nil)
        p.completed = [
            StageResult(stage: .reflection, sessionID: "s1", outcome: "reflected", facts: ["noticed": "first"]),
            StageResult(
                stage: .reflection,
                sessionID: "s2",
                outcome: "escalate",
                safetyStop: true,
                facts: ["noticed": "stop"]
            ),
        ]
        #expect(Closure.reflection(p)?["noticed"] == "first")
    }

    // MARK: Replay

    /// A long run with everything in it: pauses, entry requirements, a concern and its review, a refused closure.
    static func longRun() throws -> Run {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.feed(.paused(reason: "Paused between stages."))
        try run.feed(.resumed)
        try run.complete(
            .safety,
            "suitable",
            Facts.safetyGeneral.merging(["need-level": "complex", "prior-support": "yes"]) { _, b in b }
        )
        try run.complete(.typeDecision, "decided", ["type": "complex"])
        try run.feed(.eligibilityChecked(missing: ["Lead training is not recorded as completed"]))
        try run.feed(.resumed)
        try run.feed(.eligibilityChecked(missing: []))
        try run.complete(.consult, "agreed", Facts.consult)
        try run.complete(.plan, "escalate", [:], concern: "a worry while planning")
        try run.complete(.escalationReview, "resume", Facts.review)
        try run.complete(.plan, "planned", Facts.plan(.complexEngagement))
        try run.complete(.agreement, "not-yet", ["purpose": "no"])
        try run.complete(.agreement, "agreed", Facts.agreement)
        for n in 1...3 { try run.complete(.session, "logged", Facts.session(last: n == 3)) }
        try run.complete(.reflection, "reflected", Facts.reflection)
        try run.complete(.closure, "ready", Facts.closureReady)  // refused: 3 of 6
        for n in 4...6 { try run.complete(.session, "logged", Facts.session(last: n == 6)) }
        try run.complete(
            .closure,
            "not-ready",
            Facts.closureReady.merging(["participant-understands": "no"]) { _, b in b }
        )
        #expect(run.project.status == .paused)
        try run.feed(.resumed)
        try run.complete(.closure, "ready", Facts.closureReady)
        return run
    }

    @Test func replayingTheJournalGivesTheLiveMachine() throws {
        let live = try Self.longRun()
        #expect(live.project.status == .closed)
        #expect(live.project.suggestion?.type == .complexEngagement)
        #expect(live.project.escalations.count == 1)
        #expect(live.machine.journal.count == live.log.count)
        #expect(live.machine.journal == live.log.map(\.0))

        let replayed = try MicroprojectMachine(id: "mp-test", replaying: live.log)
        #expect(replayed == live.machine)
        #expect(replayed.project.priorities == ["leaving the house without shouting", "a calm word before school"])
        #expect(replayed.project.escalations.first?.at == live.log[10].1)
    }

    @Test func replayingEveryPrefixGivesTheStateAtThatPoint() throws {
        let live = try Self.longRun()
        var step = try MicroprojectMachine(id: "mp-test", replaying: Array(live.log.prefix(1)))
        for n in 2...live.log.count {
            _ = try step.apply(live.log[n - 1].0, at: live.log[n - 1].1)
            #expect(try MicroprojectMachine(id: "mp-test", replaying: Array(live.log.prefix(n))) == step)
        }
        #expect(step == live.machine)
    }

    @Test func journalSurvivesJSON() throws {
        let live = try Self.longRun()
        let stored = try live.log.map { event, time in
            (String(decoding: try JSONEncoder().encode(event), as: UTF8.self), time)
        }
        let read = try stored.map { json, time in
            (try JSONDecoder().decode(MicroprojectEvent.self, from: Data(json.utf8)), time)
        }
        #expect(try MicroprojectMachine(id: "mp-test", replaying: read) == live.machine)
    }

    @Test func replayNeedsCreatedFirst() {
        #expect(throws: MicroprojectMachine.InvalidEvent.self) { try MicroprojectMachine(id: "mp", replaying: []) }
        #expect(throws: MicroprojectMachine.InvalidEvent.self) {
            try MicroprojectMachine(id: "mp", replaying: [(.resumed, 1)])
        }
    }

    @Test func replayRefusesAJournalThatBreaksTheRules() {
        let events: [(MicroprojectEvent, Int64)] = [
            (.created(practitionerID: "sam"), 1),
            (.stageCompleted(StageResult(stage: .plan, sessionID: "s1", outcome: "planned")), 2),
        ]
        #expect(throws: MicroprojectMachine.InvalidEvent.self) { try MicroprojectMachine(id: "mp", replaying: events) }
    }

    @Test(arguments: [
        (MicroprojectEvent.created(practitionerID: "sam"), "created"),
        (.stageCompleted(StageResult(stage: .focus, sessionID: "s", outcome: "defined")), "stage-completed"),
        (.eligibilityChecked(missing: []), "eligibility-checked"), (.paused(reason: ""), "paused"),
        (.resumed, "resumed"),
    ])
    func eventKinds(event: MicroprojectEvent, kind: String) {
        #expect(event.kind == kind)
    }
}

extension Run {
    /// From a due type decision to a due plan, entry requirements met (and, for Types 2 to 4, the consult agreed).
    mutating func toPlanFromTypeDecision(_ type: MicroprojectType) throws {
        try complete(.typeDecision, "decided", ["type": Facts.typeChoice[type]!])
        try feed(.eligibilityChecked(missing: []))
        if type != .universalPrevention { try complete(.consult, "agreed", Facts.consult) }
    }
}
