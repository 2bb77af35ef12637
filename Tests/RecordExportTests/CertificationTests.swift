import Foundation
import PracticeRules
import RecordExport
import Testing

/// Certification evidence is evidence gathered and still to gather, never a grade.
@Suite("Certification evidence")
struct CertificationTests {
    /// "pass", "fail", "passed" or "failed" as whole words, any case.
    static func gradeWords(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"\b(pass|fail|passed|failed)\b"#, options: [.caseInsensitive])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static func json(_ evidence: CertificationEvidence) throws -> String {
        String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
    }

    static func point(_ evidence: CertificationEvidence, _ prefix: String) throws -> CertificationEvidence.Point {
        try #require(evidence.points.first { $0.title.hasPrefix(prefix) }, "no point titled \(prefix)...")
    }

    enum Stage: String, CaseIterable, Sendable { case empty, partial, complete }

    static func evidence(_ stage: Stage) throws -> CertificationEvidence {
        switch stage {
        case .empty:
            return CertificationEvidence(profile: PractitionerProfile(id: "new", name: "New Starter"), records: [])
        case .partial:
            return CertificationEvidence(
                profile: Fixture.linkProfile(completed: [.introduction, .foundations]),
                records: withheld([
                    try Fixture.record(id: "mp-part01", participant: "BR-001"),
                    try Fixture.record(id: "mp-part02", participant: "BR-002", status: "active", reflection: nil),
                    try Fixture.record(
                        id: "mp-part03",
                        participant: "BR-003",
                        status: "escalated",
                        escalations: [
                            Fixture.escalation(reason: "A worry", procedure: nil, consulted: nil, decision: nil)
                        ]
                    ),
                ])
            )
        case .complete:
            return CertificationEvidence(
                profile: Fixture.linkProfile(peerLearning: ["2026-10-01"]),
                records: withheld(
                    try ["BR-001", "BR-002", "BR-003"].enumerated().map {
                        try Fixture.record(id: "mp-full0\($0.offset)", participant: $0.element)
                    }
                )
            )
        }
    }

    @Test("the wording never says pass or fail", arguments: Stage.allCases)
    func noGradeWords(_ stage: Stage) throws {
        let evidence = try Self.evidence(stage)
        #expect(Self.gradeWords(in: evidence.markdown).isEmpty, "\(evidence.markdown)")
        let json = try Self.json(evidence)
        #expect(Self.gradeWords(in: json).isEmpty, "\(json)")
        #expect(evidence.markdown.contains("it is not a grade"))
    }

    @Test("the whole-word check itself catches grade words and leaves other words alone")
    func gradeWordCheck() {
        #expect(Self.gradeWords(in: "You PASSED. Failed twice; pass!").count == 3)
        #expect(Self.gradeWords(in: "passing, bypass, failure, compass").isEmpty)
    }

    @Test("empty evidence: everything is still to gather")
    func empty() throws {
        let evidence = try Self.evidence(.empty)
        #expect(evidence.points.count == 5)
        for point in evidence.points {
            #expect(!point.stillToGather.isEmpty, "\(point.title) has nothing still to gather")
        }
        #expect(
            try Self.point(evidence, "Three microprojects").stillToGather == [
                "3 more closed microprojects with a participant not yet worked with"
            ]
        )
        #expect(evidence.markdown.contains("- Evidence gathered: none yet"))
    }

    @Test("complete evidence: nothing still to gather")
    func complete() throws {
        let evidence = try Self.evidence(.complete)
        for point in evidence.points {
            #expect(point.stillToGather.isEmpty, "\(point.title): \(point.stillToGather)")
            #expect(!point.gathered.isEmpty, "\(point.title) has no evidence")
        }
        #expect(!evidence.markdown.contains("Still to gather"))
    }

    @Test("partial evidence: only closed microprojects count; an unreviewed concern is still to gather")
    func partial() throws {
        let evidence = try Self.evidence(.partial)
        let three = try Self.point(evidence, "Three microprojects")
        #expect(three.gathered.count == 1, "\(three.gathered)")
        #expect(three.gathered.first?.hasPrefix("mp-part01:") == true)
        #expect(three.stillToGather == ["2 more closed microprojects with a participant not yet worked with"])
        let pathways = try Self.point(evidence, "Learning pathways")
        #expect(pathways.stillToGather == ["Informed Practitioner training", "Link training"])
        let boundaries = try Self.point(evidence, "Boundaries")
        #expect(boundaries.stillToGather == ["a recorded review for each concern raised"])
    }

    @Test("three closed microprojects with the same participant count as one")
    func sameParticipantCountsOnce() throws {
        let records = try (1...3).map { try Fixture.record(id: "mp-same0\($0)", participant: "BR-014") }
        let evidence = CertificationEvidence(profile: Fixture.linkProfile(), records: withheld(records))
        let three = try Self.point(evidence, "Three microprojects")
        #expect(three.gathered.count == 1, "\(three.gathered)")
        #expect(three.stillToGather == ["2 more closed microprojects with a participant not yet worked with"])
        // Reflection is evidence per microproject, not per participant.
        #expect(try Self.point(evidence, "Reflective practice").gathered.count == 3)
    }
}
