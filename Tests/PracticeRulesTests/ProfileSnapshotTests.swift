import Foundation
import Testing

@testable import PracticeRules

/// The profile a microproject used, journaled as an event: the record reads it, never the live profile.
@Suite struct ProfileSnapshotTests {
    static let link = PractitionerProfile(
        id: "sam",
        name: "Sam Khan",
        licence: Licence(level: .link, expires: "2030-08-31"),
        completed: [.linkTraining, .introduction, .informedPractitioner, .foundations],
        organisationalApproval: true,
        peerLearning: ["2026-10-02", "2026-03-01"]
    )

    @Test func aSnapshotKeepsEveryFactInAStableOrder() throws {
        let s = ProfileSnapshot(Self.link)
        #expect(s.completed == [.introduction, .foundations, .informedPractitioner, .linkTraining])
        #expect(s.peerLearning == ["2026-03-01", "2026-10-02"])
        #expect(s.licence == Licence(level: .link, expires: "2030-08-31"))
        #expect(s.organisationalApproval && !s.seniorConsultant && s.role == nil)
        #expect(s.rulesVersion == ProfileSnapshot.currentRulesVersion)
        // The same profile encodes to the same bytes however its set was built.
        var shuffled = Self.link
        shuffled.completed = Set(Self.link.completed.reversed())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(ProfileSnapshot(shuffled)) == encoder.encode(s))
    }

    @Test func theLatestProfileOfThePractitionerIsWhatTheProjectHolds() throws {
        var run = Run()
        try run.feed(.profileRecorded(ProfileSnapshot(Self.link)))
        let firstAt = run.clock
        #expect(run.project.profileAsRecorded == JournaledProfile(profile: ProfileSnapshot(Self.link), at: firstAt))
        var lead = Self.link
        lead.licence = Licence(level: .lead, expires: "2031-01-31")
        try run.complete(.focus, "defined", Facts.focus)
        try run.feed(.profileRecorded(ProfileSnapshot(lead)))
        #expect(run.project.profileAsRecorded?.profile.licence?.level == .lead)
        #expect(run.project.profileAsRecorded?.at == run.clock)
        // Replaying the journal gives the same project.
        let replayed = try MicroprojectMachine(id: "mp-test", replaying: run.log)
        #expect(replayed.project == run.project)
    }

    @Test func consultTeamProfilesAreKeptByPersonAndRole() throws {
        var run = Run()
        let pat = PractitionerProfile(
            id: "pat",
            name: "Pat Lane",
            licence: Licence(level: .leadPlus, expires: "2099-01-01")
        )
        try run.feed(.profileRecorded(ProfileSnapshot(pat, role: "lead-plus")))
        var renewed = pat
        renewed.licence?.expires = "2100-01-01"
        try run.feed(.profileRecorded(ProfileSnapshot(renewed, role: "lead-plus")))
        #expect(run.project.consultTeamAsRecorded.map(\.profile.licence?.expires) == ["2100-01-01"])
        #expect(run.project.profileAsRecorded == nil)
    }

    @Test func anotherPractitionersProfileWithoutARoleIsRefused() throws {
        var run = Run()
        let other = PractitionerProfile(id: "lee", name: "Lee Ward")
        #expect(run.refuse(.profileRecorded(ProfileSnapshot(other))).contains("is not the practitioner of mp-test"))
    }

    @Test func aClosedMicroprojectTakesNoNewProfile() throws {
        var run = Run()
        try run.toClosure(.universalPrevention)
        try run.complete(.closure, "ready", Facts.closureReady)
        #expect(run.project.status == .closed)
        #expect(
            run.refuse(.profileRecorded(ProfileSnapshot(Self.link)))
                == "microproject mp-test is closed; nothing more can happen to it"
        )
    }
}
