import Testing

@testable import InterviewEngine

@Suite struct InterviewStateMachineTests {
    @Test func startShowsIntroThenFirstQuestion() {
        let h = Harness()
        guard case .ask(let p, _) = h.last else {
            Issue.record("expected ask, got \(h.last)")
            return
        }
        #expect(p.key == "name")
        #expect(p.messages == ["Welcome."])
        #expect(p.number == 1)
    }

    @Test func answersPipeIntoLaterTextAndMessages() {
        var h = Harness()
        h.answer("mornings")
        #expect(h.last.prompt?.text == "Worried about mornings?")
        h.answer("no")
        #expect(h.last.prompt?.messages == ["Thanks for answering about mornings."])
        #expect(h.last.key == "level")
    }

    @Test func wrongAnswerIsReaskedWithTheProblemAndNothingJournaled() {
        var h = Harness()
        h.answer("mornings")
        let before = h.machine.journal.count
        h.answer("maybe")
        #expect(h.last.problem == "Please answer yes or no.")
        #expect(h.last.key == "worry")
        #expect(h.machine.journal.count == before)
    }

    @Test func yesOnWorryJumpsToTheEscalateStop() {
        var h = Harness()
        h.answer("mornings")
        let ending = h.answer("yes").ending
        #expect(ending?.outcome.id == "escalate")
        #expect(ending?.isSafetyStop == true)
        #expect(ending?.messages == ["Thank you for saying.", "Stopping here."])
    }

    @Test func skippedNodeIsNotAskedAndConditionRoutesOnChoice() {
        var low = Harness()
        low.answer("x")
        low.answer("no")
        low.answer("1")
        #expect(low.last.key == "areas.1.area")
        var high = Harness()
        high.answer("x")
        high.answer("no")
        high.answer("High need")
        #expect(high.last.key == "history")
        #expect(high.answer("prefer not to say").key == "areas.1.area")
        #expect(high.machine.routeAnswers.last?.value == .declined)
    }

    @Test func repeatRunsBetweenMinAndMax() {
        var h = Harness()
        h.answer("x")
        h.answer("no")
        h.answer("1")
        #expect(h.last.prompt?.repetitionLabel == "Focus area 1 (up to 3)")
        h.answer("first")
        #expect(h.last.key == "areas.1.another")
        h.answer("yes")
        #expect(h.last.prompt?.text == "Focus area 2?")
        h.answer("second")
        h.answer("yes")
        h.answer("third")
        // max reached: no "another?" question
        #expect(h.last.key == "extra")
        let keys = h.machine.routeAnswers.map(\.key)
        #expect(keys.contains("areas.3.area"))
    }

    @Test func reachingTheRepeatMaximumIsSaidBeforeTheNextQuestion() {
        var h = Harness()
        h.answer("x")
        h.answer("no")
        h.answer("1")
        h.answer("first")
        h.answer("yes")
        h.answer("second")
        #expect(h.last.prompt?.messages == [], "nothing is said before the maximum")
        h.answer("yes")
        h.answer("third")
        #expect(h.last.key == "extra")
        #expect(h.last.prompt?.messages == ["That makes 3 focus areas, the most there can be here."])
    }

    @Test func optionalQuestionCanBeSkippedRequiredCannot() {
        var h = Harness()
        let reask = h.machine.skipRequested(by: "pat", at: 5)
        #expect(reask.problem == "This question needs an answer, so it can't be skipped.")
        h.answer("x")
        h.answer("no")
        h.answer("1")
        h.answer("a")
        h.answer("no")
        #expect(h.last.key == "extra")
        let end = h.machine.skipRequested(by: "pat", at: h.clock + 1)
        #expect(end.ending?.outcome.id == "suitable")
        #expect(h.machine.routeAnswers.last?.value == .skipped)
    }

    @Test func backShowsEarlierAnswerAndEnterKeepsIt() {
        var h = Harness()
        h.answer("mornings")
        let back = h.back()
        #expect(back.key == "name")
        #expect(back.prompt?.earlier == .text("mornings"))
        #expect(h.machine.routeAnswers.isEmpty)
        h.answer("")
        #expect(h.last.key == "worry")
        #expect(h.machine.journal.last?.event == .confirmed(key: "name"))
        #expect(h.machine.routeAnswers.map(\.display) == ["mornings"])
    }

    @Test func backOnFirstQuestionSaysSo() {
        var h = Harness()
        #expect(h.back().problem == "This is the first question, so there is nothing to go back to.")
    }

    @Test func changingAnAnswerDropsOffRouteAnswersFromTheRecordButKeepsThemInTheJournal() {
        var h = Harness()
        h.answer("x")
        h.answer("no")
        h.answer("High need")
        h.answer("yes")
        #expect(h.machine.routeAnswers.map(\.key) == ["name", "worry", "level", "history"])
        h.back()
        h.back()
        h.answer("Low need")
        #expect(h.machine.routeAnswers.map(\.key) == ["name", "worry", "level"])
        #expect(h.machine.journal.contains { $0.event == .answered(key: "history", value: .yesNo(true)) })
    }

    @Test func answerComingBackOnRouteIsShownForConfirmationNotReused() {
        var h = Harness()
        h.answer("x")
        h.answer("no")
        h.answer("High need")
        h.answer("yes")
        h.back()
        h.back()
        h.answer("Low need")
        h.back()
        h.answer("High need")
        // history is back on the route: asked again, showing the earlier answer
        #expect(h.last.key == "history")
        #expect(h.last.prompt?.earlier == .yesNo(true))
        #expect(!h.machine.routeAnswers.map(\.key).contains("history"))
    }

    @Test func concernStopsQuestioningWithTheConcernOutcome() {
        var h = Harness()
        h.answer("x")
        let action = h.machine.concernRaised("Child mentioned being hurt", by: "pat", at: 99)
        #expect(action.ending?.outcome.id == "escalate")
        #expect(action.ending?.byConcern == true)
        #expect(action.ending?.guidance == "Follow safeguarding procedures now.")
        #expect(h.machine.progress?.concerns.map(\.text) == ["Child mentioned being hurt"])
        #expect(h.machine.progress?.concerns.first?.during == "worry")
    }

    @Test func pauseAndResumeReturnToTheSameQuestion() {
        var h = Harness()
        h.answer("x")
        let paused = h.machine.paused(reason: "pause", by: "pat", at: 10).action
        guard case .pause(let p) = paused else {
            Issue.record("expected pause")
            return
        }
        #expect(p.key == "worry")
        #expect(h.machine.isPaused)
        #expect(h.machine.resumed(by: "pat", at: 11).key == "worry")
    }

    @Test func noteIsAcknowledgedAndKeptWithTheOpenQuestion() {
        var h = Harness()
        let action = h.machine.noteAdded("Parent prefers mornings", by: "pat", at: 7).action
        guard case .acknowledge(let message, let p) = action else {
            Issue.record("expected acknowledge")
            return
        }
        #expect(message == "Note saved.")
        #expect(p.key == "name")
        #expect(h.machine.progress?.notes.first?.during == "name")
    }

    @Test func everyAnswerRecordsWhoAndWhen() {
        var h = Harness()
        h.answer("x", by: "lee")
        #expect(h.machine.routeAnswers.first?.by == "lee")
        #expect(h.machine.routeAnswers.first?.at == h.clock)
    }
}
