import Foundation
import InterviewEngine
import Testing

@testable import MicroprojectCLI

/// The journal entries written by hand (`JournalPayload`) are byte for byte what the encoder writes, so stores
/// written before and after read the same, and what is stored reads back as the same event.
@Suite struct JournalPayloadTests {
    /// Text that needs every kind of escape, and some that needs none.
    static let awkward = [
        "", "plain words", "quote \" and backslash \\ and slash /", "tab\tnew line\ncarriage\rback\u{8}feed\u{C}",
        "nul \u{0} unit \u{1F} bell \u{7} escape \u{1B} delete \u{7F}", "Café, naïve, 日本語, 😀, e\u{301}",
        "line separator \u{2028} paragraph \u{2029} bom \u{FEFF} rtl \u{202E}", String(repeating: "long ", count: 300),
    ]

    static let numbers: [Double] = [
        0, -0.0, 1, -3, 2.5, 0.1, 1.0 / 3, 100, 1e15, 4e15, 1e16, 1e21, 1.5e300, 5e-324, 1e-7,
        12_345_678_901_234_567_890,
        -987.654321,
    ]

    static var values: [AnswerValue] {
        awkward.flatMap { [AnswerValue.text($0), .choice($0), .date($0)] } + numbers.map(AnswerValue.number)
            + [.yesNo(true), .yesNo(false), .choices([]), .choices(["a"]), .choices(awkward), .declined, .skipped]
    }

    static var events: [JournalEvent] {
        values.flatMap {
            [JournalEvent.answered(key: "q1", value: $0), .proposed(key: "priorities.1.priority", value: $0)]
        }
            + awkward.flatMap {
                [
                    JournalEvent.confirmed(key: $0), .agreed(key: $0), .handedOver(to: $0), .noteAdded($0),
                    .concernRaised($0), .paused(reason: $0),
                ]
            } + [.wentBack, .resumed, .concernAcknowledged]
    }

    func encoded(_ entry: JournalEntry, scriptSource: String? = nil) throws -> String {
        let payload = SessionJournal.Payload(event: entry.event, scriptSource: scriptSource, enteredBy: entry.enteredBy)
        return String(decoding: try SessionJournal.encoder.encode(payload), as: UTF8.self)
    }

    @Test func everyEventAPersonMakesIsWrittenExactlyAsTheEncoderWritesIt() throws {
        var checked = 0
        for event in Self.events {
            for enteredBy in [nil, "lee", "sam \"the link\""] {
                let entry = JournalEntry(
                    seq: 2,
                    at: 1_700_000_000_000,
                    actor: "sam",
                    event: event,
                    enteredBy: enteredBy
                )
                let direct = try #require(JournalPayload.direct(event, enteredBy: enteredBy), "\(event)")
                #expect(direct == (try encoded(entry)), "\(event)")
                #expect(try JournalPayload.json(entry, scriptSource: nil) == direct)
                checked += 1
            }
        }
        #expect(checked == Self.events.count * 3)
    }

    @Test func whatIsWrittenReadsBackAsTheSameEventAndTypist() throws {
        for event in Self.events {
            let entry = JournalEntry(seq: 2, at: 1, actor: "sam", event: event, enteredBy: "lee")
            let json = try JournalPayload.json(entry, scriptSource: nil)
            let back = try JSONDecoder().decode(SessionJournal.StoredEvent.self, from: Data(json.utf8))
            #expect(back.event == event)
            #expect(back.enteredBy == "lee")
        }
    }

    /// The first entry (with the script's text) and the started event go through the encoder, unchanged.
    @Test func theFirstEntryAndTheStartIsTheEncodersOwn() throws {
        let started = JournalEntry(
            seq: 1,
            at: 1,
            actor: "sam",
            event: .started(context: ["type": "2", "participant": "P-1"], roster: Roster())
        )
        #expect(JournalPayload.direct(started.event, enteredBy: nil) == nil)
        #expect(
            try JournalPayload.json(started, scriptSource: "script: x\n")
                == (try encoded(started, scriptSource: "script: x\n"))
        )
        let answered = JournalEntry(seq: 1, at: 1, actor: "sam", event: .answered(key: "a", value: .text("b")))
        #expect(try JournalPayload.json(answered, scriptSource: "s") == (try encoded(answered, scriptSource: "s")))
        #expect(try JournalPayload.json(answered, scriptSource: "s").contains("\"scriptSource\":\"s\""))
    }

    /// A number JSON cannot hold is refused as the encoder refuses it, never written as text.
    @Test func aNumberJSONCannotHoldIsRefusedAsBefore() {
        for n in [Double.nan, .infinity, -.infinity] {
            let entry = JournalEntry(seq: 2, at: 1, actor: "sam", event: .answered(key: "q", value: .number(n)))
            #expect(JournalPayload.direct(entry.event, enteredBy: nil) == nil)
            #expect(throws: EncodingError.self) { try JournalPayload.json(entry, scriptSource: nil) }
        }
    }

    /// Read back directly: every event written gives the same event and typist as the decoder gives.
    @Test func everyEventWrittenReadsBackDirectlyAsTheDecoderReadsIt() throws {
        for event in Self.events {
            for enteredBy in [nil, "lee"] {
                let entry = JournalEntry(seq: 2, at: 1, actor: "sam", event: event, enteredBy: enteredBy)
                let json = try JournalPayload.json(entry, scriptSource: nil)
                let direct = try #require(JournalPayload.read(json), "\(json)")
                let decoded = try JSONDecoder().decode(SessionJournal.StoredEvent.self, from: Data(json.utf8))
                #expect(direct.event == decoded.event && direct.event == event, "\(json)")
                #expect(direct.enteredBy == decoded.enteredBy && direct.enteredBy == enteredBy)
            }
        }
    }

    /// JSON written some other way (spaces, another key order, escapes the encoder does not use) reads the same.
    @Test func validJSONInAnyShapeReadsAsTheDecoderReadsIt() throws {
        let shapes = [
            #"{ "value" : { "value" : "caf\u00e9 \ud83d\ude00 \/ \"q\"", "type" : "text" }, "key" : "q1", "event" : "answered" }"#,
            #"{"event":"answered","key":"n","value":{"type":"number","value":-12.5e-1}}"#,
            #"{"event":"answered","key":"n","value":{"type":"number","value":0}}"#,
            #"{"event":"answered","key":"c","value":{"type":"choices","value":[ "a" , "b" ]},"enteredBy":null}"#,
            #"{"event":"proposed","key":"k","value":{"type":"yes-no","value":false},"extra":[1,{"x":null}]}"#,
            "{\"event\":\"note\",\"text\":\"tab\\tand\\u0000nul\"}\n",
            #"{"event":"went-back","scriptSource":null}"#,
        ]
        for json in shapes {
            let direct = try #require(JournalPayload.read(json), "\(json)")
            let decoded = try JSONDecoder().decode(SessionJournal.StoredEvent.self, from: Data(json.utf8))
            #expect(direct.event == decoded.event, "\(json)")
            #expect(direct.enteredBy == decoded.enteredBy)
        }
    }

    /// Anything this reader does not take (not JSON, a key twice, a type that does not fit, the started entry)
    /// is left to the decoder, which then reads it or says what is wrong: nothing is read differently.
    @Test func whatItDoesNotReadIsLeftToTheDecoder() throws {
        let refused = [
            "", "{", "[]", #"{"event":"went-back"} x"#, #"{"event":"went-back","event":"resumed"}"#,
            #"{"event":"answered","key":"q","value":{"type":"number","value":01}}"#,
            #"{"event":"answered","key":"q","value":{"type":"number","value":1e400}}"#,
            #"{"event":"answered","key":"q","value":{"type":"text","value":7}}"#,
            #"{"event":"note","text":"lone \ud800 surrogate"}"#, "{\"event\":\"note\",\"text\":\"raw \u{1} control\"}",
            #"{"event":"answered","key":"q"}"#, #"{"event":"mystery"}"#,
            #"{"event":"paused","reason":"x","enteredBy":3}"#,
            #"{"event":"started","context":{"type":"2"}}"#,
        ]
        for json in refused {
            #expect(JournalPayload.read(json) == nil, "\(json)")
        }
        let started = try JSONDecoder().decode(
            SessionJournal.StoredEvent.self,
            from: Data(#"{"event":"started","context":{"type":"2"}}"#.utf8)
        )
        #expect(started.event == .started(context: ["type": "2"], roster: Roster()))
    }

    @Test func thePinnedScriptIsReadFromTheFirstEntry() throws {
        let first = JournalEntry(seq: 1, at: 1, actor: "sam", event: .started(context: [:], roster: Roster()))
        let json = try JournalPayload.json(first, scriptSource: "script: demo\n# \"quoted\" \\ \u{1F600}\n")
        #expect(JournalPayload.pinnedScript(json) == .some("script: demo\n# \"quoted\" \\ \u{1F600}\n"))
        #expect(JournalPayload.pinnedScript(#"{"event":"went-back"}"#) == .some(nil))
        #expect(JournalPayload.pinnedScript(#"{"scriptSource":1}"#) == nil)
    }
}
