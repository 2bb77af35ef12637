/// What the driver does next for a microproject. `MicroprojectMachine` returns one with every event it takes, and
/// `nextAction(today:)` gives the one for a microproject loaded again; the driver carries it out and never works
/// the next step out for itself.
public enum MicroprojectAction: Equatable, Sendable {
    /// Run the interview of a stage.
    case runStage(StageRun)
    /// The type is chosen and its entry requirements are not checked yet: check them for the practitioner today,
    /// then record `eligibilityChecked`.
    case checkEntryRequirements(MicroprojectType)
    /// Between two stages: ask whether to carry on now with `next` (yes runs it; no records `paused`). A person who
    /// has just come back to the microproject has already said yes.
    case askToCarryOn(next: StageRun)
    /// Entry requirements for the type are missing: nothing runs until they are met and checked again.
    case waitForEntryRequirements(MicroprojectType, missing: [String])
    /// A stage left the microproject paused (the agreement is not in place yet, closure items are still open):
    /// nothing runs until the person comes back. `canReopen` lists the earlier stages they are offered to reopen
    /// first (after a closure that stayed open; empty otherwise).
    case waiting(reason: String, canReopen: [Stage])
    /// The person chose to pause: stop here until they come back.
    case paused(reason: String)
    /// Paused, and the person has come back: record `resumed`, then carry on.
    case resume(reason: String?)
    /// A concern was raised: follow the organisation's safeguarding procedures; the escalation review runs when the
    /// person comes back, and nothing else may happen first.
    case awaitEscalationReview(reason: String)
    /// Past the planned end date: extend it (`endDateExtended`) or move on to reflection and closure
    /// (`movedToClosure`), or pause.
    case decideOverdue(plannedEnd: String)
    /// The microproject has just closed: say why and write its complete record.
    case close(reason: String)
    /// It was closed already: nothing more can happen to it.
    case finished(reason: String)
}

/// A stage to run, and why it runs now.
public struct StageRun: Equatable, Sendable {
    public var stage: Stage
    public var reason: Reason

    public init(_ stage: Stage, _ reason: Reason) {
        self.stage = stage
        self.reason = reason
    }

    public enum Reason: Equatable, Sendable {
        /// Its first run.
        case firstTime
        /// An earlier run did not settle it (the agreement was not in place yet, closure items were still open).
        case again
        /// A concern stopped its earlier run and the escalation review said to carry on.
        case afterConcern
        /// An earlier stage reopened to complete or correct it; the cycle then returns to `returnTo`.
        case revisit(returnTo: Stage)
        /// A session log, the first or a repeat: for planned session `number` of `planned` (nil for the
        /// light-touch types, which count their sessions as they go).
        case session(number: Int, planned: Int?)
    }
}

/// What one event changed, and what the driver does next.
public struct MicroprojectTransition: Equatable, Sendable {
    /// The event, now the last of the journal.
    public var event: MicroprojectEvent
    /// The status and the stage due after the event (what a store keeps beside the journal).
    public var status: MicroprojectStatus
    public var due: Stage
    public var action: MicroprojectAction
}
