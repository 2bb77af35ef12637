import Testing

@testable import InterviewEngine

@Suite struct ReplayTests {
    /// A long, winding session: answers, wrong answers, backs, notes, a pause, a resume, a repeat.
    static func windingSession() -> Harness {
        var h = Harness()
        h.answer("mornings")
        h.answer("maybe")
        h.answer("no")
        _ = h.machine.noteAdded("note one", by: "pat", at: h.clock + 1)
        h.answer("High need")
        h.answer("yes")
        h.back()
        h.back()
        h.answer("Low need")
        h.back()
        h.answer("High need")
        h.answer("")
        _ = h.machine.paused(reason: "pause", by: "pat", at: h.clock + 2)
        _ = h.machine.resumed(by: "sam", at: h.clock + 3)
        h.answer("area one")
        h.answer("yes")
        h.answer("area two", by: "sam")
        h.answer("no")
        return h
    }

    @Test func replayReproducesTheStateExactly() throws {
        let live = Self.windingSession().machine
        let replayed = try InterviewStateMachine(script: TestScripts.check, replaying: live.journal)
        #expect(replayed == live)
        #expect(replayed.currentPrompt == live.currentPrompt)
    }

    @Test func replayOfEveryPrefixMatchesTheLiveMachineAtThatPoint() throws {
        var h = Harness()
        var snapshots = [h.machine]
        for text in ["x", "no", "2", "yes", "a", "no", "done"] {
            h.answer(text)
            snapshots.append(h.machine)
        }
        for snapshot in snapshots {
            let replayed = try InterviewStateMachine(script: TestScripts.check, replaying: snapshot.journal)
            #expect(replayed == snapshot)
        }
        #expect(h.machine.ending?.outcome.id == "suitable")
    }

    @Test func aJournalThatDoesNotFitTheScriptIsRefused() {
        var journal = Self.windingSession().machine.journal
        journal[2].event = .answered(key: "nonsense", value: .text("x"))
        #expect(throws: ReplayError.self) {
            try InterviewStateMachine(script: TestScripts.check, replaying: journal)
        }
    }

    @Test func aGapInSequenceNumbersIsRefused() {
        var journal = Self.windingSession().machine.journal
        journal.remove(at: 1)
        #expect(throws: ReplayError(seq: 3, problem: .outOfSequence(expected: 2))) {
            try InterviewStateMachine(script: TestScripts.check, replaying: journal)
        }
    }

    @Test func recordIsBuiltFromTheRouteOnly() throws {
        var h = Self.windingSession()
        _ = h.machine.skipRequested(by: "pat", at: h.clock + 1)
        let record = try #require(h.machine.captureRecord(sessionID: "abc123"))
        #expect(record.outcome.id == "suitable")
        #expect(
            record.answers.map(\.key) == [
                "name", "worry", "level", "history", "areas.1.area", "areas.1.another",
                "areas.2.area", "areas.2.another", "extra",
            ]
        )
        #expect(record.answers.last?.status == "skipped")
        #expect(record.answers.last?.value == .null)
        #expect(record.notes.map(\.text) == ["note one"])
        #expect(record.answers.first { $0.key == "areas.2.area" }?.answeredBy == "sam")
    }
}
