import Testing

@testable import PromptScripts

/// What an author sees under each message: the line, and a caret under the exact place, verbatim.
@Suite struct DiagnosticRendererTests {
    /// Loads `header + nodes` and renders every diagnostic without colour.
    static func rendered(_ nodes: String) -> String {
        do {
            let loaded = try ScriptLoader.load(source: LoaderDiagnosticsTests.header + nodes, path: "t.yaml")
            return DiagnosticRenderer(colour: false).render(loaded.warnings)
        } catch let error as ScriptLoadError {
            return DiagnosticRenderer(colour: false).render(error.diagnostics)
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func theCaretIsUnderTheBadOperandOfACondition() {
        #expect(
            Self.rendered(
                """
                  - id: area
                    ask: one-of
                    say: Area?
                    choices:
                      - family: Family
                      - work: Work
                  - id: n
                    ask: number
                    say: How many?
                    when: area == family and nosuch > 3
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:22:30: error: the condition refers to 'nosuch', which is not a question in this script (n): use the id of an earlier question
                    when: area == family and nosuch > 3
                                             ^~~~~~
                """
        )
    }

    @Test func aValueThatIsNotAChoiceAndAnOperatorThatDoesNotFitAreEachPointedAt() {
        #expect(
            Self.rendered(
                """
                  - id: area
                    ask: one-of
                    say: Area?
                    choices:
                      - family: Family
                      - work: Work
                  - id: n
                    ask: number
                    say: How many?
                  - id: later
                    say: Thank you.
                    when: "area == 'home' or n > 'lots'"
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:24:20: error: 'home' is not one of the declared choices (later): use one of: family, work
                    when: "area == 'home' or n > 'lots'"
                                   ^~~~~~
                t.yaml:24:32: error: '>' needs numbers or dates on both sides, not a number and a text (later): write e.g. 'count >= 2' or "end-date < '2026-12-31'"
                    when: "area == 'home' or n > 'lots'"
                                               ^
                """
        )
    }

    @Test func theCaretIsUnderThePlaceholderInEveryKindOfScalar() {
        #expect(
            Self.rendered(
                """
                  - id: name
                    ask: text
                    say: Your name?
                  - id: quoted
                    say: "Hi {name}, and {nobody}."
                  - id: plain
                    say: Hi {name}, and {nobody}.
                  - id: single
                    say: 'It''s {name}''s {nobody}'
                  - id: escaped
                    say: "Tab\\there {nobody}"
                  - id: folded-quote
                    say: "First
                      second {nobody}"
                  - id: literal
                    say: |
                      First line.
                      Then {nobody} here.
                  - id: folded
                    say: >
                      One line
                      and {nobody} two.
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:17:26: error: the text pipes in '{nobody}', which is not a question in this script (quoted): use the id of an earlier question in braces
                    say: "Hi {name}, and {nobody}."
                                         ^~~~~~~~
                t.yaml:19:25: error: the text pipes in '{nobody}', which is not a question in this script (plain): use the id of an earlier question in braces
                    say: Hi {name}, and {nobody}.
                                        ^~~~~~~~
                t.yaml:21:27: error: the text pipes in '{nobody}', which is not a question in this script (single): use the id of an earlier question in braces
                    say: 'It''s {name}''s {nobody}'
                                          ^~~~~~~~
                t.yaml:23:21: error: the text pipes in '{nobody}', which is not a question in this script (escaped): use the id of an earlier question in braces
                    say: "Tab\\there {nobody}"
                                    ^~~~~~~~
                t.yaml:26:14: error: the text pipes in '{nobody}', which is not a question in this script (folded-quote): use the id of an earlier question in braces
                      second {nobody}"
                             ^~~~~~~~
                t.yaml:30:12: error: the text pipes in '{nobody}', which is not a question in this script (literal): use the id of an earlier question in braces
                      Then {nobody} here.
                           ^~~~~~~~
                t.yaml:34:11: error: the text pipes in '{nobody}', which is not a question in this script (folded): use the id of an earlier question in braces
                      and {nobody} two.
                          ^~~~~~~~
                """
        )
    }

    @Test func aPlainScalarOverTwoLinesIsFollowedAndAnExplicitIndentFallsBackToTheStart() {
        #expect(
            Self.rendered(
                """
                  - id: name
                    ask: text
                    say: Your name?
                  - id: multi
                    say: First words
                      then {nobody}
                  - id: odd
                    say: |2
                        Indented {nobody}.
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:18:12: error: the text pipes in '{nobody}', which is not a question in this script (multi): use the id of an earlier question in braces
                      then {nobody}
                           ^~~~~~~~
                t.yaml:20:10: error: the text pipes in '{nobody}', which is not a question in this script (odd): use the id of an earlier question in braces
                    say: |2
                         ^
                """
        )
    }

    @Test func aDuplicateHasANotePointingAtTheFirstOne() {
        #expect(
            Self.rendered(
                """
                  - id: q
                    ask: one-of
                    say: One
                    choices:
                      - a: A
                      - b: B
                      - a: Again
                  - id: q
                    ask: text
                    say: Two
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:19:9: error: the choice 'a' is listed twice (q): give each choice its own value
                      - a: Again
                        ^
                t.yaml:17:9: note: 'a' is first listed here
                      - a: A
                        ^
                t.yaml:20:9: error: the id 'q' is used twice (q): give every node its own id
                  - id: q
                        ^
                t.yaml:13:9: note: 'q' is first used here
                  - id: q
                        ^
                """
        )
    }

    @Test func aBadKeyAndABadValueAreUnderlinedWhole() {
        #expect(
            Self.rendered(
                """
                  - id: q
                    ask: yes-no
                    sya: Go?
                    role: "manager"
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:13:5: error: a question needs its words (q): add 'say:' with the question
                  - id: q
                    ^
                t.yaml:15:5: error: unknown field 'sya' (q): did you mean 'say'?
                    sya: Go?
                    ^~~
                t.yaml:16:11: error: unknown role 'manager' (q): use one of: practitioner, participant, link, lead, lead-plus, consultant, any, both
                    role: "manager"
                          ^~~~~~~~~
                """
        )
    }

    static let sample = Diagnostic(
        file: "s.yaml",
        line: 3,
        column: 7,
        length: 3,
        sourceLine: "  a: {bad}",
        severity: .warning,
        message: "a warning",
        node: "a",
        fix: "do this"
    )

    @Test func colourOnlyOnATerminalAndAsTheEnvironmentSays() {
        #expect(!DiagnosticRenderer.colourWanted(isTerminal: false, environment: [:]))
        #expect(DiagnosticRenderer.colourWanted(isTerminal: true, environment: [:]))
        #expect(!DiagnosticRenderer.colourWanted(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!DiagnosticRenderer.colourWanted(isTerminal: true, environment: ["TERM": "dumb"]))
        #expect(DiagnosticRenderer.colourWanted(isTerminal: false, environment: ["CLICOLOR_FORCE": "1"]))
        #expect(!DiagnosticRenderer.colourWanted(isTerminal: false, environment: ["CLICOLOR_FORCE": "0"]))
        #expect(
            !DiagnosticRenderer.colourWanted(isTerminal: false, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"])
        )

        let plain = DiagnosticRenderer(colour: false).render(Self.sample)
        #expect(!plain.contains("\u{1B}"))
        #expect(
            plain == """
                s.yaml:3:7: warning: a warning (a): do this
                  a: {bad}
                      ^~~
                """
        )
        let esc = "\u{1B}["
        #expect(
            DiagnosticRenderer(colour: true).render(Self.sample) == """
                \(esc)1ms.yaml:3:7:\(esc)0m \(esc)1;35mwarning:\(esc)0m \(esc)1ma warning (a): do this\(esc)0m
                  a: {bad}
                \(esc)1;32m      ^~~\(esc)0m
                """
        )
    }

    @Test func tabsShowAsSpacesAndTheCaretFollowsThem() {
        var d = Self.sample
        d.sourceLine = "\tx:\t{bad}"
        d.column = 5
        #expect(
            DiagnosticRenderer(colour: false).render(d).split(separator: "\n").dropFirst().joined(separator: "\n")
                == "        x:      {bad}\n                ^~~"
        )
    }

    @Test func aLongLineIsCutAroundTheCaret() {
        var d = Self.sample
        d.sourceLine = String(repeating: "a", count: 150) + "{bad}" + String(repeating: "b", count: 150)
        d.column = 151
        d.length = 5
        let lines = DiagnosticRenderer(colour: false, width: 40).render(d).split(separator: "\n").dropFirst()
            .map(String.init)
        // 38 columns shown between the ellipses, the caret a third of the way in.
        #expect(
            lines == [
                "…" + String(repeating: "a", count: 12) + "{bad}" + String(repeating: "b", count: 21) + "…",
                String(repeating: " ", count: 13) + "^~~~~",
            ]
        )
    }

    @Test func aVeryLongLineIsKeptAsAWindowAroundEachPlace() throws {
        // One line of 3,000 unknown fields: every diagnostic keeps a short window of it, not the whole line.
        let text = "{" + (0..<3000).map { "k\($0): 1" }.joined(separator: ", ") + "}\n"
        let error = try #require(throws: ScriptLoadError.self) { try ScriptLoader.load(source: text, path: "w.yaml") }
        #expect(error.diagnostics.count > 3000)
        #expect(error.diagnostics.allSatisfy { ($0.sourceLine?.unicodeScalars.count ?? 0) <= 2 * 240 + 2 })
        let d = try #require(error.diagnostics.first { $0.message == "unknown field 'k1500'" })
        let lines = DiagnosticRenderer(colour: false, width: 60).render(d).split(separator: "\n").map(String.init)
        let caret = try #require(lines[2].firstIndex(of: "^"))
        let under = lines[1].dropFirst(lines[2].distance(from: lines[2].startIndex, to: caret))
        #expect(under.hasPrefix("k1500: 1"), "\(lines)")
        #expect(lines[2].hasSuffix("^~~~~"))
        #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("…"))
    }

    @Test func whatATerminalWouldActOnIsNotPrinted() {
        var d = Self.sample
        d.sourceLine = "  a: \u{1B}[2J{bad}\u{202E}"
        d.column = 10
        let rendered = DiagnosticRenderer(colour: false).render(d)
        #expect(!rendered.contains("\u{1B}"))
        #expect(!rendered.contains("\u{202E}"))
        #expect(rendered.hasSuffix("  a: \u{FFFD}[2J{bad}\u{FFFD}\n         ^~~"))
    }

    @Test func theSummaryNamesTheScriptWithErrors() {
        var warning = Self.sample
        warning.file = "Prompts/priorities.yaml"
        var error = warning
        error.severity = .error
        #expect(
            DiagnosticRenderer.summary([error, error, warning], scripts: 1) == "2 errors, 1 warning in priorities.yaml"
        )
        #expect(DiagnosticRenderer.summary([warning], scripts: 1) == nil)
        var other = error
        other.file = "b.yaml"
        #expect(
            DiagnosticRenderer.summary([error, other], scripts: 5)
                == "2 errors, 0 warnings in priorities.yaml and b.yaml (of 5 scripts checked)"
        )
    }
}
