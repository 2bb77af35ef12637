import Foundation
import Testing

@testable import PromptScripts

/// Files written to harm or confuse the loader: tags, very deep nesting, repeated keys. Asserted verbatim.
@Suite struct HostileScriptTests {
    /// The rendered diagnostics of loading `text`, or "" when it loads cleanly.
    static func diagnostics(_ text: String, path: String = "h.yaml") -> String {
        do {
            return try ScriptLoader.load(source: text, path: path).warnings.map(\.headlines).joined(separator: "\n")
        } catch let error as ScriptLoadError {
            return error.diagnostics.map(\.headlines).joined(separator: "\n")
        } catch {
            return "unexpected: \(error)"
        }
    }

    static func tagError(_ line: Int, _ column: Int, _ tag: String) -> String {
        "h.yaml:\(line):\(column): error: the YAML tag '\(tag)' is not allowed in a script: remove '\(tag)' and "
            + "write the value as plain text; text that starts with '!' goes in quotes"
    }

    @Test func everyWrittenTagIsRefusedWhereItIs() {
        let text = """
            script: !!binary aGVsbG8=
            version: !custom "1"
            title: !!python/object:os.system echo
            outcomes: !!seq
              - &o !!map {id: done, title: !<tag:yaml.org,2002:str> Done}
            concern: {outcome: ! done, guidance: !!str "Follow procedures."}
            nodes:
              - id: end
                stop: done

            """
        #expect(
            Self.diagnostics(text)
                == [
                    Self.tagError(1, 9, "!!binary"),
                    Self.tagError(2, 10, "!custom"),
                    Self.tagError(3, 8, "!!python/object:os.system"),
                    Self.tagError(4, 11, "!!seq"),
                    Self.tagError(5, 8, "!!map"),
                    Self.tagError(5, 32, "!<tag:yaml.org,2002:str>"),
                    Self.tagError(6, 20, "!"),
                    Self.tagError(6, 38, "!!str"),
                ].joined(separator: "\n")
        )
    }

    @Test func aTaggedKeyAndATagOnAnAliasedNodeAreEachReportedOnce() {
        let text = """
            script: t
            version: "1"
            title: T
            outcomes:
              - &done {id: done, title: !!binary RG9uZQ==}
            concern:
              outcome: done
              !!str guidance: Follow procedures.
            nodes:
              - id: end
                stop: done
            again: [*done, *done]

            """
        #expect(
            Self.diagnostics(text)
                == [Self.tagError(5, 29, "!!binary"), Self.tagError(8, 3, "!!str")].joined(
                    separator: "\n"
                )
        )
    }

    @Test func anExclamationMarkInsideTextIsNotATag() {
        let text = """
            script: t
            version: "1"
            title: "!important"
            description: say !this, and 'that!'
            intro: '!x'
            outcomes:
              - id: done
                title: Done!
            concern:
              outcome: done
              guidance: |
                !! not a tag in a block
            nodes:
              - id: end
                stop: done

            """
        #expect(Self.diagnostics(text) == "")
    }

    @Test func tagPositionsCountScalarsAndEveryLineBreak() {
        // A byte order mark, CR LF, an accent and a NEL inside quotes do not shift the reported place.
        let text = "\u{FEFF}script: t\r\nversion: \"1\u{85}\"\r\n\"é\": !x 1\n"
        #expect(Self.diagnostics(text) == Self.tagError(4, 6, "!x"))
    }

    static let nesting =
        "error: the file nests deeper than 32 levels, and a script may nest at most 32 levels: "
        + "flatten the structure (see 'Limits' in Prompts/README.md)"

    @Test func aTenThousandDeepFileIsRefusedWithOurLimitWhereItGetsTooDeep() {
        let brackets = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(Self.diagnostics(brackets) == "h.yaml:1:34: \(Self.nesting)")
        let mappings = String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(Self.diagnostics(mappings) == "h.yaml:1:133: \(Self.nesting)")
        let dashes = String(repeating: "- ", count: 10_000) + "x\n"
        #expect(Self.diagnostics(dashes) == "h.yaml:1:67: \(Self.nesting)")
        let mixed =
            "script: x\nnodes:\n  - " + String(repeating: "[{a: ", count: 5_000) + "1"
            + String(repeating: "}]", count: 5_000) + "\n"
        #expect(Self.diagnostics(mixed) == "h.yaml:3:81: \(Self.nesting)")
    }

    @Test func aFileJustTooDeepForUsIsRefusedAtTheFirstLevelTooMany() {
        let block = (0..<40).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        // Line 33's key is the first thing 33 levels deep.
        #expect(Self.diagnostics(block) == "h.yaml:33:33: \(Self.nesting)")
        let brackets = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(Self.diagnostics(brackets) == "h.yaml:1:34: \(Self.nesting)")
    }

    @Test func aRepeatedKeyIsReportedAtTheRepeatWithANoteAtTheFirst() {
        let text = """
            script: t
            version: "1"
            title: T
            outcomes:
              - id: done
                title: Done
                title: Again
            concern: {outcome: done, guidance: G, outcome: done}
            nodes:
              - id: q
                ask: text
                say: One
                say: Two
                'say': Three
              - id: end
                stop: done
            script: again

            """
        #expect(
            Self.diagnostics(text) == """
                h.yaml:7:5: error: the field 'title' is given again here: keep one of them
                h.yaml:6:5: note: 'title' is first given here
                h.yaml:8:39: error: the field 'outcome' is given again here: keep one of them
                h.yaml:8:11: note: 'outcome' is first given here
                h.yaml:13:5: error: the field 'say' is given again here: keep one of them
                h.yaml:12:5: note: 'say' is first given here
                h.yaml:14:5: error: the field 'say' is given again here: keep one of them
                h.yaml:12:5: note: 'say' is first given here
                h.yaml:17:1: error: the field 'script' is given again here: keep one of them
                h.yaml:1:1: note: 'script' is first given here
                """
        )
    }

    @Test func aRepeatedKeyInAnAliasedMappingIsReportedOnce() {
        let text = "a: &x {d: 1, d: 2}\nb: [*x, *x, *x]\n"
        #expect(
            Self.diagnostics(text) == """
                h.yaml:1:14: error: the field 'd' is given again here: keep one of them
                h.yaml:1:8: note: 'd' is first given here
                """
        )
    }

    @Test func aControlCharacterIsReportedWhereItIs() {
        #expect(
            Self.diagnostics("script: t\ntitle: \"a\u{1}\"\n")
                == "h.yaml:2:10: error: this is not valid YAML: control characters are not allowed (character U+1): "
                + "remove that character: a script holds printable text only"
        )
    }

    /// 100,000 '(' (or 'not', or 'and') in one condition crashed lint with a stack overflow in the recursive
    /// parser and in everything that walks the condition after it.
    @Test(arguments: ["(", "and", "not"])
    func aHugeConditionIsRefusedNotACrash(repeating word: String) {
        let condition =
            switch word {
            case "(": String(repeating: "(", count: 100_000) + "q" + String(repeating: ")", count: 100_000)
            case "and": Array(repeating: "q", count: 80_000).joined(separator: " and ")
            default: String(repeating: "not ", count: 100_000) + "q"
            }
        let text = """
            script: t
            version: "1"
            title: T
            outcomes:
              - id: done
                title: Done
            concern:
              outcome: done
              guidance: G
            nodes:
              - id: q
                ask: yes-no
                say: Go?
                when: \(condition)
              - id: end
                stop: done

            """
        // The condition starts at column 11; the error points at its 201st token.
        let column = 11 + Self.offsetOfToken(200, in: condition)
        #expect(
            Self.diagnostics(text)
                == "h.yaml:14:\(column): error: cannot read the condition: the condition is longer than 200 words, "
                + "values and symbols (q): write conditions like 'crisis == yes', 'context.type >= 3' or "
                + "'answered(notes)'"
        )
    }

    /// The scalar offset where the token numbered `n` (from 0) starts.
    static func offsetOfToken(_ n: Int, in text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var count = 0
        var i = 0
        while i < scalars.count {
            if scalars[i] == " " {
                i += 1
                continue
            }
            if count == n { return i }
            count += 1
            let isWord = scalars[i].properties.isAlphabetic
            i += 1
            while isWord, i < scalars.count, scalars[i].properties.isAlphabetic { i += 1 }
        }
        return i
    }

    /// Found by fuzz-script-loader: a repeated id whose second node has a conditional 'next' rule crashed lint
    /// (the condition was put on the first node, which has no such rule).
    @Test func aRepeatedIdWithAConditionalRuleIsReportedNotACrash() {
        let text = """
            script: t
            version: "1"
            title: T
            outcomes:
              - id: done
                title: Done
            concern:
              outcome: done
              guidance: G
            nodes:
              - id: q
                ask: yes-no
                say: Go?
              - id: q
                ask: yes-no
                say: Again?
                next:
                  - if: q == no
                    goto: end
              - id: end
                stop: done

            """
        #expect(
            Self.diagnostics(text) == """
                h.yaml:14:9: error: the id 'q' is used twice (q): give every node its own id
                h.yaml:11:9: note: 'q' is first used here
                """
        )
    }

    /// Found by fuzz-script-loader: an error at the end of a file without a final line break, or an empty
    /// document there, was placed on the line after the last.
    @Test func anErrorAtTheEndOfTheFileIsOnItsLastLine() {
        #expect(
            Self.diagnostics("\n---")
                == "h.yaml:2:4: error: the script should be a set of 'field: value' lines: write it as fields, "
                + "e.g. 'id: my-question'"
        )
        #expect(
            Self.diagnostics("a: 1\nb: 2\nGGGG")
                == "h.yaml:3:5: error: this is not valid YAML: while scanning a simple key, could not find expected "
                + "':': check indentation and quotes on this line"
        )
    }
}
