import Testing

@testable import PracticeRules

/// Issue 10 item 4: time-limited and bounded.
@Suite struct TimeLimitTests {
    @Test(arguments: [
        ("2026-11-29", "2027-05-29"), ("2026-08-31", "2027-02-28"), ("2027-08-31", "2028-02-29"),
        ("2026-01-15", "2026-07-15"),
    ])
    func sixMonthsOn(from: String, to: String) {
        #expect(TimeLimit.limit(from: from) == to)
    }

    @Test func dayFromMillis() {
        #expect(TimeLimit.day(millis: 0) == "1970-01-01")
        #expect(TimeLimit.day(millis: 1_795_942_800_000) == "2026-11-29")
        #expect(TimeLimit.day(millis: 951_782_400_000) == "2000-02-29")
    }

    @Test func aPlanMoreThanSixMonthsAheadNeedsAReason() throws {
        var run = Run()  // its clock is 2026-11-29
        try run.toPlan(.universalPrevention)
        var plan = Facts.plan(.universalPrevention)
        plan["end-date"] = "2027-06-30"
        let refusal = run.refuse(
            .stageCompleted(StageResult(stage: .plan, sessionID: "s-plan", outcome: "planned", facts: plan))
        )
        #expect(refusal.contains("more than six months ahead"), "\(refusal)")
        plan["long-end-reason"] = "the school year"
        try run.complete(.plan, "planned", plan)
        #expect(run.project.longEndReason == "the school year")
    }

    @Test func overdueExtendedOrMovedToClosure() throws {
        var run = Run()
        try run.toSessions(.universalPrevention)  // planned end 2027-03-31
        #expect(!TimeLimit.isOverdue(run.project, today: "2027-03-31"))
        #expect(TimeLimit.isOverdue(run.project, today: "2027-04-01"))
        #expect(run.refuse(.endDateExtended(to: "2027-03-01", reason: "later")).contains("later than 2027-03-31"))
        #expect(run.refuse(.endDateExtended(to: "2027-05-31", reason: " ")).contains("needs its reason"))
        try run.feed(.endDateExtended(to: "2027-05-31", reason: "the family was away"))
        #expect(run.project.plannedEnd == "2027-05-31")
        #expect(run.project.endDateExtensions.map(\.from) == ["2027-03-31"])
        try run.feed(.movedToClosure)
        #expect(run.project.due == .reflection)
        #expect(run.refuse(.movedToClosure).contains("agreement or sessions"))
    }
}
