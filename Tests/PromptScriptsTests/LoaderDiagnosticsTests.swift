import Foundation
import Testing

@testable import PromptScripts

/// Loader errors asserted as rendered text, verbatim: what people see is the contract.
@Suite struct LoaderDiagnosticsTests {
    static let header = """
        script: t
        version: "1"
        title: T
        outcomes:
          - id: done
            title: Done
          - id: escalate
            title: Escalate
        concern:
          outcome: escalate
          guidance: Follow procedures.
        nodes:

        """

    /// Loads `header + nodes` and returns the rendered diagnostics.
    static func diagnostics(_ nodes: String) -> String {
        do {
            let loaded = try ScriptLoader.load(source: header + nodes, path: "t.yaml")
            return loaded.warnings.map(\.headlines).joined(separator: "\n")
        } catch let error as ScriptLoadError {
            return error.diagnostics.map(\.headlines).joined(separator: "\n")
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func aCleanScriptHasNoDiagnostics() {
        #expect(
            Self.diagnostics(
                """
                  - id: q
                    ask: yes-no
                    say: Go?
                    next:
                      - if: q == yes
                        goto: stop-escalate
                  - id: end
                    stop: done
                  - id: stop-escalate
                    stop: escalate
                """
            ) == ""
        )
    }

    @Test func unknownJumpTargetAndAnswerReference() {
        #expect(
            Self.diagnostics(
                """
                  - id: q
                    ask: yes-no
                    say: Go?
                    when: answered(qq)
                    next:
                      - goto: nowhere
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:16:20: error: the condition refers to 'qq', which is not a question in this script (q): did you mean 'q'?
                t.yaml:18:15: error: 'goto: nowhere' names no node (q): use the id of a later node in the same list
                """
        )
    }

    @Test func aDefaultMustBeAnAnswerTheQuestionTakes() {
        let diagnostics = Self.diagnostics(
            """
              - id: sessions
                ask: number
                whole: yes
                min: 1
                max: 12
                default: 20
                say: How many?
              - id: end
                stop: done
            """
        )
        #expect(
            diagnostics
                == "t.yaml:18:14: error: the default '20' is not an answer this question takes: Please type a number no more than 12 (sessions): write the default as a person would type it, e.g. 'default: 6'"
        )
    }

    @Test func duplicateIdsPointAtTheSecondOne() {
        #expect(
            Self.diagnostics(
                """
                  - id: q
                    ask: text
                    say: One
                  - id: q
                    ask: text
                    say: Two
                  - id: end
                    stop: done
                """
            ) == """
                t.yaml:16:9: error: the id 'q' is used twice (q): give every node its own id
                t.yaml:13:9: note: 'q' is first used here
                """
        )
    }

    @Test func runningPastTheEndIsAnError() {
        #expect(
            Self.diagnostics(
                """
                  - id: q
                    ask: text
                    say: One
                  - id: end
                    stop: done
                    when: q == 'x'
                """
            ) == """
                t.yaml:16:5: error: the interview can run past the last node without reaching an outcome (end): end the script with a stop node, e.g. '- id: done' and 'stop: done'
                """
        )
    }

    @Test func typeErrorsAndUndeclaredChoicesInConditions() {
        #expect(
            Self.diagnostics(
                """
                  - id: level
                    ask: one-of
                    say: Level?
                    choices:
                      - low: Low
                      - high: High
                  - id: n
                    ask: number
                    say: How many?
                    when: level == medium
                  - id: q
                    ask: yes-no
                    say: Sure?
                    when: n > 'lots' or level
                  - id: end
                    stop: done
                  - id: stop-escalate
                    stop: escalate
                """
            ) == """
                t.yaml:22:20: error: 'medium' is not one of the declared choices (n): use one of: low, high
                t.yaml:26:13: error: '>' needs numbers or dates on both sides, not a number and a text (q): write e.g. 'count >= 2' or "end-date < '2026-12-31'"
                t.yaml:26:25: error: 'level' is a one-of choice question, so it cannot stand alone as a condition (q): compare it, e.g. 'level == low'
                t.yaml:29:5: error: no route reaches this node (stop-escalate): remove it, or change the 'next:' or 'stop' before it so the interview can get here
                """
        )
    }

    @Test func stopWithoutADeclaredOutcome() {
        #expect(
            Self.diagnostics(
                """
                  - id: end
                    stop: finished
                  - id: stop-escalate
                    stop: escalate
                """
            ) == """
                t.yaml:5:9: warning: the outcome 'done' is declared but no stop reaches it (outcomes): add a stop node for it, or remove it
                t.yaml:14:11: error: the outcome 'finished' is not declared (end): declare it under 'outcomes:' or use one of: done, escalate
                t.yaml:15:5: error: no route reaches this node (stop-escalate): remove it, or change the 'next:' or 'stop' before it so the interview can get here
                """
        )
    }

    @Test func syntaxErrorsInConditionsPointAtTheColumn() {
        #expect(
            Self.diagnostics(
                """
                  - id: q
                    ask: yes-no
                    say: Go?
                  - id: r
                    ask: yes-no
                    say: Again?
                    when: q == yes and (
                  - id: end
                    stop: done
                """
            ).hasPrefix(
                """
                t.yaml:19:25: error: cannot read the condition: expected a question id, a value or '(' but found the end of the condition (r)
                """
            )
        )
    }

    @Test func unknownFieldsSuggestTheNearestName() {
        #expect(
            Self.diagnostics(
                """
                  - id: q
                    ask: yes-no
                    sya: Go?
                  - id: end
                    stop: done
                """
            ).contains(
                """
                t.yaml:15:5: error: unknown field 'sya' (q): did you mean 'say'?
                """
            )
        )
    }

    @Test func invalidYAMLSaysWhere() {
        let text = Self.diagnostics("  - id: q\n    ask: [yes-no\n")
        #expect(text.hasPrefix("t.yaml:15:1: error: this is not valid YAML"))
    }

    @Test func anAliasBombIsRefusedQuickly() throws {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (prev, name) in zip("abcdefgh", "bcdefghi") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
        }
        let start = ContinuousClock.now
        #expect(throws: ScriptLoadError.self) { try ScriptLoader.load(source: yaml, path: "bomb.yaml") }
        #expect(ContinuousClock.now - start < .seconds(2))
        let error = try #require(throws: ScriptLoadError.self) {
            try ScriptLoader.load(source: yaml, path: "bomb.yaml")
        }
        #expect(error.description.contains("more than 100000 YAML nodes"))
    }

    @Test func oversizedFilesAreRefusedBeforeParsing() {
        let big = Data(repeating: UInt8(ascii: "#"), count: ScriptLoader.maxBytes + 1)
        #expect(throws: ScriptLoadError.self) { try ScriptLoader.load(data: big, path: "big.yaml") }
    }
}
