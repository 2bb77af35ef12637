/// The cycle as a pure state machine: stage results and decisions in; what changed and the next action out. It
/// enforces the guide's order (focus, safety, type, entry requirements, the consult for Types 2 to 4, plan,
/// agreement, sessions, reflection, closure) and its status rules, so a driver only carries out the actions.
public struct MicroprojectMachine: Equatable, Sendable {
    public private(set) var project: Microproject
    public private(set) var journal: [MicroprojectEvent] = []

    public init(id: String, practitionerID: String) {
        project = Microproject(id: id, practitionerID: practitionerID)
        journal = [.created(practitionerID: practitionerID)]
    }

    /// Rebuilds a machine from its journal; `times` gives each event's time (for escalations).
    public init(id: String, replaying events: [(MicroprojectEvent, Int64)]) throws {
        guard case .created(let practitionerID)? = events.first?.0 else {
            throw InvalidEvent.noCreatedEventFirst(microproject: id)
        }
        self.init(id: id, practitionerID: practitionerID)
        for (event, time) in events.dropFirst() { _ = try apply(event, at: time) }
    }

    /// Applies one event and says what changed and what the driver does next; throws if the event cannot happen
    /// now, and then nothing changes.
    public mutating func apply(_ event: MicroprojectEvent, at time: Int64) throws -> MicroprojectTransition {
        var next = self
        try next.applyInPlace(event, at: time)
        self = next
        return MicroprojectTransition(
            event: event,
            status: project.status,
            due: project.due,
            action: action(after: event)
        )
    }

    /// What to do for a microproject someone comes back to (loaded from its journal) on `today` (YYYY-MM-DD).
    public func nextAction(today: String) -> MicroprojectAction {
        let p = project
        if p.status == .active || p.status == .paused, p.due == .session || p.due == .agreement,
            let end = p.plannedEnd, TimeLimit.isOverdue(p, today: today)
        {
            return .decideOverdue(plannedEnd: end)
        }
        return stepDue
    }

    /// The earlier stages the person is offered to reopen now: after a closure that stayed open, those done so far.
    public var reopenOffered: [Stage] {
        guard project.status == .paused, project.completed.last?.stage == .closure else { return [] }
        return Self.revisitable.filter { stage in project.completed.contains { $0.stage == stage && !$0.safetyStop } }
    }

    /// The closure items still open whatever the closure checklist says (see `Closure.openBeyondChecklist`).
    public var openClosureItems: [String] { Closure.openBeyondChecklist(project) }

    /// Every pair of status and event is decided here: the impossible ones are a typed refusal.
    private mutating func applyInPlace(_ event: MicroprojectEvent, at time: Int64) throws {
        switch (project.status, event) {
        case (.closed, _):
            throw InvalidEvent.closed(microproject: project.id)
        case (.active, .created), (.paused, .created), (.escalated, .created):
            throw InvalidEvent.alreadyCreated(microproject: project.id)
        case (.active, .stageCompleted(let r)), (.paused, .stageCompleted(let r)), (.escalated, .stageCompleted(let r)):
            try complete(r, at: time)
        case (.active, .eligibilityChecked(let missing)), (.paused, .eligibilityChecked(let missing)):
            try checkedEntryRequirements(missing: missing)
        case (.escalated, .eligibilityChecked):
            throw InvalidEvent.entryCheckBeforeType
        case (.active, .paused(let reason, let generated)), (.paused, .paused(let reason, let generated)):
            // Pausing a paused microproject again just records the newer reason.
            setStatus(.paused, reason: reason, sensitive: generated != true)
        case (.escalated, .paused):
            throw InvalidEvent.pauseWhileEscalated
        case (.paused, .resumed):
            setStatus(.active)
        case (.active, .resumed):
            throw InvalidEvent.notPaused(.active)
        case (.escalated, .resumed):
            throw InvalidEvent.resumeWhileEscalated
        case (.active, .reopened(let stage)), (.paused, .reopened(let stage)):
            try reopen(stage)
        case (.escalated, .reopened):
            throw InvalidEvent.reopenWhileEscalated
        case (.active, .endDateExtended(let to, let reason)), (.paused, .endDateExtended(let to, let reason)):
            try extendEndDate(to: to, reason: reason, at: time)
        case (.escalated, .endDateExtended):
            throw InvalidEvent.noEndDateToExtend
        case (.active, .movedToClosure), (.paused, .movedToClosure):
            guard project.due == .session || project.due == .agreement else {
                throw InvalidEvent.moveToClosureNotDue
            }
            project.due = Closure.reflection(project) == nil ? .reflection : .closure
        case (.escalated, .movedToClosure):
            throw InvalidEvent.moveToClosureNotDue
        case (.active, .profileRecorded(let snapshot)), (.paused, .profileRecorded(let snapshot)),
            (.escalated, .profileRecorded(let snapshot)):
            try recordProfile(snapshot, at: time)
        }
        journal.append(event)
    }

    // MARK: Actions

    /// What the driver does after `event` (already applied), in the same sitting.
    private func action(after event: MicroprojectEvent) -> MicroprojectAction {
        switch event {
        case .stageCompleted:
            switch project.status {
            case .closed: return .close(reason: project.statusReason ?? "")
            case .escalated: return .awaitEscalationReview(reason: project.statusReason ?? "")
            case .paused: return .waiting(reason: project.statusReason ?? "", canReopen: reopenOffered)
            case .active:
                if let type = entryCheckDue { return .checkEntryRequirements(type) }
                return .askToCarryOn(next: stageRun)
            }
        case .eligibilityChecked(let missing):
            if let type = project.type, !missing.isEmpty { return .waitForEntryRequirements(type, missing: missing) }
            return .askToCarryOn(next: stageRun)
        case .paused(let reason, _):
            return .paused(reason: reason)
        case .created, .resumed, .reopened, .endDateExtended, .movedToClosure, .profileRecorded:
            return stepDue
        }
    }

    /// The step due, from the status alone: what happens next when nothing else is to be decided first.
    private var stepDue: MicroprojectAction {
        switch project.status {
        case .closed: return .finished(reason: project.statusReason ?? "")
        case .paused: return .resume(reason: project.statusReason)
        case .active, .escalated:
            if let type = entryCheckDue { return .checkEntryRequirements(type) }
            return .runStage(stageRun)
        }
    }

    /// The chosen type, while its entry requirements are still to be checked before the consult or the plan.
    private var entryCheckDue: MicroprojectType? {
        guard project.due == .plan || project.due == .consult, !project.eligibleChecked else { return nil }
        return project.type
    }

    /// The stage due, and why it runs now.
    private var stageRun: StageRun {
        let p = project
        if p.revisiting == p.due, let back = p.returnTo { return StageRun(p.due, .revisit(returnTo: back)) }
        if p.due == .session {
            return StageRun(.session, .session(number: p.nextSessionLogNumber, planned: p.sessionsPlanned))
        }
        guard let last = p.completed.last(where: { $0.stage == p.due }) else { return StageRun(p.due, .firstTime) }
        return StageRun(p.due, last.safetyStop ? .afterConcern : .again)
    }

    // MARK: Events other than stage completions

    private mutating func setStatus(_ status: MicroprojectStatus, reason: String? = nil, sensitive: Bool = false) {
        project.status = status
        project.statusReason = reason
        project.statusReasonSensitive = sensitive
    }

    private mutating func checkedEntryRequirements(missing: [String]) throws {
        guard project.due == .plan || project.due == .consult, let type = project.type else {
            throw InvalidEvent.entryCheckBeforeType
        }
        project.eligibleChecked = missing.isEmpty
        if !missing.isEmpty {
            setStatus(
                .paused,
                reason: "Waiting for the entry requirements of \(type.title): " + missing.joined(separator: "; ")
            )
        } else if project.status == .paused {
            setStatus(.active)
        }
    }

    private mutating func extendEndDate(to: String, reason: String, at time: Int64) throws {
        guard let from = project.plannedEnd else { throw InvalidEvent.noEndDateToExtend }
        guard to > from, to >= TimeLimit.day(millis: time) else { throw InvalidEvent.extensionNotLater(than: from) }
        guard !reason.allSatisfy(\.isWhitespace) else { throw InvalidEvent.extensionNeedsReason }
        project.endDateExtensions.append(EndDateExtension(from: from, to: to, reason: reason, at: time))
        project.plannedEnd = to
    }

    private mutating func recordProfile(_ snapshot: ProfileSnapshot, at time: Int64) throws {
        let recorded = JournaledProfile(profile: snapshot, at: time)
        if let role = snapshot.role {
            project.consultTeamAsRecorded.removeAll { $0.profile.id == snapshot.id && $0.profile.role == role }
            project.consultTeamAsRecorded.append(recorded)
        } else {
            guard snapshot.id == project.practitionerID else {
                throw InvalidEvent.notThePractitioner(profile: snapshot.id, microproject: project.id)
            }
            project.profileAsRecorded = recorded
        }
    }

    // MARK: Stage completions

    private mutating func complete(_ r: StageResult, at time: Int64) throws {
        guard r.stage == project.due else { throw InvalidEvent.stageNotDue(due: project.due, completed: r.stage) }
        if r.stage == .plan || r.stage == .consult, !project.eligibleChecked {
            throw InvalidEvent.entryRequirementsNotMet(r.stage)
        }
        let expected: MicroprojectStatus = r.stage == .escalationReview ? .escalated : .active
        guard project.status == expected || (project.status == .paused && r.stage != .escalationReview) else {
            throw InvalidEvent.cannotComplete(project.status, r.stage)
        }
        project.completed.append(r)
        if let support = r.facts[SupportPathway.questionID], !support.isEmpty {
            let pathways = support.split(separator: ",").map(String.init)
            project.supportDrawnOn.append(SupportUse(stage: r.stage, sessionID: r.sessionID, pathways: pathways))
        }
        if r.safetyStop {
            escalate(r, at: time)
            return
        }
        setStatus(.active)
        try settle(r, at: time)
        // A reopened stage, once done, hands back to the stage that was due (closure then checks again).
        if r.stage == project.revisiting, project.status == .active, let back = project.returnTo {
            project.due = back
            project.revisiting = nil
            project.returnTo = nil
        }
    }

    /// What a stage that reached its outcome (not a safety stop) settles, and the stage due after it.
    private mutating func settle(_ r: StageResult, at time: Int64) throws {
        switch r.stage {
        case .focus:
            project.participant = r.facts["participant-code"]
            project.focusAreas = (1...3).compactMap { r.facts["focus-areas.\($0).area"] }
            if r.outcome == "out-of-scope" {
                close("The focus is outside microproject scope; see the signpost in the focus definition.")
            } else {
                project.due = .safety
            }
        case .safety:
            if r.outcome == "suitable" {
                project.suggestion = TypeFinder.suggest(r.facts, isSensitive: r.isSensitive)
                project.due = .typeDecision
            } else {
                close("Not a microproject for now: the suitability check gave a signpost to other support.")
            }
        case .typeDecision:
            let types = ["universal": 1, "early": 2, "supported": 3, "complex": 4]
            guard let raw = r.facts["type"].flatMap({ types[$0] }), let type = MicroprojectType(rawValue: raw) else {
                throw InvalidEvent.noTypeAnswer
            }
            project.type = type
            project.eligibleChecked = false
            // Type 1 has no consult (ConsultRoles.required is empty): it goes straight to the plan.
            project.due = type == .universalPrevention ? .plan : .consult
        case .consult:
            project.priorities = (1...3).compactMap { r.facts["priorities.\($0).priority"] }
            project.due = .plan
        case .plan:
            try settlePlan(r, at: time)
        case .agreement:
            switch r.outcome {
            case "agreed": project.due = .session
            case "not-agreed": close("The participant chose not to take part. The Community Wheel stays open to them.")
            default:
                setStatus(
                    .paused,
                    reason: "The agreement is not in place yet; revisit it when the participant is ready."
                )
            }
        case .session:
            try settleSession(r)
        case .reflection:
            project.due = .closure
        case .closure:
            project.communityWheelTakenUp = r.facts["community-wheel-taken-up"]
            let open = Closure.openItems(project, checklist: r)
            if open.isEmpty {
                close("Every closure criterion holds.")
            } else {
                setStatus(.paused, reason: "Still open: " + open.joined(separator: "; "))
                project.due = Closure.trackerComplete(project) ? .closure : .session
            }
        case .escalationReview:
            // One review answers every concern raised since the last one (a concern may come up during a review).
            for i in project.escalations.indices where project.escalations[i].decision == nil {
                project.escalations[i].consulted = r.facts["consulted"]
                project.escalations[i].procedure = r.facts["procedure"]
                project.escalations[i].decision = r.facts["decision"]
                project.escalations[i].reviewSessionID = r.sessionID
            }
            if r.outcome == "close" {
                close("Closed after a concern, following the escalation review.")
            } else {
                project.due = project.interrupted ?? .focus
                project.interrupted = nil
            }
        }
    }

    private mutating func settlePlan(_ r: StageResult, at time: Int64) throws {
        guard let type = project.type else { throw InvalidEvent.planNeedsType }
        let plan = try SessionPlan(type: type, facts: r.facts)
        let end = r.facts["end-date"]
        let longReason = r.facts["long-end-reason"] ?? ""
        if let end, let limit = TimeLimit.limit(from: TimeLimit.day(millis: time)), end > limit,
            longReason.allSatisfy(\.isWhitespace)
        {
            throw InvalidEvent.longEndNeedsReason(plannedEnd: end)
        }
        project.plannedEnd = end
        project.longEndReason = longReason.isEmpty ? nil : longReason
        project.sessionsPlanned = plan.sessions
        project.backupSessionsPossible = plan.backupPossible
        project.fewerSessionsReason = plan.fewerReason
        project.delivery = DeliveryModel(type: type, facts: r.facts)
        project.communityWheelOffered = r.facts["community-wheel"]
        project.due = .agreement
    }

    private mutating func settleSession(_ r: StageResult) throws {
        if (r.facts["kind"] ?? r.facts["session-kind"]) == "backup" {
            guard project.type?.allowsBackupSessions == true else { throw InvalidEvent.backupSessionsTypeFourOnly }
            project.backupSessionsLogged += 1
        } else if project.sessionsPlanned != nil {
            // Each log is for a planned session by its number (the next one not logged, if it names none).
            let number = r.facts["session-number"].flatMap { Double($0) }.map { Int($0) } ?? project.nextSessionNumber
            guard !project.plannedSessionNumbersLogged.contains(number) else {
                throw InvalidEvent.sessionAlreadyLogged(number)
            }
            project.plannedSessionNumbersLogged.append(number)
            if r.facts["took-place"] == "no" {
                project.sessionsNotHeld[number] = r.facts["not-held-reason"] ?? "No reason was given."
            }
        }
        project.sessionsLogged += 1
        if r.facts["last"] == "yes" {
            // After a closure sent it back for a missing tracker entry, the reflection is already done.
            project.due = Closure.reflection(project) == nil ? .reflection : .closure
        }
    }

    /// The stages that can be reopened once done: the type decision and the consult are not (the entry check, the
    /// consult and the plan follow from the type, so a different type is a new microproject).
    public static let revisitable: [Stage] = [.focus, .safety, .plan, .agreement, .reflection]

    /// Reopens a done stage (the status is active or paused: the switch in `applyInPlace` sees to that).
    private mutating func reopen(_ stage: Stage) throws {
        guard Self.revisitable.contains(stage) else { throw InvalidEvent.notReopenable(stage) }
        guard project.completed.contains(where: { $0.stage == stage && !$0.safetyStop }) else {
            throw InvalidEvent.notDoneYet(stage)
        }
        guard stage != project.due else { throw InvalidEvent.alreadyDue(stage) }
        if project.returnTo == nil { project.returnTo = project.due }
        project.revisiting = stage
        project.due = stage
    }

    private mutating func escalate(_ r: StageResult, at time: Int64) {
        setStatus(
            .escalated,
            reason: "A concern was raised during \(r.stage.title.lowercased()): \(r.reason ?? "no detail given")",
            sensitive: true
        )
        project.escalations.append(Escalation(stage: r.stage, sessionID: r.sessionID, reason: r.reason ?? "", at: time))
        if r.stage != .escalationReview { project.interrupted = r.stage }
        project.due = .escalationReview
    }

    private mutating func close(_ reason: String) { setStatus(.closed, reason: reason) }
}
