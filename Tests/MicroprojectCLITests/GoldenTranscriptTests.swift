import Foundation
import Testing

@testable import MicroprojectCLI

/// Golden transcripts: an answers file in; the transcript and the record out, compared with committed
/// fixtures. Set UPDATE_GOLDENS=1 to rewrite the fixtures after an intended change, then review the diff.
@Suite struct GoldenTranscriptTests {
    static let cases: [(name: String, outcome: String)] = [
        ("safety-check-suitable", "suitable"),
        ("safety-check-not-suitable", "not-suitable"),
        ("safety-check-escalate", "escalate"),
        ("safety-check-concern", "escalate"),
        ("safety-check-back-and-change", "suitable"),
    ]

    @Test(arguments: cases)
    func transcriptAndRecordMatchTheFixtures(name: String, outcome: String) throws {
        let folder = TestWorld.fixtures + "/golden/"
        let answers = try String(contentsOfFile: folder + name + ".answers", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        let world = TestWorld()
        let console = CapturingConsole()
        let recordPath = world.folder + "/record.json"
        let code = try Interview.start(
            scriptName: "safety-check",
            context: [:],
            settings: InterviewSettings(answers: nil, record: recordPath, practitioner: "sam"),
            env: world.env,
            console: console,
            reader: try world.reader(Array(answers))
        )
        #expect(code == ExitStatus.ok)
        let record = try String(contentsOfFile: recordPath, encoding: .utf8)
        let markdown = try String(contentsOfFile: world.folder + "/record.md", encoding: .utf8)
        let transcript = console.output.replacingOccurrences(of: world.folder, with: "<folder>")
        #expect(record.contains("\"id\" : \"\(outcome)\""))
        try Self.compare(transcript, with: folder + name + ".transcript")
        try Self.compare(record, with: folder + name + ".record.json")
        try Self.compare(markdown, with: folder + name + ".record.md")
    }

    static func compare(_ actual: String, with path: String) throws {
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "differs from \(path); if the change is intended, run UPDATE_GOLDENS=1 swift test")
    }
}
