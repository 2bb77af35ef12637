import Foundation
import InterviewEngine
import PracticeRules
import RecordExport
import Testing

@testable import MicroprojectCLI

/// The complete record is built from the journals alone (`MicroprojectJournals`): what an old journal without a
/// profile gives, and what happens when a stage session is missing.
@Suite struct RecordBuildTests {
    /// A microproject as an older version journaled it: no profile event, one stage completed whose session
    /// is not in the store.
    @Test func anOldJournalWithoutAProfileIsMarkedAndAMissingStageIsAProblem() throws {
        let world = TestWorld()
        let env = world.env
        let store = try env.openStore()
        let profile = PractitionerProfile(
            id: "sam",
            name: "Sam Khan",
            licence: Licence(level: .lead, expires: "2099-01-01")
        )
        try Practitioners.save(profile, store: store, at: env.now())
        var machine = MicroprojectMachine(id: "mp-old001", practitionerID: "sam")
        try MicroprojectJournal.create(store: store, machine: machine, actor: "sam", at: env.now())
        let journal = MicroprojectJournal(store: store, id: "mp-old001")
        let focus = StageResult(
            stage: .focus,
            sessionID: "gone01",
            outcome: "defined",
            facts: ["participant-code": "BR-001", "focus-areas.1.area": "Mornings"]
        )
        try journal.record(.stageCompleted(focus), on: &machine, actor: "sam", at: env.now())

        let loaded = try #require(try MicroprojectJournal.load(store: store, id: "mp-old001"))
        let built = try MicroprojectRecord.build(machine: loaded, store: store)
        let asRecorded = try #require(built.record.profileAsRecorded)
        #expect(!asRecorded.journaled)
        #expect(asRecorded.note == MicroprojectRecord.profileNotJournaled)
        #expect(asRecorded.practitioner == nil)
        // The live profile (a Lead licence) is not read.
        #expect(built.record.practitioner.licenceLevel == nil)
        #expect(built.record.practitioner.id == "sam")
        #expect(built.record.stages.isEmpty)
        #expect(built.problems.count == 1)
        #expect(built.problems.first?.contains("gone01") == true, "\(built.problems)")

        // Rebuilding twice gives the same record, and rebuilding wrote nothing to the journal.
        let again = try MicroprojectRecord.build(machine: loaded, store: store)
        #expect(again.record == built.record)
        #expect(try store.microprojectEvents(id: "mp-old001").count == 2)
    }

    @Test func aJournaledProfileIsWhatTheRecordShows() throws {
        let world = TestWorld()
        let env = world.env
        let store = try env.openStore()
        var profile = PractitionerProfile(
            id: "sam",
            name: "Sam Khan",
            licence: Licence(level: .link, expires: "2030-08-31"),
            completed: [.introduction],
            organisationalApproval: true
        )
        try Practitioners.save(profile, store: store, at: env.now())
        var machine = MicroprojectMachine(id: "mp-new001", practitionerID: "sam")
        try MicroprojectJournal.create(store: store, machine: machine, actor: "sam", at: env.now())
        let journal = MicroprojectJournal(store: store, id: "mp-new001")
        try journal.record(.profileRecorded(ProfileSnapshot(profile)), on: &machine, actor: "sam", at: env.now())
        let before = try MicroprojectRecord.build(machine: machine, store: store)

        profile.licence = Licence(level: .lead, expires: "2031-01-31")
        profile.name = "Samuel Khan"
        profile.organisationalApproval = false
        try Practitioners.save(profile, store: store, at: env.now())
        let reloaded = try #require(try MicroprojectJournal.load(store: store, id: "mp-new001"))
        let after = try MicroprojectRecord.build(machine: reloaded, store: store)
        #expect(after.record == before.record)
        #expect(after.record.practitioner.name == "Sam Khan")
        #expect(after.record.practitioner.licenceLevel == "link")
        let facts = try #require(after.record.profileAsRecorded?.practitioner)
        #expect(facts.licenceExpires == "2030-08-31")
        #expect(facts.completed == ["introduction"])
        #expect(facts.organisationalApproval)
        #expect(after.problems.isEmpty)
    }
}
