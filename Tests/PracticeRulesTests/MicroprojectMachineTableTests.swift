import Testing

@testable import PracticeRules

/// Every event in every status (active, paused, escalated, closed) and stage due: the documented action, or the
/// typed refusal that leaves the machine unchanged. Type 3 throughout (it has a consult and six planned sessions),
/// with Type 1 for a plan that waits for its entry check.
@Suite struct MicroprojectMachineTableTests {
    typealias Refusal = MicroprojectMachine.InvalidEvent

    enum Outcome: Equatable, CustomStringConvertible {
        case action(MicroprojectAction)
        case refused(Refusal)

        var description: String {
            switch self {
            case .action(let a): "action \(a)"
            case .refused(let r): "refused: \(r.description)"
            }
        }
    }

    /// The events tried in each situation, besides a stage completion (every stage is tried, see below).
    enum Column: CaseIterable {
        case concernInTheStageDue, entryMet, entryMissing, pause, resume, reopenFocus, extend, moveToClosure
        case profile, created
    }

    /// One situation and what each event does there. `step` is what a comeback does (`nextAction`), and also what
    /// an event that settles nothing (a profile recorded) returns.
    struct Row: CustomStringConvertible, Sendable {
        var name: String
        var status: MicroprojectStatus
        var due: Stage
        var build: @Sendable () throws -> Run
        var step: MicroprojectAction
        var completeDue: Outcome
        var expected: [Column: Outcome]
        var description: String { name }
    }

    static let type3 = MicroprojectType.supportedLearning
    static let missing = ["a valid licence"]
    static let between = "Paused between stages."
    static let pausedBetween = MicroprojectAction.resume(reason: between)

    static func ask(_ stage: Stage, _ why: StageRun.Reason = .firstTime) -> Outcome {
        .action(.askToCarryOn(next: StageRun(stage, why)))
    }
    static func runs(_ stage: Stage, _ why: StageRun.Reason = .firstTime) -> MicroprojectAction {
        .runStage(StageRun(stage, why))
    }
    static func concern(_ stage: Stage) -> Outcome {
        .action(.awaitEscalationReview(reason: "A concern was raised during \(stage.title.lowercased()): worry"))
    }

    // MARK: Getting to each situation

    static func focusDone() throws -> Run {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        return run
    }
    static func safetyDone() throws -> Run {
        var run = try focusDone()
        try run.complete(.safety, "suitable", Facts.safetyGeneral)
        return run
    }
    static func typeChosen(_ type: MicroprojectType = type3) throws -> Run {
        var run = try safetyDone()
        try run.complete(.typeDecision, "decided", ["type": Facts.typeChoice[type]!])
        return run
    }
    static func consultDue() throws -> Run {
        var run = try typeChosen()
        try run.feed(.eligibilityChecked(missing: []))
        return run
    }
    static func planDue() throws -> Run {
        var run = try consultDue()
        try run.complete(.consult, "agreed", Facts.consult)
        return run
    }
    static func agreementDue() throws -> Run {
        var run = try planDue()
        try run.complete(.plan, "planned", Facts.plan(type3))
        return run
    }
    static func sessionDue() throws -> Run {
        var run = try agreementDue()
        try run.complete(.agreement, "agreed", Facts.agreement)
        return run
    }
    static func reflectionDue() throws -> Run {
        var run = try sessionDue()
        try run.complete(.session, "logged", Facts.session(last: true))
        return run
    }
    static func closureDue() throws -> Run {
        var run = try reflectionDue()
        try run.complete(.reflection, "reflected", Facts.reflection)
        return run
    }
    static func paused(_ build: @escaping @Sendable () throws -> Run) -> @Sendable () throws -> Run {
        {
            var run = try build()
            try run.feed(.paused(reason: between, generated: true))
            return run
        }
    }

    // MARK: The table

    /// Refusals common to every active or paused situation unless a row says otherwise.
    static func openDefaults(_ status: MicroprojectStatus, due: Stage, step: MicroprojectAction) -> [Column: Outcome] {
        [
            .concernInTheStageDue: concern(due),
            .entryMet: .refused(.entryCheckBeforeType),
            .entryMissing: .refused(.entryCheckBeforeType),
            .pause: .action(.paused(reason: "Back on Monday.")),
            .resume: status == .paused ? .action(runsAfterResume(due)) : .refused(.notPaused(.active)),
            .reopenFocus: .refused(.notDoneYet(.focus)),
            .extend: .refused(.noEndDateToExtend),
            .moveToClosure: .refused(.moveToClosureNotDue),
            .profile: .action(step),
            .created: .refused(.alreadyCreated(microproject: "mp-test")),
        ]
    }

    /// What resuming a microproject paused between stages runs: the stage due (the session logs count on).
    static func runsAfterResume(_ due: Stage) -> MicroprojectAction {
        switch due {
        case .session: runs(.session, .session(number: 1, planned: 6))
        default: runs(due)
        }
    }

    static func row(
        _ name: String,
        _ status: MicroprojectStatus,
        _ due: Stage,
        _ build: @escaping @Sendable () throws -> Run,
        step: MicroprojectAction,
        completeDue: Outcome,
        _ overrides: [Column: Outcome] = [:]
    ) -> Row {
        Row(
            name: name,
            status: status,
            due: due,
            build: build,
            step: step,
            completeDue: completeDue,
            expected: openDefaults(status, due: due, step: step).merging(overrides) { _, b in b }
        )
    }

    /// The open situations, each as it is when active and once paused between stages.
    static let openRows: [Row] = {
        typealias Situation = (
            name: String, due: Stage, build: @Sendable () throws -> Run, step: MicroprojectAction,
            completeDue: Outcome, overrides: [Column: Outcome], pausedOverrides: [Column: Outcome]
        )
        let waits = Outcome.action(pausedBetween)
        let situations: [Situation] = [
            ("new", .focus, { Run() }, runs(.focus), ask(.safety), [:], [:]),
            (
                "focus done", .safety, focusDone, runs(.safety), ask(.typeDecision),
                [.reopenFocus: .action(runs(.focus, .revisit(returnTo: .safety)))], [.reopenFocus: waits]
            ),
            (
                "safety done", .typeDecision, safetyDone, runs(.typeDecision), .action(.checkEntryRequirements(type3)),
                [.reopenFocus: .action(runs(.focus, .revisit(returnTo: .typeDecision)))], [.reopenFocus: waits]
            ),
            (
                "type chosen, entry not checked", .consult, { try typeChosen() }, .checkEntryRequirements(type3),
                .refused(.entryRequirementsNotMet(.consult)),
                [
                    .concernInTheStageDue: .refused(.entryRequirementsNotMet(.consult)),
                    .entryMet: ask(.consult),
                    .entryMissing: .action(.waitForEntryRequirements(type3, missing: missing)),
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .consult))),
                ],
                [.reopenFocus: waits, .resume: .action(.checkEntryRequirements(type3))]
            ),
            (
                "Type 1 chosen, entry not checked", .plan, { try typeChosen(.universalPrevention) },
                .checkEntryRequirements(.universalPrevention), .refused(.entryRequirementsNotMet(.plan)),
                [
                    .concernInTheStageDue: .refused(.entryRequirementsNotMet(.plan)),
                    .entryMet: ask(.plan),
                    .entryMissing: .action(.waitForEntryRequirements(.universalPrevention, missing: missing)),
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .plan))),
                ],
                [.reopenFocus: waits, .resume: .action(.checkEntryRequirements(.universalPrevention))]
            ),
            (
                "entry met", .consult, consultDue, runs(.consult), ask(.plan),
                [
                    .entryMet: ask(.consult),
                    .entryMissing: .action(.waitForEntryRequirements(type3, missing: missing)),
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .consult))),
                ],
                [.reopenFocus: waits]
            ),
            (
                "consult agreed", .plan, planDue, runs(.plan), ask(.agreement),
                [
                    .entryMet: ask(.plan),
                    .entryMissing: .action(.waitForEntryRequirements(type3, missing: missing)),
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .plan))),
                ],
                [.reopenFocus: waits]
            ),
            (
                "planned", .agreement, agreementDue, runs(.agreement), ask(.session, .session(number: 1, planned: 6)),
                [
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .agreement))),
                    .extend: .action(runs(.agreement)), .moveToClosure: .action(runs(.reflection)),
                ],
                [.reopenFocus: waits, .extend: waits, .moveToClosure: waits]
            ),
            (
                "agreed", .session, sessionDue, runs(.session, .session(number: 1, planned: 6)),
                ask(.session, .session(number: 2, planned: 6)),
                [
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .session))),
                    .extend: .action(runs(.session, .session(number: 1, planned: 6))),
                    .moveToClosure: .action(runs(.reflection)),
                ],
                [.reopenFocus: waits, .extend: waits, .moveToClosure: waits]
            ),
            (
                "last session logged", .reflection, reflectionDue, runs(.reflection), ask(.closure),
                [
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .reflection))),
                    .extend: .action(runs(.reflection)),
                ],
                [.reopenFocus: waits, .extend: waits]
            ),
            (
                "reflected", .closure, closureDue, runs(.closure),
                .action(.close(reason: "Every closure criterion holds.")),
                [
                    .reopenFocus: .action(runs(.focus, .revisit(returnTo: .closure))),
                    .extend: .action(runs(.closure)),
                ],
                [.reopenFocus: waits, .extend: waits]
            ),
        ]
        return situations.flatMap { s in
            [
                row(s.name, .active, s.due, s.build, step: s.step, completeDue: s.completeDue, s.overrides),
                row(
                    "\(s.name), paused",
                    .paused,
                    s.due,
                    paused(s.build),
                    step: pausedBetween,
                    completeDue: s.completeDue,
                    s.overrides.merging([.profile: .action(pausedBetween)]) { _, b in b }
                        .merging(s.pausedOverrides) { _, b in b }
                ),
            ]
        }
    }()

    /// Paused by a stage or a check rather than between stages.
    static let waitingRows: [Row] = {
        let entry = "Waiting for the entry requirements of Type 3: Supported Learning: a valid licence"
        let agreement = "The agreement is not in place yet; revisit it when the participant is ready."
        let closure = "Still open: learning has been recorded (closure checklist)"
        return [
            row(
                "waiting for the entry requirements",
                .paused,
                .consult,
                {
                    var run = try typeChosen()
                    try run.feed(.eligibilityChecked(missing: missing))
                    return run
                },
                step: .resume(reason: entry),
                completeDue: .refused(.entryRequirementsNotMet(.consult)),
                [
                    .concernInTheStageDue: .refused(.entryRequirementsNotMet(.consult)),
                    .entryMet: ask(.consult),
                    .entryMissing: .action(.waitForEntryRequirements(type3, missing: missing)),
                    .resume: .action(.checkEntryRequirements(type3)), .reopenFocus: .action(.resume(reason: entry)),
                ]
            ),
            row(
                "agreement not yet in place",
                .paused,
                .agreement,
                {
                    var run = try agreementDue()
                    try run.complete(.agreement, "not-yet", ["purpose": "no"])
                    return run
                },
                step: .resume(reason: agreement),
                completeDue: ask(.session, .session(number: 1, planned: 6)),
                [
                    .resume: .action(runs(.agreement, .again)), .reopenFocus: .action(.resume(reason: agreement)),
                    .extend: .action(.resume(reason: agreement)), .moveToClosure: .action(.resume(reason: agreement)),
                ]
            ),
            row(
                "closure still open",
                .paused,
                .closure,
                {
                    var run = try closureDue()
                    try run.complete(
                        .closure,
                        "not-ready",
                        Facts.closureReady.merging(["learning-recorded": "no"]) { _, b in b }
                    )
                    return run
                },
                step: .resume(reason: closure),
                completeDue: .action(.close(reason: "Every closure criterion holds.")),
                [
                    .resume: .action(runs(.closure, .again)), .reopenFocus: .action(.resume(reason: closure)),
                    .extend: .action(.resume(reason: closure)),
                ]
            ),
        ]
    }()

    static let escalated = Row(
        name: "a concern in the plan",
        status: .escalated,
        due: .escalationReview,
        build: {
            var run = try planDue()
            try run.complete(.plan, "escalate", [:], concern: "worry")
            return run
        },
        step: runs(.escalationReview),
        completeDue: ask(.plan, .afterConcern),
        expected: [
            .concernInTheStageDue: concern(.escalationReview),
            .entryMet: .refused(.entryCheckBeforeType), .entryMissing: .refused(.entryCheckBeforeType),
            .pause: .refused(.pauseWhileEscalated), .resume: .refused(.resumeWhileEscalated),
            .reopenFocus: .refused(.reopenWhileEscalated), .extend: .refused(.noEndDateToExtend),
            .moveToClosure: .refused(.moveToClosureNotDue), .profile: .action(runs(.escalationReview)),
            .created: .refused(.alreadyCreated(microproject: "mp-test")),
        ]
    )

    static let closed = Row(
        name: "closed",
        status: .closed,
        due: .closure,
        build: {
            var run = try closureDue()
            try run.complete(.closure, "ready", Facts.closureReady)
            return run
        },
        step: .finished(reason: "Every closure criterion holds."),
        completeDue: .refused(.closed(microproject: "mp-test")),
        expected: Dictionary(
            uniqueKeysWithValues: Column.allCases.map { ($0, .refused(.closed(microproject: "mp-test"))) }
        )
    )

    static let rows = openRows + waitingRows + [escalated, closed]

    // MARK: The events

    static func event(_ column: Column, due: Stage, run: inout Run) -> MicroprojectEvent {
        switch column {
        case .concernInTheStageDue: .stageCompleted(run.result(due, "escalate", [:], concern: "worry"))
        case .entryMet: .eligibilityChecked(missing: [])
        case .entryMissing: .eligibilityChecked(missing: missing)
        case .pause: .paused(reason: "Back on Monday.")
        case .resume: .resumed
        case .reopenFocus: .reopened(stage: .focus)
        case .extend: .endDateExtended(to: "2027-06-30", reason: "the family moved")
        case .moveToClosure: .movedToClosure
        case .profile: .profileRecorded(ProfileSnapshot(ProfileSnapshotTests.link))
        case .created: .created(practitionerID: "sam")
        }
    }

    /// An ordinary completion of each stage, as its script ends it.
    static func completion(_ stage: Stage, run: inout Run) -> MicroprojectEvent {
        let type = run.project.type ?? type3
        let (outcome, facts): (String, [String: String]) =
            switch stage {
            case .focus: ("defined", Facts.focus)
            case .safety: ("suitable", Facts.safetyGeneral)
            case .typeDecision: ("decided", ["type": Facts.typeChoice[type3]!])
            case .consult: ("agreed", Facts.consult)
            case .plan: ("planned", Facts.plan(type))
            case .agreement: ("agreed", Facts.agreement)
            case .session: ("logged", Facts.session(last: false))
            case .reflection: ("reflected", Facts.reflection)
            case .closure: ("ready", Facts.closureReady)
            case .escalationReview: ("resume", Facts.review)
            }
        return .stageCompleted(run.result(stage, outcome, facts))
    }

    static func outcome(of event: MicroprojectEvent, on run: Run) -> Outcome {
        var machine = run.machine
        do {
            let transition = try machine.apply(event, at: run.clock + 60_000)
            #expect(transition.event == event)
            #expect(transition.status == machine.project.status && transition.due == machine.project.due)
            #expect(machine.journal.last == event)
            return .action(transition.action)
        } catch let refusal as Refusal {
            #expect(machine == run.machine, "a refused event changed the machine")
            return .refused(refusal)
        } catch {
            Issue.record("an error that is not a refusal: \(error)")
            return .refused(.noTypeAnswer)
        }
    }

    // MARK: Tests

    @Test(arguments: rows)
    func eachSituationIsWhatItSaysAndAComebackDoesTheStep(row: Row) throws {
        let run = try row.build()
        #expect(run.project.status == row.status)
        #expect(run.project.due == row.due)
        #expect(run.machine.nextAction(today: TimeLimit.day(millis: run.clock)) == row.step)
    }

    @Test(arguments: rows)
    func everyEventHasItsDocumentedOutcome(row: Row) throws {
        var run = try row.build()
        #expect(Set(row.expected.keys) == Set(Column.allCases), "every column has an outcome")
        for column in Column.allCases {
            let event = Self.event(column, due: row.due, run: &run)
            #expect(Self.outcome(of: event, on: run) == row.expected[column], "\(column)")
        }
    }

    /// Only the stage due can be completed; any other is refused naming the stage due.
    @Test(arguments: rows)
    func everyStageCompletion(row: Row) throws {
        var run = try row.build()
        for stage in Stage.allCases {
            let expected: Outcome =
                row.status == .closed
                ? .refused(.closed(microproject: "mp-test"))
                : stage == row.due ? row.completeDue : .refused(.stageNotDue(due: row.due, completed: stage))
            let event = Self.completion(stage, run: &run)
            #expect(Self.outcome(of: event, on: run) == expected, "completing \(stage.rawValue)")
        }
    }

    /// Every status and every stage appears in the table.
    @Test func theTableCoversEveryStatusAndStage() {
        let statuses = Set(Self.rows.map(\.status.rawValue))
        #expect(statuses == ["active", "paused", "escalated", "closed"])
        let dues = Set(Self.rows.map(\.due))
        #expect(dues == Set(Stage.allCases))
    }

    /// The refusals keep the sentences people were shown before they were typed.
    @Test func refusalsKeepTheirWords() {
        let words: [(Refusal, String)] = [
            (.closed(microproject: "mp-1"), "microproject mp-1 is closed; nothing more can happen to it"),
            (.alreadyCreated(microproject: "mp-1"), "microproject mp-1 was already created"),
            (.stageNotDue(due: .focus, completed: .safety), "the stage due is focus, not safety"),
            (.entryRequirementsNotMet(.plan), "the plan starts only once the entry requirements for the type are met"),
            (
                .entryRequirementsNotMet(.consult),
                "the consult starts only once the entry requirements for the type are met"
            ),
            (.entryCheckBeforeType, "entry requirements are checked once the type is chosen"),
            (.notPaused(.active), "only a paused microproject can be resumed (this one is active)"),
            (.resumeWhileEscalated, "an escalated microproject carries on only after the escalation review"),
            (
                .pauseWhileEscalated,
                "it is already paused after a concern; it carries on only after the escalation review"
            ),
            (.noEndDateToExtend, "only an open microproject with a planned end date can be extended"),
            (
                .extensionNotLater(than: "2027-03-31"),
                "the new end date must be later than 2027-03-31 and not in the past"
            ),
            (.extensionNeedsReason, "an extension needs its reason"),
            (
                .moveToClosureNotDue,
                "moving on to reflection and closure is for a microproject in its agreement or sessions"
            ),
            (.notDoneYet(.focus), "step 1: identify the focus has not been done yet, so it cannot be reopened"),
            (.alreadyDue(.plan), "step 3: plan the microproject is already the stage due"),
            (
                .reopenWhileEscalated,
                "a concern is open: record the escalation review first, then reopen a stage"
            ),
        ]
        for (refusal, sentence) in words { #expect(refusal.description == sentence) }
    }
}
