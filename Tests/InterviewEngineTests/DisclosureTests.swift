import Foundation
import Testing

@testable import InterviewEngine

/// The session record knows what is sensitive, and nothing sensitive is encoded unless it was disclosed in full.
@Suite struct DisclosureTests {
    /// A script whose second question pipes a sensitive answer, and whose context holds a sensitive value.
    static var piping: Script {
        Script(
            id: "pipe",
            version: "1",
            title: "Pipe",
            intro: "Hello.",
            outcomes: [Outcome(id: "done", title: "Done", message: "Thanks.")],
            concernOutcome: "done",
            concernGuidance: "Follow procedures.",
            nodes: [
                Node(id: "worry", kind: .question(Question(type: .shortText)), text: "Worry?", sensitive: true),
                Node(id: "more", kind: .question(Question(type: .shortText)), text: "About '{worry}': more?"),
                Node(id: "why", kind: .question(Question(type: .shortText)), text: "Why: {context.reason}?"),
                Node(id: "plain", kind: .question(Question(type: .shortText)), text: "Anything else?"),
                Node(id: "end", kind: .stop(outcome: "done"), text: ""),
            ]
        )
    }

    static func finished() -> InterviewStateMachine {
        var h = Harness(
            piping,
            context: ["reason": "MARKER-reason", InterviewStateMachine.sensitiveContextKey: "reason"]
        )
        h.answer("MARKER-worry")
        h.answer("MARKER-more")
        h.answer("MARKER-why")
        _ = h.machine.noteAdded("a note", by: "pat", at: h.clock + 1)
        h.answer("plain words")
        return h.machine
    }

    static func json(_ record: some Encodable) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(record), as: UTF8.self)
    }

    @Test("a question that pipes a sensitive answer or context value is sensitive itself")
    func pipingCarriesTheTag() throws {
        let answers = Self.finished().routeAnswers
        #expect(answers.map(\.sensitive) == [true, true, true, false], "\(answers.map { ($0.key, $0.sensitive) })")
    }

    @Test("the record encodes without sensitive values unless disclosed in full")
    func encoderRedactsByDefault() throws {
        let record = try #require(Self.finished().captureRecord(sessionID: "abc123"))
        #expect(record.sensitiveContext == ["reason"])
        #expect(record.context[InterviewStateMachine.sensitiveContextKey] == nil, "the reserved key is not recorded")
        let raw = try Self.json(record)
        for marker in ["MARKER-worry", "MARKER-more", "MARKER-why", "MARKER-reason"] {
            #expect(!raw.contains(marker), "the raw record leaked \(marker): \(raw)")
        }
        #expect(raw.contains("plain words") && raw.contains("a note"))
        #expect(raw.contains("left out: sensitive; export with --include-sensitive to see it"))
        let full = try Self.json(Disclosed(record, .everything))
        for marker in ["MARKER-worry", "MARKER-more", "MARKER-why", "MARKER-reason"] {
            #expect(full.contains(marker), "the full record lost \(marker)")
        }
        let shown = Disclosed(record, .withholding(rerun: "show with --include-sensitive"))
        #expect(shown.leftSomethingOut)
        #expect(shown.record.disclosure.leftOutAnswers == 3)
        #expect(shown.record.context["reason"] == "left out: sensitive; show with --include-sensitive to see it")
    }

    @Test("a concern's words are left out; who raised it and when are kept")
    func concernWords() throws {
        var h = Harness(Self.piping)
        h.answer("first")
        _ = h.machine.concernRaised("MARKER-concern", by: "pat", at: h.clock + 1)
        let record = try #require(h.machine.captureRecord(sessionID: "abc124"))
        let shown = Disclosed(record, .withholding()).record
        #expect(shown.concerns.map(\.by) == ["pat"])
        #expect(!(try Self.json(record)).contains("MARKER-concern"))
        #expect(try Self.json(Disclosed(record, .everything)).contains("MARKER-concern"))
    }

    @Test("an open session has a record so far, with the outcome in-progress")
    func recordSoFar() {
        var h = Harness(Self.piping)
        h.answer("first")
        #expect(h.machine.captureRecord(sessionID: "x") == nil)
        let soFar = h.machine.recordSoFar(sessionID: "x")
        #expect(soFar.outcome.id == "in-progress")
        #expect(soFar.answers.map(\.key) == ["worry"])
    }
}
