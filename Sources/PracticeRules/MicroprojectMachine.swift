/// The cycle as a pure state machine: stage results and decisions in, the next stage out. It enforces the
/// guide's order (focus, safety, type, plan, agreement, sessions, reflection, closure) and its status rules.
public struct MicroprojectMachine: Equatable, Sendable {
    public private(set) var project: Microproject
    public private(set) var journal: [MicroprojectEvent] = []

    public struct InvalidEvent: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(id: String, practitionerID: String) {
        project = Microproject(id: id, practitionerID: practitionerID)
        journal = [.created(practitionerID: practitionerID)]
    }

    /// Rebuilds a machine from its journal; `times` gives each event's time (for escalations).
    public init(id: String, replaying events: [(MicroprojectEvent, Int64)]) throws {
        guard case .created(let practitionerID)? = events.first?.0 else {
            throw InvalidEvent(description: "microproject \(id) has no 'created' event first")
        }
        self.init(id: id, practitionerID: practitionerID)
        for (event, time) in events.dropFirst() { try apply(event, at: time) }
    }

    /// Applies one event; throws if it cannot happen now, and then nothing changes.
    public mutating func apply(_ event: MicroprojectEvent, at time: Int64) throws {
        var next = self
        try next.applyInPlace(event, at: time)
        self = next
    }

    private mutating func applyInPlace(_ event: MicroprojectEvent, at time: Int64) throws {
        guard project.status != .closed else {
            throw InvalidEvent(description: "microproject \(project.id) is closed; nothing more can happen to it")
        }
        switch event {
        case .created:
            throw InvalidEvent(description: "microproject \(project.id) was already created")
        case .stageCompleted(let result):
            try complete(result, at: time)
        case .eligibilityChecked(let missing):
            guard project.due == .plan || project.due == .consult, project.type != nil else {
                throw InvalidEvent(description: "entry requirements are checked once the type is chosen")
            }
            project.eligibleChecked = missing.isEmpty
            if missing.isEmpty {
                if project.status == .paused {
                    project.status = .active
                    project.statusReason = nil
                    project.statusReasonSensitive = false
                }
            } else {
                project.status = .paused
                project.statusReasonSensitive = false
                project.statusReason =
                    "Waiting for the entry requirements of \(project.type!.title): "
                    + missing.joined(separator: "; ")
            }
        case .paused(let reason, let generated):
            // Pausing a paused microproject again just records the newer reason.
            guard project.status == .active || project.status == .paused else {
                throw InvalidEvent(
                    description: project.status == .escalated
                        ? "it is already paused after a concern; it carries on only after the escalation review"
                        : "only an active or paused microproject can be paused (this one is \(project.status.rawValue))"
                )
            }
            project.status = .paused
            project.statusReason = reason
            project.statusReasonSensitive = generated != true
        case .resumed:
            guard project.status == .paused else {
                throw InvalidEvent(
                    description: project.status == .escalated
                        ? "an escalated microproject carries on only after the escalation review"
                        : "only a paused microproject can be resumed (this one is \(project.status.rawValue))"
                )
            }
            project.status = .active
            project.statusReason = nil
            project.statusReasonSensitive = false
        case .reopened(let stage):
            try reopen(stage)
        case .endDateExtended(let to, let reason):
            guard project.status == .active || project.status == .paused, let from = project.plannedEnd else {
                throw InvalidEvent(description: "only an open microproject with a planned end date can be extended")
            }
            guard to > from, to >= TimeLimit.day(millis: time) else {
                throw InvalidEvent(description: "the new end date must be later than \(from) and not in the past")
            }
            guard !reason.allSatisfy(\.isWhitespace) else {
                throw InvalidEvent(description: "an extension needs its reason")
            }
            project.endDateExtensions.append(EndDateExtension(from: from, to: to, reason: reason, at: time))
            project.plannedEnd = to
        case .movedToClosure:
            guard project.status == .active || project.status == .paused,
                project.due == .session || project.due == .agreement
            else {
                throw InvalidEvent(
                    description:
                        "moving on to reflection and closure is for a microproject in its agreement or sessions"
                )
            }
            project.due = Closure.reflection(project) == nil ? .reflection : .closure
        case .profileRecorded(let snapshot):
            let recorded = JournaledProfile(profile: snapshot, at: time)
            if let role = snapshot.role {
                project.consultTeamAsRecorded.removeAll { $0.profile.id == snapshot.id && $0.profile.role == role }
                project.consultTeamAsRecorded.append(recorded)
            } else {
                guard snapshot.id == project.practitionerID else {
                    throw InvalidEvent(
                        description: "the profile recorded (\(snapshot.id)) is not the practitioner of \(project.id)"
                    )
                }
                project.profileAsRecorded = recorded
            }
        }
        journal.append(event)
    }

    private mutating func complete(_ r: StageResult, at time: Int64) throws {
        guard r.stage == project.due else {
            throw InvalidEvent(description: "the stage due is \(project.due.rawValue), not \(r.stage.rawValue)")
        }
        if r.stage == .plan || r.stage == .consult, !project.eligibleChecked {
            throw InvalidEvent(
                description:
                    "the \(r.stage == .plan ? "plan" : "consult") starts only once the entry requirements for the type are met"
            )
        }
        let expected: MicroprojectStatus = r.stage == .escalationReview ? .escalated : .active
        guard project.status == expected || (project.status == .paused && r.stage != .escalationReview) else {
            throw InvalidEvent(
                description: "a \(project.status.rawValue) microproject cannot complete \(r.stage.rawValue)"
            )
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
        defer {
            // A reopened stage, once done, hands back to the stage that was due (closure then checks again).
            if r.stage == project.revisiting, project.status == .active, let back = project.returnTo {
                project.due = back
                project.revisiting = nil
                project.returnTo = nil
            }
        }
        project.status = .active
        project.statusReason = nil
        project.statusReasonSensitive = false
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
                throw InvalidEvent(description: "the type decision has no type answer")
            }
            project.type = type
            project.eligibleChecked = false
            project.due = type == .universalPrevention ? .plan : .consult
        case .consult:
            project.priorities = (1...3).compactMap { r.facts["priorities.\($0).priority"] }
            project.due = .plan
        case .plan:
            guard let type = project.type else { throw InvalidEvent(description: "the plan needs the type first") }
            let plan = try SessionPlan(type: type, facts: r.facts)
            let end = r.facts["end-date"]
            let longReason = r.facts["long-end-reason"] ?? ""
            if let end, let limit = TimeLimit.limit(from: TimeLimit.day(millis: time)), end > limit,
                longReason.allSatisfy(\.isWhitespace)
            {
                throw InvalidEvent(
                    description: "a planned end more than six months ahead (\(end)) needs a recorded reason"
                )
            }
            project.plannedEnd = end
            project.longEndReason = longReason.isEmpty ? nil : longReason
            project.sessionsPlanned = plan.sessions
            project.backupSessionsPossible = plan.backupPossible
            project.fewerSessionsReason = plan.fewerReason
            project.delivery = DeliveryModel(type: type, facts: r.facts)
            project.communityWheelOffered = r.facts["community-wheel"]
            project.due = .agreement
        case .agreement:
            switch r.outcome {
            case "agreed": project.due = .session
            case "not-agreed": close("The participant chose not to take part. The Community Wheel stays open to them.")
            default:
                project.status = .paused
                project.statusReason = "The agreement is not in place yet; revisit it when the participant is ready."
            }
        case .session:
            if (r.facts["kind"] ?? r.facts["session-kind"]) == "backup" {
                guard project.type?.allowsBackupSessions == true else {
                    throw InvalidEvent(description: "backup sessions are for Type 4 only")
                }
                project.backupSessionsLogged += 1
            } else if project.sessionsPlanned != nil {
                // Each log is for a planned session by its number (the next one not logged, if it names none).
                let number =
                    r.facts["session-number"].flatMap { Double($0) }.map { Int($0) } ?? project.nextSessionNumber
                guard !project.plannedSessionNumbersLogged.contains(number) else {
                    throw InvalidEvent(description: "session \(number) is already logged")
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
        case .reflection:
            project.due = .closure
        case .closure:
            project.communityWheelTakenUp = r.facts["community-wheel-taken-up"]
            let open = Closure.openItems(project, checklist: r)
            if open.isEmpty {
                close("Every closure criterion holds.")
            } else {
                project.status = .paused
                project.statusReason = "Still open: " + open.joined(separator: "; ")
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

    /// The stages that can be reopened once done: the type decision and the consult are not (the entry check, the
    /// consult and the plan follow from the type, so a different type is a new microproject).
    public static let revisitable: [Stage] = [.focus, .safety, .plan, .agreement, .reflection]

    private mutating func reopen(_ stage: Stage) throws {
        guard project.status == .active || project.status == .paused else {
            throw InvalidEvent(
                description: project.status == .escalated
                    ? "a concern is open: record the escalation review first, then reopen a stage"
                    : "only an active or paused microproject can reopen a stage"
            )
        }
        guard Self.revisitable.contains(stage) else {
            throw InvalidEvent(
                description: "\(stage.title.lowercased()) cannot be reopened; the stages that can are "
                    + Self.revisitable.map(\.rawValue).joined(separator: ", ")
            )
        }
        guard project.completed.contains(where: { $0.stage == stage && !$0.safetyStop }) else {
            throw InvalidEvent(
                description: "\(stage.title.lowercased()) has not been done yet, so it cannot be reopened"
            )
        }
        guard stage != project.due else {
            throw InvalidEvent(description: "\(stage.title.lowercased()) is already the stage due")
        }
        if project.returnTo == nil { project.returnTo = project.due }
        project.revisiting = stage
        project.due = stage
    }

    private mutating func escalate(_ r: StageResult, at time: Int64) {
        project.status = .escalated
        project.statusReasonSensitive = true
        project.statusReason =
            "A concern was raised during \(r.stage.title.lowercased()): \(r.reason ?? "no detail given")"
        project.escalations.append(Escalation(stage: r.stage, sessionID: r.sessionID, reason: r.reason ?? "", at: time))
        if r.stage != .escalationReview { project.interrupted = r.stage }
        project.due = .escalationReview
    }

    private mutating func close(_ reason: String) {
        project.status = .closed
        project.statusReason = reason
        project.statusReasonSensitive = false
    }
}
