import Glibc
import Testing

@testable import TerminalIO

@Suite struct WrapTests {
    @Test func wrapsAtWordBoundaries() {
        let text = "the quick brown fox jumps over the lazy dog"
        #expect(Terminal.wrap(text, width: 15, indent: "") == "the quick brown\nfox jumps over\nthe lazy dog")
    }

    @Test func indentCountsTowardsWidth() {
        #expect(Terminal.wrap("aaa bbb ccc", width: 9, indent: "  ") == "  aaa bbb\n  ccc")
    }

    @Test func keepsNewlinesAndBlankLines() {
        #expect(Terminal.wrap("one two\n\nthree", width: 80, indent: "> ") == "> one two\n\n> three")
    }

    @Test func keepsALinesOwnIndentOnContinuationLines() {
        #expect(Terminal.wrap("  - alpha beta gamma", width: 12) == "  - alpha\n  beta gamma")
    }

    @Test func longWordIsNotBroken() {
        #expect(Terminal.wrap("a https://example.com/very/long b", width: 10) == "a\nhttps://example.com/very/long\nb")
    }

    @Test func countsCharactersNotBytes() {
        #expect(Terminal.wrap("été été été", width: 7) == "été été\nété")
    }

    @Test func defaultWidthWhenNotATerminal() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        #expect(Terminal.width(of: ends[1]) == Terminal.defaultWidth)
    }
}
