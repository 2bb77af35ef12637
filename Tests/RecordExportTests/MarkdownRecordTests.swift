import Foundation
import InterviewEngine
import RecordExport
import Testing

/// Issue 11, item 3: the Markdown record is the whole story for a person, dates in words, no internal ids,
/// sensitive parts left out unless disclosed.
@Suite("Markdown record")
struct MarkdownRecordTests {
    static let worry = "Dad lost his job in October"
    static let concern = "Said something worrying about home"

    /// A closed Type 4 microproject with every stage, two tracker sessions, a concern and its review.
    static func typeFour() throws -> MicroprojectRecord {
        func date(_ key: String, _ day: String) -> [String: Any] { Fixture.answer(key, day, type: "date") }
        var record = try Fixture.record(
            id: "mp-story1",
            participant: "BR-100",
            type: 4,
            focusAreas: ["Evenings at home", "Talking about school"],
            escalations: [
                Fixture.escalation(
                    reason: concern,
                    procedure: "Spoke to the DSL",
                    consulted: "Jo, DSL",
                    decision: "resume"
                )
            ],
            stages: [
                Fixture.stage(
                    "focus",
                    session: "sfocus1",
                    answers: [Fixture.answer("exploring", "What helps at bedtime")]
                ),
                Fixture.stage(
                    "safety",
                    session: "ssafe01",
                    outcome: "suitable",
                    answers: [Fixture.answer("money", worry, sensitive: true)]
                ),
                Fixture.stage(
                    "type-decision",
                    session: "stype01",
                    answers: [Fixture.answer("reason", "Earlier support made little difference")]
                ),
                Fixture.stage("consult", session: "scons01"),
                Fixture.stage(
                    "plan",
                    session: "splan01",
                    answers: [date("end-date", "2027-01-15"), Fixture.answer("how", "Six sessions after school")]
                ),
                Fixture.stage("agreement", session: "sagre01", outcome: "agreed"),
                Fixture.stage(
                    "session",
                    session: "sess001",
                    answers: [
                        date("session-date", "2026-11-20"), Fixture.answer("kind", "Core", type: "one-of"),
                        Fixture.answer("worked-on", "Bedtime routine, the I Matter wheel"),
                        Fixture.answer("noticed", "Calmer talk about mornings"),
                        Fixture.answer("progress", 2, type: "scale"),
                        Fixture.answer("boundaries", "Yes", type: "yes-no"),
                    ]
                ),
                Fixture.stage("escalation-review", session: "srevw01", outcome: "resume"),
                Fixture.stage(
                    "session",
                    session: "sess002",
                    answers: [
                        date("session-date", "2026-12-01"), Fixture.answer("kind", "Backup", type: "one-of"),
                        Fixture.answer("noticed", "Asked for a pause himself"),
                        Fixture.answer("progress", 4, type: "scale"),
                    ]
                ),
                Fixture.stage("reflection", session: "srefl01"),
                Fixture.stage(
                    "closure",
                    session: "sclos01",
                    outcome: "closed",
                    answers: [Fixture.answer("closing-note", "A steady finish")]
                ),
            ],
            plannedEnd: "2027-01-15"
        )
        record.type?.title = "Type 4: Complex Engagement"
        record.suggestedType?.title = "Type 4: Complex Engagement"
        record.trackerLevel = "required-enhanced"
        record.priorities = ["Calmer evenings", "Words for feelings"]
        record.statusReason = "Every closure criterion holds."
        record.startedAt = "2026-11-01T08:15:00.000Z"
        record.escalations[0].at = "2026-11-22T14:05:09.120Z"
        record.escalations[0].reviewSessionID = "srevw01"
        record.stages[7].record.endedAt = "2026-11-24T10:00:00.000Z"
        record.stages[record.stages.count - 1].record.endedAt = "2026-12-10T16:00:00.000Z"
        return record
    }

    @Test(
        "the whole story: focus, safety, type and why, priorities, plan, every session, reflection, concerns, closure"
    )
    func wholeStory() throws {
        let text = Disclosed(try Self.typeFour(), .everything).markdown
        let inOrder = [
            "## Focus", "Evenings at home", "What helps at bedtime", "## Suitability and safety check",
            "Outcome: **suitable**", "## Type and why", "Type 4: Complex Engagement",
            "Earlier support made little difference",
            "## Agreed priorities", "1. Calmer evenings", "2. Words for feelings", "## The plan",
            "Six sessions after school", "## Sessions: the enhanced tracker", "### Session 1: 20 November 2026 (core)",
            "- **Worked on:** Bedtime routine, the I Matter wheel", "- **Changes noticed:** Calmer talk about mornings",
            "- **Progress (1-5):** 2 of 5", "- **Within role boundaries:** Yes",
            "### Session 2: 1 December 2026 (backup)",
            "- **Changes noticed:** Asked for a pause himself", "- **Progress (1-5):** 4 of 5", "## Reflection",
            "### What was noticed in relationships or communication", "Calmer mornings",
            "### What changed, if anything, in understanding or response", "### What felt helpful or unhelpful",
            "### What learning emerged for future practice",
            "### Whether anything requires escalation or referral", "none: nothing needs escalating or referring",
            "## Concerns and what was done", "on 22 November 2026 at 14:05 UTC", Self.concern,
            "Reviewed on 24 November 2026; consulted: Jo, DSL; what was done: Spoke to the DSL; decision: carry on.",
            "## Closure", "Closed on 10 December 2026: Every closure criterion holds.", "A steady finish",
        ]
        var rest = Substring(text)
        for part in inOrder {
            let found = try #require(rest.range(of: part), "\(part) missing or out of order in:\n\(text)")
            rest = rest[found.upperBound...]
        }
        #expect(text.contains("**Started:** 1 November 2026   **Closed:** 10 December 2026 (after 39 days)"), "\(text)")
        #expect(text.contains("**Planned end:** 15 January 2027 (75 days planned)"), "\(text)")
    }

    @Test("no internal session id and no machine time or date appears; the microproject's id does")
    func noIdsNoMachineDates() throws {
        let record = try Self.typeFour()
        for disclosure in [Disclosure.everything, .withholding()] {
            let text = Disclosed(record, disclosure).markdown
            for stage in record.stages { #expect(!text.contains(stage.sessionID), "\(stage.sessionID) in:\n\(text)") }
            #expect(text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil, "\(text)")
            #expect(!text.contains("Session logged (session"))
            #expect(!text.contains("\n\n\n"), "more than one blank line in a row")
            #expect(text.contains("mp-story1"))
        }
    }

    @Test("sensitive parts go through the redactor: left out unless disclosed, and said to be left out")
    func sensitiveLeftOut() throws {
        let record = try Self.typeFour()
        let shown = Disclosed(record, .withholding()).markdown
        #expect(!shown.contains(Self.worry) && !shown.contains(Self.concern) && !shown.contains("Jo, DSL"), "\(shown)")
        #expect(shown.contains("Some answers are left out: sensitive; export with --include-sensitive to see them."))
        #expect(shown.contains("a concern was raised (left out: sensitive"), "\(shown)")
        #expect(shown.contains("decision: carry on."))
        let full = Disclosed(record, .everything).markdown
        #expect(full.contains(Self.worry) && full.contains(Self.concern))
    }

    @Test("a microproject just started says what is not done yet, without inventing anything")
    func justStarted() throws {
        let record = try Fixture.record(
            id: "mp-story2",
            participant: "BR-101",
            status: "active",
            type: nil,
            stages: [Fixture.stage("focus", session: "sfocus2")],
            safetyOutcome: nil,
            plannedEnd: nil,
            offered: nil,
            takenUp: nil
        )
        let text = Disclosed(record, .withholding()).markdown
        for part in [
            "- **Type:** not yet chosen", "## Suitability and safety check\n\nNot done yet.", "No plan made yet.",
            "No session logged yet.", "## Reflection\n\nNot done yet.", "Not closed yet.",
            "**Planned end:** not planned yet",
        ] {
            #expect(text.contains(part), "\(part) missing in:\n\(text)")
        }
        #expect(!text.contains("## Concerns"))
    }
}
