import Foundation
import Testing

@testable import PracticeRules

/// Issue 10 item 2: the guide's support and consultation pathways, recorded where they are drawn on.
@Suite struct SupportPathwayTests {
    @Test func everyShippedSupportQuestionOffersThePathwaysOfTheRules() throws {
        for id in ["safety-check", "session-log", "reflection", "escalation-review"] {
            let text = try PackageFiles.script(id)
            let start = try #require(
                text.range(of: "- id: \(SupportPathway.questionID)\n"),
                "\(id) has no support question"
            )
            let block = text[start.upperBound...]
            let end = block.range(of: "\n  - id: ")?.lowerBound ?? block.endIndex
            let values = block[..<end].split(separator: "\n").compactMap { line -> String? in
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("- "), let colon = t.firstIndex(of: ":") else { return nil }
                return String(t[t.index(t.startIndex, offsetBy: 2)..<colon])
            }
            #expect(values == SupportPathway.allCases.map(\.rawValue), "\(id): \(values)")
        }
    }

    @Test func supportIsRecordedStageByStage() throws {
        var run = Run()
        try run.toSessions(.universalPrevention)
        try run.complete(
            .session,
            "logged",
            Facts.session(last: true).merging(["support-drawn": "lead-study,org-supervision"]) { _, b in b }
        )
        #expect(run.project.supportDrawnOn.map(\.stage) == [.session])
        #expect(run.project.supportDrawnOn.first?.pathways == ["lead-study", "org-supervision"])
        #expect(SupportPathway.leadStudy.isReflectiveDiscussion && !SupportPathway.orgGovernance.isReflectiveDiscussion)
    }
}
