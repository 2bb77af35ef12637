/// A journal that does not fit the script: edited by hand, cut short, or from another script.
public struct ReplayError: Error, Equatable, CustomStringConvertible {
    public var seq: Int
    public var problem: Problem

    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The entries are not numbered 1, 2, 3…
        case outOfSequence(expected: Int)
        /// The event cannot happen in the state the journal had reached.
        case impossible(ImpossibleEvent)
        /// The event fits the state but not the script or the answers so far.
        case doesNotFit(String)

        public var description: String {
            switch self {
            case .outOfSequence(let expected): "expected entry \(expected) next"
            case .impossible(let e): e.description
            case .doesNotFit(let problem): problem
            }
        }
    }

    public var description: String { "journal entry \(seq): \(problem)" }
}

extension InterviewStateMachine {
    /// Rebuilds a machine from its journal. Live events go through the same `apply`, so the result is
    /// the same machine, journal included.
    public init(script: Script, replaying entries: [JournalEntry]) throws(ReplayError) {
        self.init(script: script)
        journal.reserveCapacity(entries.count)
        for entry in entries {
            guard entry.seq == journal.count + 1 else {
                throw ReplayError(seq: entry.seq, problem: .outOfSequence(expected: journal.count + 1))
            }
            try apply(entry)
        }
    }

    /// What an event leaves the interview in; the payload is put back by `apply`.
    enum Next {
        case asking
        case paused
        case acknowledging(Ending)
        case finished(Ending)

        func state(with p: consuming Progress) -> State {
            switch self {
            case .asking: .asking(p)
            case .paused: .paused(p)
            case .acknowledging(let e): .acknowledging(p, e)
            case .finished(let e): .finished(p, e)
            }
        }
    }

    /// Applies one journal entry: the only place the state changes. Every event is considered in every state;
    /// one that cannot happen there fails with both named.
    mutating func apply(_ entry: JournalEntry) throws(ReplayError) {
        func impossible(_ name: InterviewStatus.Name) -> ReplayError {
            ReplayError(seq: entry.seq, problem: .impossible(ImpossibleEvent(event: entry.event.kind, state: name)))
        }
        switch state {
        case .new:
            switch entry.event {
            case .started(let context, let roster):
                self.context = context
                self.roster = roster
                var p = Progress(startedAt: entry.at)
                p.speaker = roster.members.first?.id
                if let intro = script.intro {
                    let text = RouteEnvironment(script: script, context: context, progress: p).pipe(
                        intro,
                        at: Cursor(top: 0)
                    )
                    p.pendingMessages = [Message(text: text)]
                }
                let first = route(p).first()
                let next = settle(&p, at: first)
                p.updatedAt = entry.at
                state = next.state(with: p)
            case .answered, .confirmed, .proposed, .agreed, .handedOver, .concernAcknowledged, .wentBack, .noteAdded,
                .concernRaised, .paused, .resumed:
                throw impossible(.new)
            }

        case .asking(var p):
            state = .modifying
            let next: Next
            do {
                next = try applyAsking(entry, to: &p)
            } catch {
                state = .asking(p)
                throw error
            }
            p.updatedAt = entry.at
            state = next.state(with: p)

        case .paused(var p):
            switch entry.event {
            case .resumed:
                state = .modifying
                p.updatedAt = entry.at
                state = .asking(p)
            case .started, .answered, .confirmed, .proposed, .agreed, .handedOver, .concernAcknowledged, .wentBack,
                .noteAdded, .concernRaised, .paused:
                throw impossible(.paused)
            }

        case .acknowledging(var p, let ending):
            switch entry.event {
            case .concernAcknowledged:
                guard let i = p.awaitingAcknowledgement.firstIndex(of: entry.actor) else {
                    throw ReplayError(
                        seq: entry.seq,
                        problem: .doesNotFit(
                            "'\(entry.actor)' acknowledges a concern they were not asked to acknowledge"
                        )
                    )
                }
                state = .modifying
                p.awaitingAcknowledgement.remove(at: i)
                p.updatedAt = entry.at
                state = p.awaitingAcknowledgement.isEmpty ? .finished(p, ending) : .acknowledging(p, ending)
            case .started, .answered, .confirmed, .proposed, .agreed, .handedOver, .wentBack, .noteAdded,
                .concernRaised, .paused, .resumed:
                throw impossible(.acknowledging)
            }

        case .finished:
            switch entry.event {
            case .started, .answered, .confirmed, .proposed, .agreed, .handedOver, .concernAcknowledged, .wentBack,
                .noteAdded, .concernRaised, .paused, .resumed:
                throw impossible(.finished)
            }

        case .modifying:
            preconditionFailure("An event arrived while another was being applied")
        }
        journal.append(entry)
    }

    /// The events that can happen while a question is open, applied to its progress in place.
    private func applyAsking(_ entry: JournalEntry, to p: inout Progress) throws(ReplayError) -> Next {
        func fail(_ problem: String) -> ReplayError { ReplayError(seq: entry.seq, problem: .doesNotFit(problem)) }
        switch entry.event {
        case .answered(let key, let value):
            guard let cursor = p.current, script.key(at: cursor) == key else {
                throw fail("answers '\(key)' but the open question is '\(p.current.map(script.key) ?? "none")'")
            }
            p.answers[key] = GivenAnswer(value: value, by: entry.actor, at: entry.at, enteredBy: entry.enteredBy)
            p.proposal = nil
            return advance(&p, from: cursor)

        case .proposed(let key, let value):
            guard let cursor = p.current, script.key(at: cursor) == key else {
                throw fail("proposes an answer to '\(key)', which is not the open question")
            }
            p.proposal = Proposal(key: key, value: value, by: entry.actor, enteredBy: entry.enteredBy)
            return .asking

        case .agreed(let key):
            guard let cursor = p.current, let proposal = p.proposal, proposal.key == key, proposal.by != entry.actor
            else {
                throw fail("agrees with '\(key)', which has no proposal from someone else")
            }
            p.answers[key] = GivenAnswer(
                value: proposal.value,
                by: proposal.by,
                at: entry.at,
                agreedBy: [entry.actor],
                enteredBy: proposal.enteredBy
            )
            p.proposal = nil
            return advance(&p, from: cursor)

        case .handedOver(let to):
            guard roster.member(to) != nil else { throw fail("hands over to '\(to)', who is not signed in") }
            p.speaker = to
            p.pendingMessages = []
            return .asking

        case .confirmed(let key):
            guard let cursor = p.current, script.key(at: cursor) == key, p.answers[key] != nil else {
                throw fail("confirms '\(key)', which has no earlier answer open")
            }
            return advance(&p, from: cursor)

        case .wentBack:
            guard let previous = p.trail.popLast() else { throw fail("goes back from the first question") }
            p.onRoute[script.key(at: previous), default: 1] -= 1
            p.current = previous
            p.pendingMessages = []
            p.proposal = nil
            return .asking

        case .noteAdded(let text):
            p.notes.append(Remark(text: text, by: entry.actor, at: entry.at, during: p.current.map(script.key)))
            return .asking

        case .concernRaised(let text):
            guard let outcome = script.outcome(script.concernOutcome) else {
                throw fail("the script declares no outcome '\(script.concernOutcome)' for concerns")
            }
            p.concerns.append(Remark(text: text, by: entry.actor, at: entry.at, during: p.current.map(script.key)))
            let ending = Ending(
                outcome: outcome,
                messages: [Message(text: outcome.message)],
                guidance: script.concernGuidance,
                byConcern: true,
                isSafetyStop: true
            )
            // In a co-run session both practitioners acknowledge the guidance before the session closes.
            p.awaitingAcknowledgement = roster.isCoRun ? roster.members.map(\.id) : []
            return roster.isCoRun ? .acknowledging(ending) : .finished(ending)

        case .paused:
            return .paused

        case .started, .concernAcknowledged, .resumed:
            throw ReplayError(
                seq: entry.seq,
                problem: .impossible(ImpossibleEvent(event: entry.event.kind, state: .asking))
            )
        }
    }

    func route(_ p: Progress) -> Route {
        Route(script: script, env: RouteEnvironment(script: script, context: context, progress: p))
    }

    /// Puts the answered question on the trail and walks to the next stop.
    private func advance(_ p: inout Progress, from cursor: Cursor) -> Next {
        p.trail.append(cursor)
        p.onRoute[script.key(at: cursor), default: 0] += 1
        p.pendingMessages = []
        let stop = route(p).next(after: cursor)
        return settle(&p, at: stop)
    }

    private func settle(_ p: inout Progress, at stop: Route.Stop) -> Next {
        switch stop {
        case .question(let cursor, let messages):
            p.current = cursor
            p.pendingMessages += messages
            return .asking
        case .outcome(let node, let cursor, let messages):
            guard case .stop(let outcomeID) = node.kind, let outcome = script.outcome(outcomeID) else {
                preconditionFailure("A stop without a declared outcome passed the loader: \(node.id)")
            }
            p.current = nil
            let text = RouteEnvironment(script: script, context: context, progress: p).pipe(node.text, at: cursor)
            let said =
                p.pendingMessages + messages + (text.isEmpty ? [] : [Message(text: text)]) + [
                    Message(text: outcome.message)
                ]
            p.pendingMessages = []
            return .finished(
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
