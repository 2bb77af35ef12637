import Testing

@testable import TextSafety

@Suite struct InputPolicyTests {
    /// One line, as bytes, and what the policy must say about it.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let expected: Result<String, InputProblem>
        var testDescription: String { name }

        init(_ name: String, _ bytes: [UInt8], _ expected: Result<String, InputProblem>) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }

        init(_ name: String, _ text: String, _ expected: Result<String, InputProblem>) {
            self.init(name, Array(text.utf8), expected)
        }
    }

    static func control(_ value: UInt32, at character: Int, byte: Int) -> Result<String, InputProblem> {
        .failure(.controlCharacter(Unicode.Scalar(value)!, character: character, byteOffset: byte))
    }

    static func invalid(byte: Int, character: Int) -> Result<String, InputProblem> {
        .failure(.invalidUTF8(byteOffset: byte, character: character))
    }

    static let cases: [Case] = [
        Case("plain text", "Mornings at home", .success("Mornings at home")),
        Case("empty line", "", .success("")),
        Case("tab is allowed", "a\tb", .success("a\tb")),
        Case("emoji with joiners", "👩‍👩‍👧 ok", .success("👩‍👩‍👧 ok")),
        Case("combining marks", "Cafe\u{301} noe\u{308}l", .success("Cafe\u{301} noe\u{308}l")),
        Case("right-to-left text with marks", "שלום\u{200F} abc", .success("שלום\u{200F} abc")),
        Case("bidi override is not a control character", "a\u{202E}b", .success("a\u{202E}b")),
        Case("a trailing CR (CRLF file) is dropped", "yes\r", .success("yes")),
        Case("only one trailing CR is dropped", "yes\r\r", control(0x0D, at: 4, byte: 3)),
        Case("NUL", [0x61, 0x00, 0x62], control(0x00, at: 2, byte: 1)),
        Case("BEL", "Ana\u{7}", control(0x07, at: 4, byte: 3)),
        Case("ESC of a colour sequence", "How \u{1B}[31mred", control(0x1B, at: 5, byte: 4)),
        Case("CR inside a line", "abc\rdef", control(0x0D, at: 4, byte: 3)),
        Case("LF inside (from an argument or a paste)", "a\nb", control(0x0A, at: 2, byte: 1)),
        Case("DEL", "a\u{7F}", control(0x7F, at: 2, byte: 1)),
        Case("C1 CSI U+009B", "x\u{9B}2J", control(0x9B, at: 2, byte: 1)),
        Case("C1 NEL U+0085", "\u{85}", control(0x85, at: 1, byte: 0)),
        Case("line separator U+2028", "a\u{2028}b", control(0x2028, at: 2, byte: 1)),
        Case("position counts characters, not bytes", "é👍🏽e\u{301}\u{7}", control(0x07, at: 4, byte: 13)),
        Case("the first problem is named", "a\u{7}b\u{1B}", control(0x07, at: 2, byte: 1)),
        Case("lone continuation byte", [0x61, 0x80], invalid(byte: 1, character: 2)),
        Case("byte FF", [0xFF], invalid(byte: 0, character: 1)),
        Case("bytes F5 and up", [0x61, 0x62, 0xF5, 0x80, 0x80, 0x80], invalid(byte: 2, character: 3)),
        Case("truncated two-byte sequence at the end", [0x61, 0xC3], invalid(byte: 1, character: 2)),
        Case("truncated three-byte sequence", [0xE2, 0x82, 0x61], invalid(byte: 0, character: 1)),
        Case("overlong NUL C0 80", [0xC0, 0x80], invalid(byte: 0, character: 1)),
        Case("overlong slash C1 AF", [0xC1, 0xAF], invalid(byte: 0, character: 1)),
        Case("overlong three-byte E0 80 AF", [0xE0, 0x80, 0xAF], invalid(byte: 0, character: 1)),
        Case("overlong four-byte F0 80 80 AF", [0xF0, 0x80, 0x80, 0xAF], invalid(byte: 0, character: 1)),
        Case("surrogate U+D800 as ED A0 80", [0x41, 0xED, 0xA0, 0x80], invalid(byte: 1, character: 2)),
        Case("surrogate U+DFFF as ED BF BF", [0xED, 0xBF, 0xBF], invalid(byte: 0, character: 1)),
        Case("past U+10FFFF: F4 90 80 80", [0xF4, 0x90, 0x80, 0x80], invalid(byte: 0, character: 1)),
        Case("largest scalar U+10FFFF is fine", [0xF4, 0x8F, 0xBF, 0xBF], .success("\u{10FFFF}")),
        Case("U+FFFD typed as itself is fine", "a\u{FFFD}", .success("a\u{FFFD}")),
        Case("invalid bytes before a control character", [0xFF, 0x07], invalid(byte: 0, character: 1)),
        Case("a control character before invalid bytes", [0x07, 0xFF], control(0x07, at: 1, byte: 0)),
        Case("Latin-1 café", [0x63, 0x61, 0x66, 0xE9], invalid(byte: 3, character: 4)),
    ]

    @Test(arguments: cases)
    func checksOneLine(_ c: Case) {
        #expect(InputPolicy.check(c.bytes) == c.expected)
    }

    @Test func exactlyAtTheLimitIsAcceptedAndOneByteMoreIsRefused() {
        let atLimit = [UInt8](repeating: UInt8(ascii: "a"), count: InputPolicy.maximumBytes)
        #expect(InputPolicy.check(atLimit) == .success(String(repeating: "a", count: InputPolicy.maximumBytes)))
        // The CR of a CRLF line does not count against the limit.
        #expect(
            InputPolicy.check(atLimit + [0x0D]) == .success(String(repeating: "a", count: InputPolicy.maximumBytes))
        )
        #expect(
            InputPolicy.check(atLimit + [UInt8(ascii: "a")])
                == .failure(.tooLong(limit: InputPolicy.maximumBytes, actual: InputPolicy.maximumBytes + 1))
        )
    }

    @Test func theLimitCountsBytesNotCharacters() {
        // 5,001 two-byte letters are 10,002 bytes.
        let text = String(repeating: "é", count: 5_001)
        #expect(InputPolicy.check(Array(text.utf8)) == .failure(.tooLong(limit: 10_000, actual: 10_002)))
        #expect(InputPolicy.check(text: text) == .failure(.tooLong(limit: 10_000, actual: 10_002)))
    }

    @Test func aLineCutByTheReaderIsTooLongWithItsWholeLength() {
        let kept = [UInt8](repeating: UInt8(ascii: "x"), count: InputPolicy.maximumBytes + 1)
        #expect(
            InputPolicy.check(prefix: kept, totalBytes: 10_485_760)
                == .failure(.tooLong(limit: 10_000, actual: 10_485_760))
        )
        // A whole line is checked as usual.
        #expect(InputPolicy.check(prefix: Array("ok\r".utf8), totalBytes: 3) == .success("ok"))
        #expect(InputPolicy.check(prefix: [0x07], totalBytes: 1) == Self.control(0x07, at: 1, byte: 0))
    }

    @Test func decodedTextToleratesNothing() {
        #expect(InputPolicy.check(text: "Family moved\r") == Self.control(0x0D, at: 13, byte: 12))
        #expect(InputPolicy.check(text: "\u{1B}]0;X\u{7}") == Self.control(0x1B, at: 1, byte: 0))
        #expect(
            InputPolicy.check(text: "Staying with relatives\t(2 weeks)")
                == .success("Staying with relatives\t(2 weeks)")
        )
        #expect(InputPolicy.check(text: "") == .success(""))
    }

    @Test func everyC0C1AndDELIsRefusedAndNothingElseBelowU00A0() {
        for value in UInt32(0)...0xA0 {
            let scalar = Unicode.Scalar(value)!
            let refused = value != 0x09 && (value < 0x20 || (0x7F...0x9F).contains(value))
            #expect(InputPolicy.isRefused(scalar) == refused, "U+\(String(value, radix: 16))")
        }
    }

    @Test func theStrictDecoderAgreesWithSwiftOnEveryTwoByteSequence() {
        // Swift's validating decoder is the reference: every pair of bytes is valid for both or for neither.
        for a in UInt8(0)...0xFF {
            for b in UInt8(0)...0xFF {
                let ours = UTF8Scan.firstStop(in: [a, b], where: { _ in false }) == nil
                let swift = String(validating: [a, b], as: UTF8.self) != nil
                #expect(ours == swift, "bytes \(a) \(b)")
            }
        }
    }

    @Test func theStrictDecoderAgreesWithSwiftOnThreeAndFourByteLeads() {
        let continuations: [UInt8] = [0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF]
        for lead in UInt8(0xE0)...0xFF {
            for b in continuations {
                for c in continuations {
                    for tail in [[], [0x80], [0xBF]] as [[UInt8]] {
                        let bytes = [lead, b, c] + tail
                        let ours = UTF8Scan.firstStop(in: bytes, where: { _ in false }) == nil
                        let swift = String(validating: bytes, as: UTF8.self) != nil
                        #expect(ours == swift, "bytes \(bytes)")
                    }
                }
            }
        }
    }

    @Test func descriptionsNameWhatWasFoundAndWhere() {
        #expect(
            InputProblem.controlCharacter("\u{7}", character: 12, byteOffset: 11).description
                == "The answer has a control character (U+0007 BEL) at character 12."
        )
        #expect(
            InputProblem.controlCharacter("\u{9B}", character: 1, byteOffset: 0).description(
                of: "The value of --reason"
            )
                == "The value of --reason has a control character (U+009B CSI) at character 1."
        )
        #expect(
            InputProblem.invalidUTF8(byteOffset: 3, character: 4).description
                == "The answer has bytes that are not UTF-8 text at character 4 (byte 4)."
        )
        #expect(
            InputProblem.tooLong(limit: 10_000, actual: 10_485_760).description
                == "The answer is 10,485,760 bytes long, over the limit of 10,000 bytes."
        )
        #expect(InputProblem.name(of: "\u{0}") == "U+0000 NUL")
        #expect(InputProblem.name(of: "\u{7F}") == "U+007F DEL")
        #expect(InputProblem.name(of: "\u{2029}") == "U+2029 PARAGRAPH SEPARATOR")
        #expect(InputProblem.tooLong(limit: 1, actual: 2).advice.contains("shorter"))
        #expect(InputProblem.grouped(999) == "999")
        #expect(InputProblem.grouped(1_000) == "1,000")
    }

    @Test func acceptedTextRoundTripsExactly() {
        let samples = ["", "a", "Cafe\u{301}", "👩‍👩‍👧", "tab\there", "\u{10FFFF}", "日本語のテキスト"]
        for text in samples {
            #expect(InputPolicy.check(Array(text.utf8)) == .success(text))
            #expect(InputPolicy.check(text: text) == .success(text))
        }
    }
}
