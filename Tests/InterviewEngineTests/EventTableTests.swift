import Testing

@testable import InterviewEngine

/// Every live event in every state: the step it documents, or the loud failure of a pair that cannot happen.
@Suite struct EventTableTests {
    enum StateUnderTest: String, CaseIterable, Sendable {
        case new, asking, paused, acknowledging, finished
    }

    static let t0: Timestamp = 1_764_000_000_000

    /// A co-run consult (so hand-over and acknowledgements are possible) in the state asked for.
    static func machine(in state: StateUnderTest) -> InterviewStateMachine {
        if state == .new { return InterviewStateMachine(script: CoRunScripts.consult) }
        var (m, _) = InterviewStateMachine.start(
            script: CoRunScripts.consult,
            context: [:],
            roster: CoRunScripts.pair,
            by: "sam",
            at: t0
        )
        switch state {
        case .new, .asking: break
        case .paused: _ = m.paused(reason: "pause", by: "sam", at: t0 + 1)
        case .acknowledging: _ = m.concernRaised("worried", by: "sam", at: t0 + 1)
        case .finished:
            _ = m.concernRaised("worried", by: "sam", at: t0 + 1)
            _ = m.concernAcknowledged(by: "sam", at: t0 + 2)
            _ = m.concernAcknowledged(by: "ann", at: t0 + 3)
        }
        return m
    }

    /// The events of the table, each with who does it.
    static let events: [(String, InterviewStateMachine.Event, String)] = [
        ("started", .started(context: [:], roster: CoRunScripts.pair), "sam"),
        ("answer", .answer("Calmer evenings"), "ann"),
        ("skip", .skip, "ann"),
        ("back", .back, "sam"),
        ("note", .note("a note"), "sam"),
        ("concern", .concern("worried"), "sam"),
        ("pause", .pause(reason: "pause"), "sam"),
        ("resume", .resume, "sam"),
        ("hand-over", .handOver(to: "ann"), "sam"),
        ("acknowledge", .acknowledge, "sam"),
    ]

    /// What each pair does, in a line: the entries appended, the status, the action and its notice or problem.
    static let expected: [String: String] = [
        "new/started": "[started] asking cursor=hopes ask",
        "asking/answer": "[answered] asking cursor=well ask notice=Saved.",
        "asking/skip": "[] asking cursor=hopes reask: This question needs an answer, so it can't be skipped.",
        "asking/back": "[] asking cursor=hopes reask: This is the first question, so there is nothing to go back to.",
        "asking/note": "[note] asking cursor=hopes acknowledge: Note saved.",
        "asking/concern": "[concern] acknowledging cursor=- acknowledgeConcern by sam",
        "asking/pause": "[paused] paused cursor=hopes pause",
        "asking/hand-over": "[handed-over] asking cursor=hopes ask notice=Ann Lee now has the keyboard.",
        "paused/resume": "[resumed] asking cursor=hopes ask",
        "acknowledging/acknowledge": "[concern-acknowledged] acknowledging cursor=- acknowledgeConcern by ann",
    ]

    static func describe(_ step: Step) -> String {
        let status: String
        switch step.status {
        case .asking: status = "asking"
        case .paused: status = "paused"
        case .acknowledging: status = "acknowledging"
        case .finished(let outcome): status = "finished(\(outcome))"
        }
        let action: String
        switch step.action {
        case .ask(_, let notice): action = "ask" + (notice.map { " notice=\($0.words)" } ?? "")
        case .reask(_, let problem): action = "reask: \(problem.words)"
        case .acknowledge(let words, _): action = "acknowledge: \(words)"
        case .acknowledgeConcern(_, let who): action = "acknowledgeConcern by \(who)"
        case .finish(let ending, let notice): action = "finish \(ending.outcome.id)" + (notice.map { " \($0)" } ?? "")
        case .pause: action = "pause"
        }
        return
            "[\(step.appended.map(\.event.kind).joined(separator: ","))] \(status) cursor=\(step.cursor ?? "-") \(action)"
    }

    @Test(arguments: StateUnderTest.allCases)
    func everyEventInEveryState(state: StateUnderTest) {
        for (name, event, actor) in Self.events {
            var m = Self.machine(in: state)
            let before = m
            let pair = "\(state.rawValue)/\(name)"
            do {
                let step = try m.step(event, by: actor, at: Self.t0 + 10)
                guard let documented = Self.expected[pair] else {
                    Issue.record("\(pair) should fail loudly but gave \(Self.describe(step))")
                    continue
                }
                #expect(Self.describe(step) == documented, "\(pair)")
                // What the step says was appended is what the journal gained, and replay agrees.
                #expect(Array(m.journal.dropFirst(before.journal.count)) == step.appended, "\(pair)")
                #expect((try? InterviewStateMachine(script: m.script, replaying: m.journal)) == m, "\(pair)")
            } catch {
                #expect(Self.expected[pair] == nil, "\(pair) was documented but failed: \(error)")
                #expect(error.event == event.name, "\(pair)")
                #expect(error.state == before.status, "\(pair)")
                #expect(m == before, "\(pair): a refused event changed the machine")
                #expect(error.description.contains(before.status.rawValue), "\(pair): \(error)")
            }
        }
    }

    /// Every journal event in every state, as replay sees it: a pair that cannot happen fails with both named; a
    /// pair that can happen either applies or says why the entry does not fit.
    @Test(arguments: StateUnderTest.allCases)
    func everyJournalEventInEveryState(state: StateUnderTest) {
        let events: [JournalEvent] = [
            .started(context: [:], roster: CoRunScripts.pair), .answered(key: "hopes", value: .text("x")),
            .confirmed(key: "hopes"), .proposed(key: "hopes", value: .text("x")), .agreed(key: "hopes"),
            .handedOver(to: "ann"), .concernAcknowledged, .wentBack, .noteAdded("n"), .concernRaised("c"),
            .paused(reason: "p"), .resumed,
        ]
        let possible: [StateUnderTest: Set<String>] = [
            .new: ["started"],
            .asking: [
                "answered", "confirmed", "proposed", "agreed", "handed-over", "went-back", "note", "concern", "paused",
            ],
            .paused: ["resumed"],
            .acknowledging: ["concern-acknowledged"],
            .finished: [],
        ]
        for event in events {
            var m = Self.machine(in: state)
            let before = m
            let entry = JournalEntry(seq: m.journal.count + 1, at: Self.t0 + 10, actor: "sam", event: event)
            do {
                try m.apply(entry)
                #expect(possible[state]!.contains(event.kind), "\(state)/\(event.kind) applied")
            } catch {
                #expect(m == before, "\(state)/\(event.kind): a refused entry changed the machine")
                if case .impossible(let impossible) = error.problem {
                    #expect(!possible[state]!.contains(event.kind), "\(state)/\(event.kind): \(error)")
                    #expect(impossible == ImpossibleEvent(event: event.kind, state: before.status))
                } else {
                    #expect(possible[state]!.contains(event.kind), "\(state)/\(event.kind): \(error)")
                }
            }
        }
    }

    @Test func oneAnswerBuildsOnePrompt() {
        var h = Harness()
        let counter = PromptCount()
        PromptCount.$current.withValue(counter) {
            h.answer("mornings")
        }
        // Before: the open question's prompt, the next one, and the store's cursor built it again (3).
        #expect(counter.built == 1)
        PromptCount.$current.withValue(counter) {
            h.answer("maybe")  // refused: the re-ask is the one prompt
        }
        #expect(counter.built == 2)
    }
}
