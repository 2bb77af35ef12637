import Testing

@testable import PracticeRules

/// What the cycle works out from a sensitive answer, or takes from a person's words, is sensitive too.
@Suite struct SensitivityTests {
    static let complexWithPrior = [
        "need-level": "complex", "prior-support": "yes", "motivation": "yes", "structured-support": "yes",
    ]

    @Test("the suggested type's reason is sensitive when a sensitive answer went into it")
    func reasonFromASensitiveAnswer() {
        let tagged = TypeFinder.suggest(Self.complexWithPrior) { $0 == "prior-support" }
        #expect(tagged.reason.contains("earlier support made little difference"))
        #expect(tagged.reasonSensitive)
        // Not asked (general need): nothing sensitive went into the reason.
        let general = TypeFinder.suggest(["need-level": "general", "structured-support": "no"]) {
            $0 == "prior-support"
        }
        #expect(!general.reasonSensitive)
        #expect(!TypeFinder.suggest(Self.complexWithPrior).reasonSensitive, "nothing tagged, nothing sensitive")
    }

    @Test("the machine carries the tag from the safety check's facts to the suggestion")
    func machineSuggestion() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.feed(
            .stageCompleted(
                StageResult(
                    stage: .safety,
                    sessionID: "s-safety",
                    outcome: "suitable",
                    facts: Self.complexWithPrior,
                    sensitiveKeys: ["prior-support"]
                )
            )
        )
        #expect(run.project.suggestion?.reasonSensitive == true)
        // A journal written before the tags were kept (nil) counts every fact as sensitive.
        var old = Run()
        try old.complete(.focus, "defined", Facts.focus)
        try old.feed(
            .stageCompleted(
                StageResult(
                    stage: .safety,
                    sessionID: "s-old",
                    outcome: "suitable",
                    facts: Self.complexWithPrior,
                    sensitiveKeys: nil
                )
            )
        )
        #expect(old.project.suggestion?.reasonSensitive == true)
    }

    @Test("a pause reason in a person's words and a concern are sensitive; the program's own words are not")
    func statusReasons() throws {
        var run = Run()
        try run.complete(.focus, "defined", Facts.focus)
        try run.feed(.paused(reason: "Paused between stages.", generated: true))
        #expect(run.project.statusReasonSensitive == false)
        try run.feed(.paused(reason: "Family evicted"))
        #expect(run.project.statusReasonSensitive == true)
        try run.feed(.resumed)
        #expect(run.project.statusReasonSensitive == false)
        try run.complete(.safety, "escalate", [:], concern: "a disclosure")
        #expect(run.project.status == .escalated)
        #expect(run.project.statusReasonSensitive == true)
        try run.complete(.escalationReview, "close", Facts.review)
        #expect(run.project.status == .closed)
        #expect(run.project.statusReasonSensitive == false, "'Closed after a concern' is the program's own words")
    }
}
