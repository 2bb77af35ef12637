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

    /// Every word of `text` appears whole on some line, in order: no line break falls inside a word.
    static func wordsKeptWhole(_ text: String, _ wrapped: String) -> Bool {
        wrapped.split(separator: "\n").flatMap { $0.split(separator: " ") } == text.split(separator: " ")
    }

    @Test(arguments: 20...100)
    func neverSplitsAWordAtAnyWidth(width: Int) {
        let text =
            "Paused. Everything you have answered is saved. To carry on later, type: microproject continue "
            + "mp-r9jgmx when you are ready, or look at everything so far with microproject list."
        let wrapped = Terminal.wrap(text, width: width, indent: "   ")
        #expect(Self.wordsKeptWhole(text, wrapped), "\(wrapped)")
        #expect(wrapped.contains("microproject continue mp-r9jgmx"), "the command was broken at \(width):\n\(wrapped)")
        for line in wrapped.split(separator: "\n") where !line.contains("microproject ") {
            #expect(line.count <= width, "a line is wider than \(width): '\(line)'")
        }
    }

    @Test func aCommandThatDoesNotFitGoesOnItsOwnLine() {
        let text = "To carry on later, type: microproject continue mp-r9jgmx"
        #expect(Terminal.wrap(text, width: 40) == "To carry on later, type:\nmicroproject continue mp-r9jgmx")
    }

    @Test func aCommandEndsAtTheEndOfItsSentenceOrQuotation() {
        #expect(
            Terminal.commandLength(
                "microproject continue mp-r9jgmx when ready".split(separator: " ").map(String.init),
                at: 0
            ) == 3
        )
        #expect(
            Terminal.commandLength(
                "microproject continue mp-r9jgmx. Then".split(separator: " ").map(String.init),
                at: 0
            ) == 3
        )
        let quoted = "'microproject practitioner update ID --readiness ITEM' later"
        #expect(Terminal.commandLength(quoted.split(separator: " ").map(String.init), at: 0) == 6)
        let options = "microproject consult mp-7nxfqq --link sam --lead-plus ann and then"
        #expect(Terminal.commandLength(options.split(separator: " ").map(String.init), at: 0) == 7)
        // "microproject" as a noun starts no command.
        #expect(Terminal.commandLength("microproject is small".split(separator: " ").map(String.init), at: 0) == 0)
        #expect(
            Terminal.commandLength("'microproject list' to see them.".split(separator: " ").map(String.init), at: 0)
                == 2
        )
    }

    @Test func unbreakableTextStaysOnOneLineAndPrintsWithSpaces() {
        let text = "Type " + Terminal.unbreakable("/handover lead") + " to pass the keyboard"
        #expect(Terminal.wrap(text, width: 12) == "Type\n/handover lead\nto pass the\nkeyboard")
    }

    @Test func eachCallWrapsToTheWidthItIsGiven() {
        let text = "one two three four five six seven eight nine ten eleven twelve"
        let wide = Terminal.wrap(text, width: 70)
        let narrow = Terminal.wrap(text, width: 20)
        #expect(wide == text)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 20 })
        #expect(Terminal.wrap(text, width: 70) == wide)
        #expect(Self.wordsKeptWhole(text, narrow))
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
