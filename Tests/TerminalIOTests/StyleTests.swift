import Testing

@testable import TerminalIO

@Suite struct StyleTests {
    @Test func colourOnATerminalWithoutNoColor() {
        let style = Style(isTerminal: true, environment: ["TERM": "xterm-256color"])
        #expect(style.isEnabled)
        #expect(style.bold("Q") == "\u{1B}[1mQ\u{1B}[0m")
        #expect(style.warning("w") == "\u{1B}[33mw\u{1B}[0m")
        #expect(style.success("") == "")
    }

    @Test(arguments: [
        (true, ["NO_COLOR": "1"]),
        (true, ["NO_COLOR": "false"]),
        (true, ["TERM": "dumb"]),
        (false, [:]),
        (false, ["NO_COLOR": ""]),
    ])
    func plainText(isTerminal: Bool, environment: [String: String]) {
        let style = Style(isTerminal: isTerminal, environment: environment)
        #expect(!style.isEnabled)
        for styled in [
            style.bold("a"), style.dim("a"), style.accent("a"), style.warning("a"), style.error("a"),
            style.success("a"),
        ] {
            #expect(styled == "a")
        }
        #expect(style.promptSafe(style.bold("> ")) == "> ")
    }

    @Test func emptyNoColorDoesNotDisable() {
        #expect(Style(isTerminal: true, environment: ["NO_COLOR": ""]).isEnabled)
    }

    @Test func promptSafeMarksEscapesAsNonPrinting() {
        let style = Style(isTerminal: true, environment: [:])
        #expect(style.promptSafe(style.bold("> ")) == "\u{1}\u{1B}[1m\u{2}> \u{1}\u{1B}[0m\u{2}")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("\u{1B}[1;36mQ\u{1B}[0m? ", "\u{1}\u{1B}[1;36m\u{2}Q\u{1}\u{1B}[0m\u{2}? "),
        ("\u{1}\u{1B}[1m\u{2}done", "\u{1}\u{1B}[1m\u{2}done"),
        ("cut \u{1B}[3", "cut \u{1}\u{1B}[3\u{2}"),
    ])
    func markingEscapes(input: String, expected: String) {
        #expect(PromptMarkup.markingEscapes(input) == expected)
    }
}
