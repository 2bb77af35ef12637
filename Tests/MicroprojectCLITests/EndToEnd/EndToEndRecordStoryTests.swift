import Foundation
import Testing

/// Issue 11, item 3, through the built binary: the Markdown record of a real Type 4 microproject tells the
/// whole story, the enhanced tracker session by session, in words and with no internal session id.
@Suite("End to end: the Markdown record is the whole story")
struct EndToEndRecordStoryTests {
    @Test("a closed Type 4: priorities, plan, each tracker session, the five reflection headings, closure")
    func typeFourStory() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        try await MP.addConsultant(sandbox)
        let lines = MP.stages(
            MP.focus(code: "BR-041", area: "Repeated evening arguments", exploring: "What keeps the cycle going"),
            MP.safety(need: "complex", structured: true),
            MP.typeDecision("complex"),
            MP.consult(type: 4),
            MP.plan(type: 4, sessions: 2, backup: 0),
            MP.agreement,
            MP.session(1, last: false, type: 4),
            MP.session(2, last: true, type: 4),
            MP.reflection,
            MP.closure()
        )
        let run = try await sandbox.run(["start", "--practitioner", "lee"], lines: lines)
        let id = try #require(MP.id(in: run.stdout), "no microproject id: \(run.transcript)")
        try #require(run.exitCode == 0, "\(run.transcript)")
        let markdownPath = sandbox.recordPath(id: id).replacingOccurrences(of: ".json", with: ".md")
        let text = try String(contentsOfFile: markdownPath, encoding: .utf8)

        let inOrder =
            [
                "## Focus", "Repeated evening arguments", "## Suitability and safety check", "## Type and why",
                "Type 4: Complex Engagement", "## Agreed priorities",
            ]
            + MP.consultPriorities.enumerated().map { "\($0.offset + 1). \($0.element)" }
            + [
                "## The plan", "How the evenings go and how they feel", "## Sessions: the enhanced tracker",
                "### Session 1: ", "- **Worked on:** \(MP.workedOn(1))",
                "- **Changes noticed:** Noticed a small shift in session 1", "- **Progress (1-5):** 3 of 5",
                "### Session 2: ", "- **Worked on:** \(MP.workedOn(2))", "## Reflection",
                "### What was noticed in relationships or communication", MP.reflectionAnswers[0],
                "### What changed, if anything, in understanding or response", MP.reflectionAnswers[1],
                "### What felt helpful or unhelpful", MP.reflectionAnswers[2],
                "### What learning emerged for future practice", MP.reflectionAnswers[3],
                "### Whether anything requires escalation or referral", "## Closure", "Closed on ",
            ]
        var rest = Substring(text)
        for part in inOrder {
            let found = try #require(rest.range(of: part), "\(part) missing or out of order in:\n\(text)")
            rest = rest[found.upperBound...]
        }
        #expect(text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil, "a machine date:\n\(text)")
        #expect(!text.contains("Session logged (session"), "\(text)")
        let json = try MP.record(sandbox, id: id)
        for stage in json["stages"] as? [[String: Any]] ?? [] {
            let session = try #require(stage["sessionID"] as? String)
            #expect(!text.contains(session), "internal session id \(session) in:\n\(text)")
        }
    }
}
