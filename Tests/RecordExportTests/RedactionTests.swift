import Foundation
import RecordExport
import Testing

/// `redacted()`: sensitive answers dropped, the words of concerns and escalations withheld, and the gap said.
@Suite("Redaction of the complete record")
struct RedactionTests {
    static let withheld = "(withheld: sensitive)"
    static let sensitiveAnswer = "Worried about money since the move"
    static let concernText = "Leo said he is scared of his uncle"
    static let escalationReason = "Disclosure during session 2"
    static let procedure = "Phoned the designated safeguarding lead"
    static let statusReason = "Concern raised: disclosure during session 2"

    static func escalatedRecord() throws -> MicroprojectRecord {
        try Fixture.record(
            id: "mp-red001",
            participant: "BR-014",
            status: "escalated",
            statusReason: statusReason,
            reflection: ["noticed": "Calmer mornings", "escalation": "safeguarding"],
            escalations: [
                Fixture.escalation(
                    reason: escalationReason,
                    procedure: procedure,
                    consulted: "designated safeguarding lead",
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
            ]
        )
    }

    @Test("drops the sensitive answer, withholds the concern's words and the escalation's reason")
    func redactsEscalatedRecord() throws {
        let record = try Self.escalatedRecord()
        let redacted = record.redacted()

        let session = try #require(redacted.stages.first?.record)
        #expect(session.answers.map(\.key) == ["worked-on"], "\(session.answers.map(\.key))")
        #expect(session.concerns.count == 1)
        #expect(session.concerns.first?.text == Self.withheld)
        #expect(session.concerns.first?.by == "sam", "who raised it and when are kept")
        #expect(session.notes.map(\.text) == ["Bring the cycle map next time"], "notes are not sensitive")

        let escalation = try #require(redacted.escalations.first)
        #expect(escalation.reason == Self.withheld)
        #expect(escalation.procedure == Self.withheld)
        #expect(escalation.decision == "resume", "the decision is a fact for the tracker, not a sensitive word")
        #expect(redacted.statusReason == Self.withheld)
        #expect(redacted.reflection?["escalation"] == Self.withheld)
        #expect(redacted.reflection?["noticed"] == "Calmer mornings")

        // Nothing sensitive survives anywhere: not in the JSON, not in the Markdown.
        let json = try Fixture.encoded(redacted)
        let markdown = redacted.markdown
        for secret in [
            Self.sensitiveAnswer, Self.concernText, Self.escalationReason, Self.procedure, Self.statusReason,
        ] {
            #expect(!json.contains(secret), "JSON still holds \(secret)")
            #expect(!markdown.contains(secret), "Markdown still holds \(secret)")
        }
        #expect(!json.contains("safeguarding\""), "the reflection's escalation answer leaked: \(json)")

        // The original is untouched: redacting returns a copy.
        #expect(record.escalations.first?.reason == Self.escalationReason)
        #expect(record.stages.first?.record.answers.count == 2)
    }

    @Test("a closed record with no concern keeps everything but the reflection's escalation answer")
    func nothingElseToRedact() throws {
        let record = try Fixture.record(id: "mp-red002", participant: "BR-015")
        var expected = record
        expected.reflection?["escalation"] = Self.withheld  // tagged sensitive even when it is "none"
        #expect(record.redacted() == expected)
    }

    @Test("a pause reason typed by the practitioner is left out, like status_reason in the CSV")
    func pauseReasonWithheld() throws {
        let reason = "Family evicted, staying with relatives"
        let record = try Fixture.record(
            id: "mp-red003",
            participant: "BR-016",
            status: "paused",
            statusReason: reason
        )
        #expect(Tracker.header(includeSensitive: false).contains("status_reason") == false)
        let redacted = record.redacted()
        #expect(redacted.statusReason != reason, "redacted() keeps the pause reason")
        #expect(!(try Fixture.encoded(redacted)).contains(reason))
        #expect(!redacted.markdown.contains(reason))
        #expect(record.statusReason == reason)
    }

    @Test("the redacted record still validates against docs/record.schema.json")
    func redactedValidates() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("redacted.json")
        try Data(try Fixture.encoded(try Self.escalatedRecord().redacted()).utf8).write(to: URL(fileURLWithPath: path))
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
