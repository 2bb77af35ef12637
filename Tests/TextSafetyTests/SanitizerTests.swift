import Testing

@testable import TextSafety

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("\u{1B}[31mred", "^[[31mred"),
        ("ding\u{07}", "ding^G"),
        ("a\u{0}b", "a^@b"),
        ("a\tb", "a^Ib"),
        ("line\r\n", "line^M^J"),
        ("del\u{7F}", "del^?"),
        ("next\u{85}line", "next<U+0085>line"),
        ("\u{9B}31m", "<U+009B>31m"),
        ("abc\u{202E}fed", "abc<U+202E>fed"),
        ("\u{2066}x\u{2069}", "<U+2066>x<U+2069>"),
        ("\u{200B}\u{200E}\u{200F}\u{061C}\u{FEFF}", "<U+200B><U+200E><U+200F><U+061C><U+FEFF>"),
        // ESC plus a combining mark is one Character; the ESC must still be shown.
        ("\u{1B}\u{301}[2J", "^[\u{301}[2J"),
        ("👩\u{200D}💻 ok", "👩\u{200D}💻 ok"),
        ("Crème brûlée, Ångström, e\u{301}", "Crème brûlée, Ångström, e\u{301}"),
        ("日本語 and 🇫🇷", "日本語 and 🇫🇷"),
        ("", ""),
    ])
    func visible(input: String, expected: String) {
        #expect(Sanitizer.visible(input) == expected)
    }

    @Test func visibleOutputHasNoControlOrFormatScalars() {
        let everything = String(String.UnicodeScalarView((0...0xFF).compactMap(Unicode.Scalar.init)))
        let shown = Sanitizer.visible(everything + "\u{202E}\u{FEFF}")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!shown.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{FEFF}" })
    }

    @Test(arguments: [
        ("  yes  ", "yes"),
        ("\tno\r\n", "no"),
        ("\n\n", ""),
        ("", ""),
        ("two words ", "two words"),
        ("\u{A0}nbsp\u{A0}", "nbsp"),
        ("inner  \n  kept", "inner  \n  kept"),
    ])
    func cleanAnswer(input: String, expected: String) {
        #expect(Sanitizer.cleanAnswer(input) == expected)
    }
}
