import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A session killed with SIGKILL in the middle loses nothing that was acknowledged.
@Suite("End to end: kill -9", .serialized)
struct EndToEndKillTests {
    @Test("SIGKILL after 4 acknowledged answers: show lists them, continue finishes with all of them")
    func killMidway() async throws {
        let sandbox = try E2ESandbox()
        let given = Array(E2E.suitableRoute.prefix(4))  // focus, safety-worry, crisis, safeguarding-process
        let rest = Array(E2E.suitableRoute.dropFirst(4))

        let child = try sandbox.start(["run", "safety-check"])
        #expect(await child.waitFor { _ in child.hasQuestion(1) }, "question 1 never appeared: \(child.text)")
        for (index, line) in given.enumerated() {
            try child.send(line: line)
            // The next question appears only after the answer is committed.
            let next = index + 2
            let acknowledged = await child.waitFor { _ in child.hasQuestion(next) }
            try #require(acknowledged, "question \(next) never appeared after '\(line)': \(child.text)")
        }
        let id = try #require(E2E.sessionID(in: child.text), "no session id in: \(child.text)")

        #expect(await child.killHard(), "the child did not die")
        #expect(child.process.terminationReason == .uncaughtSignal)
        // What a crash leaves (store, WAL, shm) is private too.
        sandbox.expectPrivateDataFolder()

        let show = try await sandbox.run(["show", id, "--all"])
        #expect(show.exitCode == 0, "\(show.transcript)")
        for text in [
            given[0],
            "Is anyone at risk of harm right now",
            "Is the person or family in crisis",
            "Is a safeguarding assessment or decision already under way",
        ] {
            #expect(show.stdout.contains(text), "show does not list '\(text)': \(show.stdout)")
        }
        #expect(!show.stdout.contains("Is the main need a clinical one"), "show lists an unanswered question")
        #expect(E2E.shownAnswer(in: show.stdout, question: "In a sentence or two") == given[0])
        for question in [
            "Is anyone at risk of harm", "Is the person or family in crisis", "Is a safeguarding assessment",
        ] {
            #expect(E2E.shownAnswer(in: show.stdout, question: question) == "No", "\(question): \(show.stdout)")
        }

        let resumed = try await sandbox.run(["continue", id], lines: rest)
        #expect(resumed.exitCode == 0, "\(resumed.transcript)")
        #expect(resumed.stdout.contains("Recovered 4 answers"), "\(resumed.stdout)")

        let rec = try E2ERecord(path: sandbox.recordPath(id: id))
        #expect(rec.outcomeID == "suitable")
        #expect(rec.string("focus-summary") == given[0])
        #expect(rec.string("safety-worry") == "no")
        #expect(rec.bool("crisis") == false)
        #expect(rec.bool("safeguarding-process") == false)
        #expect(rec.keys.count == 12, "\(rec.keys)")
        sandbox.expectPrivateDataFolder()
    }
}
