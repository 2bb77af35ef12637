import Foundation
import InterviewEngine
import RecordExport
import Testing

/// The one redactor (`Disclosed`): what is tagged sensitive, or restates it, is left out and said to be; the
/// words of concerns and escalation reviews always are; harmless fields are kept as they are.
@Suite("Redaction of the complete record")
struct RedactionTests {
    static let leftOut = "left out: sensitive; export with --include-sensitive to see it"
    static let sensitiveAnswer = "Worried about money since the move"
    static let concernText = "Leo said he is scared of his uncle"
    static let escalationReason = "Disclosure during session 2"
    static let procedure = "Phoned the designated safeguarding lead"
    static let consulted = "the duty social worker on Tuesday"
    static let statusReason = "Concern raised: disclosure during session 2"
    static let referral = "Signposted to the housing advice clinic on Mill Street"
    static let suggestedReason = "Earlier support made little difference and the participant is motivated."

    static func escalatedRecord() throws -> MicroprojectRecord {
        try Fixture.record(
            id: "mp-red001",
            participant: "BR-014",
            status: "escalated",
            statusReason: statusReason,
            reflection: ["noticed": "Calmer mornings", "escalation": "referral", "referral-detail": referral],
            escalations: [
                Fixture.escalation(
                    reason: escalationReason,
                    procedure: procedure,
                    consulted: consulted,
                    decision: "resume"
                )
            ],
            stages: [
                Fixture.stage(
                    "session",
                    session: "s5",
                    answers: [
                        Fixture.answer("worked-on", "The evening routine"),
                        Fixture.answer("worries", sensitiveAnswer, sensitive: true),
                    ],
                    notes: ["Bring the cycle map next time"],
                    concerns: [concernText]
                )
            ],
            sensitiveFields: ["statusReason", "reflection.referral-detail", "suggestedType.reason"]
        )
    }

    static var secrets: [String] {
        [sensitiveAnswer, concernText, escalationReason, procedure, consulted, statusReason, referral]
    }

    @Test("leaves out what is tagged or restates it, and the words of concerns and reviews; keeps the rest")
    func redactsEscalatedRecord() throws {
        let record = try Self.escalatedRecord()
        let shown = Disclosed(record, .withholding())
        let redacted = shown.record
        #expect(shown.leftSomethingOut)

        let session = try #require(redacted.stages.first?.record)
        #expect(session.answers.map(\.key) == ["worked-on"], "\(session.answers.map(\.key))")
        #expect(session.concerns.first?.text == Self.leftOut)
        #expect(session.concerns.first?.by == "sam", "who raised it and when are kept")
        #expect(session.notes.map(\.text) == ["Bring the cycle map next time"], "notes are not sensitive")

        let escalation = try #require(redacted.escalations.first)
        #expect(escalation.reason == Self.leftOut)
        #expect(escalation.procedure == Self.leftOut)
        #expect(escalation.consulted == Self.leftOut, "the review's words are about safeguarding")
        #expect(escalation.decision == "resume", "the decision is a fact for the tracker, not a sensitive word")
        #expect(escalation.at == Fixture.at, "one time format: ISO 8601")
        #expect(redacted.statusReason == Self.leftOut)
        #expect(redacted.reflection?["referral-detail"] == Self.leftOut)
        #expect(redacted.reflection?["escalation"] == "referral", "not tagged, so not withheld")
        #expect(redacted.reflection?["noticed"] == "Calmer mornings")

        let json = try Fixture.encoded(redacted)
        let markdown = shown.markdown
        for secret in Self.secrets {
            #expect(!json.contains(secret), "JSON still holds \(secret)")
            #expect(!markdown.contains(secret), "Markdown still holds \(secret)")
        }
        #expect(markdown.contains(Self.leftOut), "\(markdown)")
        #expect(!markdown.contains("withheld"), "\(markdown)")

        // The original is untouched, and disclosed in full it holds everything.
        #expect(record.escalations.first?.reason == Self.escalationReason)
        let full = try Fixture.encoded(Disclosed(record, .everything).record)
        for secret in Self.secrets { #expect(full.contains(secret), "the full record lost \(secret)") }
        #expect(Disclosed(record, .everything).markdown.contains(Self.referral))
    }

    @Test("a record not disclosed in full encodes without its sensitive values: forgetting to redact leaks nothing")
    func encoderRedactsByDefault() throws {
        let raw = try Fixture.encoded(try Self.escalatedRecord())
        for secret in Self.secrets { #expect(!raw.contains(secret), "encoding the raw record leaked \(secret)") }
        #expect(raw.contains(Self.leftOut))
    }

    @Test("the suggested type's reason is left out when it was worked out from a sensitive answer")
    func derivedReason() throws {
        var record = try Fixture.record(
            id: "mp-red004",
            participant: "BR-017",
            status: "active",
            sensitiveFields: ["suggestedType.reason"]
        )
        record.suggestedType?.reason = Self.suggestedReason
        #expect(Disclosed(record, .withholding()).record.suggestedType?.reason == Self.leftOut)
        #expect(!(try Fixture.encoded(record)).contains("little difference"))
        #expect(Disclosed(record, .everything).record.suggestedType?.reason == Self.suggestedReason)
    }

    @Test("harmless fields are kept as they are: a closure status, an escalation answer of none")
    func nothingElseToRedact() throws {
        var record = try Fixture.record(id: "mp-red002", participant: "BR-015", sensitiveFields: [])
        record.statusReason = "Every closure criterion holds."
        let shown = Disclosed(record, .withholding())
        #expect(shown.record == record)
        #expect(!shown.leftSomethingOut)
        #expect(shown.markdown.contains("closed: Every closure criterion holds."), "\(shown.markdown)")
        #expect(
            shown.markdown.contains("### Whether anything requires escalation or referral\n\nnone"),
            "\(shown.markdown)"
        )
        #expect(!shown.markdown.contains("left out"), "\(shown.markdown)")
        #expect(!shown.markdown.contains("withheld"), "\(shown.markdown)")
    }

    @Test("a pause reason in a person's words is left out, like status_reason in the CSV")
    func pauseReasonWithheld() throws {
        let reason = "Family evicted, staying with relatives"
        let record = try Fixture.record(
            id: "mp-red003",
            participant: "BR-016",
            status: "paused",
            statusReason: reason,
            sensitiveFields: ["statusReason"]
        )
        #expect(Tracker.header.contains("status_reason"), "the column stays, saying it was left out")
        let row = Dictionary(
            uniqueKeysWithValues: zip(Tracker.header, Tracker.wideRows([Disclosed(record, .withholding())])[0])
        )
        #expect(row["status_reason"] == Tracker.withheld)
        let shown = Disclosed(record, .withholding())
        #expect(shown.record.statusReason == Self.leftOut)
        #expect(!(try Fixture.encoded(shown.record)).contains(reason))
        #expect(!shown.markdown.contains(reason))
        #expect(shown.markdown.contains("paused (the reason is \(Self.leftOut))"), "\(shown.markdown)")
        #expect(record.statusReason == reason)
    }

    @Test("redacted and full records validate against docs/record.schema.json", arguments: [false, true])
    func validates(full: Bool) throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("record.json")
        let record = Disclosed(try Self.escalatedRecord(), full ? .everything : .withholding()).record
        let text = try Fixture.encoded(record)
        #expect(text.contains("\"sensitiveFields\"") == full)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors:
                for c in sorted(e.context or [e], key=lambda c: len(list(c.absolute_path)))[-3:]:
                    print(list(c.absolute_path), c.message[:200], file=sys.stderr)
            sys.exit(1 if errors else 0)
            """
        let result = try Python.run(script, [Repo.path("docs/record.schema.json"), path])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
