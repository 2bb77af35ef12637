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
        case (.new, .started(let context)):
            self.context = context
            var p = Progress(startedAt: entry.at)
            if let intro = script.intro { p.pendingMessages = [intro] }
            state = settle(p, at: route(p).first())

        case (.asking(var p), .answered(let key, let value)):
            guard let cursor = p.current, script.key(at: cursor) == key else {
                throw fail("answers '\(key)' but the open question is '\(p.current.map(script.key) ?? "none")'")
            }
            p.answers[key] = GivenAnswer(value: value, by: entry.actor, at: entry.at)
            state = advance(p, from: cursor)

        case (.asking(let p), .confirmed(let key)):
            guard let cursor = p.current, script.key(at: cursor) == key, p.answers[key] != nil else {
                throw fail("confirms '\(key)', which has no earlier answer open")
            }
            state = advance(p, from: cursor)

        case (.asking(var p), .wentBack):
            guard let previous = p.trail.popLast() else { throw fail("goes back from the first question") }
            p.onRoute[script.key(at: previous), default: 1] -= 1
            p.current = previous
            p.pendingMessages = []
            state = .asking(p)

        case (.asking(var p), .noteAdded(let text)):
            p.notes.append(Remark(text: text, by: entry.actor, at: entry.at, during: p.current.map(script.key)))
            state = .asking(p)

        case (.asking(var p), .concernRaised(let text)):
            p.concerns.append(Remark(text: text, by: entry.actor, at: entry.at, during: p.current.map(script.key)))
            guard let outcome = script.outcome(script.concernOutcome) else {
                throw fail("the script declares no outcome '\(script.concernOutcome)' for concerns")
            }
            state = .finished(p, Ending(
                outcome: outcome, messages: [outcome.message], guidance: script.concernGuidance, byConcern: true,
                isSafetyStop: true))

        case (.asking(let p), .paused):
            state = .paused(p)

        case (.paused(let p), .resumed):
            state = .asking(p)

        default:
            throw fail("'\(entry.event.kind)' cannot happen while the interview is \(stateName)")
        }
        journal.append(entry)
        if var p = progress {
            p.updatedAt = entry.at
            replaceProgress(p)
        }
    }

    var stateName: String {
        switch state {
        case .new: "not started"
        case .asking: "asking"
        case .paused: "paused"
        case .finished: "finished"
        }
    }

    private mutating func replaceProgress(_ p: Progress) {
        switch state {
        case .new: break
        case .asking: state = .asking(p)
        case .paused: state = .paused(p)
        case .finished(_, let e): state = .finished(p, e)
        }
    }

    private func route(_ p: Progress) -> Route {
        Route(script: script, env: RouteEnvironment(script: script, context: context, progress: p))
    }

    /// Puts the answered question on the trail and walks to the next stop.
    private func advance(_ progress: Progress, from cursor: Cursor) -> State {
        var p = progress
        p.trail.append(cursor)
        p.onRoute[script.key(at: cursor), default: 0] += 1
        p.pendingMessages = []
        return settle(p, at: route(p).next(after: cursor))
    }

    private func settle(_ progress: Progress, at stop: Route.Stop) -> State {
        var p = progress
        switch stop {
        case .question(let cursor, let messages):
            p.current = cursor
            p.pendingMessages += messages
            return .asking(p)
        case .outcome(let node, let cursor, let messages):
            guard case .stop(let outcomeID) = node.kind, let outcome = script.outcome(outcomeID) else {
                preconditionFailure("A stop without a declared outcome passed the loader: \(node.id)")
            }
            p.current = nil
            let text = RouteEnvironment(script: script, context: context, progress: p).pipe(node.text, at: cursor)
            let said = p.pendingMessages + messages + (text.isEmpty ? [] : [text]) + [outcome.message]
            return .finished(p, Ending(
                outcome: outcome, messages: said, guidance: node.guidance ?? outcome.guidance, byConcern: false,
                isSafetyStop: outcome.id == script.concernOutcome))
        case .ranOff:
            preconditionFailure("The script ran past its last node; the loader should have refused it")
        }
    }
}
