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
        #expect(
            three.stillToGather == [
                "2 more closed microprojects with a participant not yet worked with",
                "in progress: mp-part02 (active), mp-part03 (escalated)",
            ]
        )
        let pathways = try Self.point(evidence, "Learning pathways")
        #expect(pathways.stillToGather == ["Informed Practitioner training", "Link training"])
        let boundaries = try Self.point(evidence, "Boundaries")
        #expect(
            boundaries.gathered.contains(
                "0 of 1 concern followed up with a recorded review; awaiting a review: mp-part03"
            ),
            "\(boundaries.gathered)"
        )
        #expect(
            boundaries.stillToGather == [
                "a recorded review of the concern in mp-part03 (microproject continue mp-part03)"
            ]
        )
    }

    @Test("the licence and its expiry are shown, and whether it has expired on the day")
    func licence() throws {
        let valid = CertificationEvidence(profile: Fixture.linkProfile(), records: [], today: "2026-12-01")
        #expect(valid.markdown.contains("- **Licence:** Link, valid until 31 August 2030"), "\(valid.markdown)")
        #expect(valid.licenceExpires == "2030-08-31" && valid.licenceExpired == false)
        let expired = CertificationEvidence(profile: Fixture.linkProfile(), records: [], today: "2030-09-01")
        #expect(expired.markdown.contains("- **Licence:** Link, expired on 31 August 2030"), "\(expired.markdown)")
        let none = CertificationEvidence(profile: PractitionerProfile(id: "new", name: "New"), records: [])
        #expect(none.markdown.contains("- **Licence:** none recorded"))
    }

    @Test("every training of the level is listed with its date, or says the date was not recorded")
    func trainingsWithDates() throws {
        var profile = Fixture.linkProfile()
        profile.completedOn = ["informed-practitioner": "2026-03-03", "link-training": "2026-04-14"]
        let link = try Self.point(CertificationEvidence(profile: profile, records: []), "Learning pathways")
        #expect(
            link.gathered == [
                "I Matter Introduction pathway: completed (date not recorded)",
                "Level 1-2 Foundations (with study support): completed (date not recorded)",
                "Informed Practitioner training: recorded as completed on 3 March 2026",
                "Link training: recorded as completed on 14 April 2026",
            ]
        )
        // A Lead who has run a Type 1 microproject: Deep Dive and Lead training, and the Link trainings too.
        var lead = profile
        lead.licence = Licence(level: .lead, expires: "2030-08-31")
        let records = withheld([try Fixture.record(id: "mp-lead01", participant: "BR-009", type: 1)])
        let both = try Self.point(CertificationEvidence(profile: lead, records: records), "Learning pathways")
        #expect(both.stillToGather == ["Deep Dive", "Lead training"])
        #expect(both.gathered.contains { $0.hasPrefix("Link training:") })
        let leadOnly = try Self.point(CertificationEvidence(profile: lead, records: []), "Learning pathways")
        #expect(!leadOnly.gathered.contains { $0.hasPrefix("Link training") }, "\(leadOnly.gathered)")
    }

    @Test("a pathway newly recorded as completed is dated that day; older ones keep no date; dates are kept")
    func completionDatesRecordedGoingForward() {
        let old = PractitionerProfile(id: "sam", name: "Sam", completed: [.introduction])
        var updated = old
        updated.completed.insert(.foundations)
        let saved = updated.recordingCompletionDates(since: old, on: "2026-12-01")
        #expect(saved.completedOn == ["foundations": "2026-12-01"])
        var later = saved
        later.completed.insert(.linkTraining)
        let again = later.recordingCompletionDates(since: saved, on: "2027-01-05")
        #expect(again.completedOn == ["foundations": "2026-12-01", "link-training": "2027-01-05"])
        let new = PractitionerProfile(id: "kim", name: "Kim", completed: [.introduction])
        #expect(
            new.recordingCompletionDates(since: nil, on: "2026-12-01").completedOn == ["introduction": "2026-12-01"]
        )
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
