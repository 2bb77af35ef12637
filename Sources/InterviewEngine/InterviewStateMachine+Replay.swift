/// A journal that does not fit the script: edited by hand, cut short, or from another script.
public struct ReplayError: Error, Equatable, CustomStringConvertible {
    public var seq: Int
    public var problem: String
    public var description: String { "journal entry \(seq): \(problem)" }
}

extension InterviewStateMachine {
    /// Rebuilds a machine from its journal. Live events go through the same `apply`, so the result is
    /// the same machine, journal included.
    public init(script: Script, replaying entries: [JournalEntry]) throws {
        self.init(script: script)
        for entry in entries {
            guard entry.seq == journal.count + 1 else {
                throw ReplayError(seq: entry.seq, problem: "expected entry \(journal.count + 1) next")
            }
            try apply(entry)
        }
    }

    /// Applies one journal entry. The only place the state changes.
    mutating func apply(_ entry: JournalEntry) throws {
        func fail(_ problem: String) -> ReplayError { ReplayError(seq: entry.seq, problem: problem) }
        switch (state, entry.event) {
        case (.new, .started(let context, let roster)):
            self.context = context
            self.roster = roster
            gathered = Progress(startedAt: entry.at)
            gathered.speaker = roster.members.first?.id
            if let intro = script.intro {
                let text = RouteEnvironment(script: script, context: context, progress: gathered).pipe(
                    intro,
                    at: Cursor(top: 0)
                )
                gathered.pendingMessages = [Message(text: text)]
            }
            settle(at: route().first())

        case (.asking, .answered(let key, let value)):
            guard let cursor = gathered.current, script.key(at: cursor) == key else {
                throw fail("answers '\(key)' but the open question is '\(gathered.current.map(script.key) ?? "none")'")
            }
            gathered.answers[key] = GivenAnswer(value: value, by: entry.actor, at: entry.at, enteredBy: entry.enteredBy)
            gathered.proposal = nil
            advance(from: cursor)

        case (.asking, .proposed(let key, let value)):
            guard let cursor = gathered.current, script.key(at: cursor) == key else {
                throw fail("proposes an answer to '\(key)', which is not the open question")
            }
            gathered.proposal = Proposal(key: key, value: value, by: entry.actor, enteredBy: entry.enteredBy)

        case (.asking, .agreed(let key)):
            guard let cursor = gathered.current, let proposal = gathered.proposal, proposal.key == key,
                proposal.by != entry.actor
            else {
                throw fail("agrees with '\(key)', which has no proposal from someone else")
            }
            gathered.answers[key] = GivenAnswer(
                value: proposal.value,
                by: proposal.by,
                at: entry.at,
                agreedBy: [entry.actor],
                enteredBy: proposal.enteredBy
            )
            gathered.proposal = nil
            advance(from: cursor)

        case (.asking, .handedOver(let to)):
            guard roster.member(to) != nil else { throw fail("hands over to '\(to)', who is not signed in") }
            gathered.speaker = to
            gathered.pendingMessages = []

        case (.asking, .confirmed(let key)):
            guard let cursor = gathered.current, script.key(at: cursor) == key, gathered.answers[key] != nil else {
                throw fail("confirms '\(key)', which has no earlier answer open")
            }
            advance(from: cursor)

        case (.asking, .wentBack):
            guard let previous = gathered.trail.popLast() else { throw fail("goes back from the first question") }
            gathered.onRoute[script.key(at: previous), default: 1] -= 1
            gathered.current = previous
            gathered.pendingMessages = []
            gathered.proposal = nil

        case (.asking, .noteAdded(let text)):
            gathered.notes.append(
                Remark(text: text, by: entry.actor, at: entry.at, during: gathered.current.map(script.key))
            )

        case (.asking, .concernRaised(let text)):
            guard let outcome = script.outcome(script.concernOutcome) else {
                throw fail("the script declares no outcome '\(script.concernOutcome)' for concerns")
            }
            gathered.concerns.append(
                Remark(text: text, by: entry.actor, at: entry.at, during: gathered.current.map(script.key))
            )
            let ending = Ending(
                outcome: outcome,
                messages: [Message(text: outcome.message)],
                guidance: script.concernGuidance,
                byConcern: true,
                isSafetyStop: true
            )
            // In a co-run session both practitioners acknowledge the guidance before the session closes.
            gathered.awaitingAcknowledgement = roster.isCoRun ? roster.members.map(\.id) : []
            state = roster.isCoRun ? .acknowledging(ending) : .finished(ending)

        case (.acknowledging(let ending), .concernAcknowledged):
            guard let i = gathered.awaitingAcknowledgement.firstIndex(of: entry.actor) else {
                throw fail("'\(entry.actor)' acknowledges a concern they were not asked to acknowledge")
            }
            gathered.awaitingAcknowledgement.remove(at: i)
            if gathered.awaitingAcknowledgement.isEmpty { state = .finished(ending) }

        case (.asking, .paused):
            state = .paused

        case (.paused, .resumed):
            state = .asking

        default:
            throw fail("'\(entry.event.kind)' cannot happen while the interview is \(stateName)")
        }
        journal.append(entry)
        gathered.updatedAt = entry.at
    }

    var stateName: String {
        switch state {
        case .new: "not started"
        case .asking: "asking"
        case .paused: "paused"
        case .acknowledging: "waiting for the concern to be acknowledged"
        case .finished: "finished"
        }
    }

    private func route() -> Route {
        Route(script: script, env: RouteEnvironment(script: script, context: context, progress: gathered))
    }

    /// Puts the answered question on the trail and walks to the next stop.
    private mutating func advance(from cursor: Cursor) {
        gathered.trail.append(cursor)
        gathered.onRoute[script.key(at: cursor), default: 0] += 1
        gathered.pendingMessages = []
        settle(at: route().next(after: cursor))
    }

    private mutating func settle(at stop: Route.Stop) {
        switch stop {
        case .question(let cursor, let messages):
            gathered.current = cursor
            gathered.pendingMessages += messages
            state = .asking
        case .outcome(let node, let cursor, let messages):
            guard case .stop(let outcomeID) = node.kind, let outcome = script.outcome(outcomeID) else {
                preconditionFailure("A stop without a declared outcome passed the loader: \(node.id)")
            }
            gathered.current = nil
            let text = RouteEnvironment(script: script, context: context, progress: gathered).pipe(
                node.text,
                at: cursor
            )
            let said =
                gathered.pendingMessages + messages + (text.isEmpty ? [] : [Message(text: text)]) + [
                    Message(text: outcome.message)
                ]
            gathered.pendingMessages = []
            state = .finished(
                Ending(
                    outcome: outcome,
                    messages: said,
                    guidance: node.guidance ?? outcome.guidance,
                    byConcern: false,
                    isSafetyStop: outcome.id == script.concernOutcome
                )
            )
        case .ranOff:
            preconditionFailure("The script ran past its last node; the loader should have refused it")
        }
    }
}
