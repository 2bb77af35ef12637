import Foundation
import Testing

/// `microproject lint` shows each problem's line with a caret under the exact place, like a compiler.
@Suite("End to end: lint carets")
struct EndToEndLintCaretTests {
    static let script = """
        script: carets
        version: "1.0"
        title: Carets
        outcomes:
          - id: suitable
            title: Suitable
          - id: unused
            title: Unused
        concern:
          outcome: suitable
          guidance: Follow your procedures.
        nodes:
          - id: area
            ask: one-of
            say: Which area?
            choices:
              - family: Family
              - work: Work
          - id: hours
            ask: number
            say: How many hours?
            when: area == family and nosuch > 3
          - id: thanks
            say: |
              Thank you.
              We will use {hours} and {nobody}.
          - id: area
            ask: text
            say: Again?
          - id: done
            stop: suitable

        """

    func write(_ sandbox: E2ESandbox) throws -> String {
        let file = sandbox.path("carets.yaml")
        try Self.script.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test(
        "each problem: file:line:col, the source line, a caret under the operand, the placeholder, the repeat; a note at the first; a summary"
    )
    func caretsUnderTheExactPlace() async throws {
        let sandbox = try E2ESandbox()
        let file = try write(sandbox)
        let result = try await sandbox.run(["lint", file])
        #expect(result.exitCode == 65, "\(result.transcript)")
        #expect(
            result.stderr == """
                \(file):7:9: warning: the outcome 'unused' is declared but no stop reaches it (outcomes): add a stop node for it, or remove it
                  - id: unused
                        ^~~~~~
                \(file):22:30: error: the condition refers to 'nosuch', which is not a question in this script (hours): use the id of an earlier question
                    when: area == family and nosuch > 3
                                             ^~~~~~
                \(file):26:31: error: the text pipes in '{nobody}', which is not a question in this script (thanks): use the id of an earlier question in braces
                      We will use {hours} and {nobody}.
                                              ^~~~~~~~
                \(file):27:9: error: the id 'area' is used twice (area): give every node its own id
                  - id: area
                        ^~~~
                \(file):13:9: note: 'area' is first used here
                  - id: area
                        ^~~~

                """,
            "\(result.transcript)"
        )
        #expect(result.stdout == "3 errors, 1 warning in carets.yaml.\n", "\(result.transcript)")
        #expect(!result.output.contains("\u{1B}"), "colour on a file: \(result.transcript)")

        // A broken script never starts, and says where, the same way.
        let run = try await sandbox.run(["run", file], lines: ["family"])
        #expect(run.exitCode == 65, "\(run.transcript)")
        #expect(
            run.stderr.contains(
                "    when: area == family and nosuch > 3\n" + String(repeating: " ", count: 29) + "^~~~~~\n"
            )
        )
    }

    @Test("colour only when asked for off a terminal (CLICOLOR_FORCE), and never with NO_COLOR")
    func colourFollowsTheEnvironment() async throws {
        let sandbox = try E2ESandbox()
        let file = try write(sandbox)
        let forced = sandbox.makeProcess(["lint", file])
        var environment = sandbox.environment
        environment["NO_COLOR"] = nil
        environment["CLICOLOR_FORCE"] = "1"
        forced.environment = environment
        let coloured = try await sandbox.execute(forced, timeout: 60)
        #expect(coloured.exitCode == 65, "\(coloured.transcript)")
        #expect(coloured.stderr.contains("\u{1B}[1;31merror:\u{1B}[0m"), "\(coloured.transcript)")
        #expect(coloured.stderr.contains("\u{1B}[1;35mwarning:\u{1B}[0m"), "\(coloured.transcript)")
        #expect(coloured.stderr.contains("\u{1B}[1;36mnote:\u{1B}[0m"), "\(coloured.transcript)")
        #expect(coloured.stderr.contains("\u{1B}[1;32m" + String(repeating: " ", count: 29) + "^~~~~~\u{1B}[0m"))

        let refused = sandbox.makeProcess(["lint", file])
        environment["NO_COLOR"] = "1"
        refused.environment = environment
        let plain = try await sandbox.execute(refused, timeout: 60)
        #expect(plain.exitCode == 65, "\(plain.transcript)")
        #expect(!plain.stderr.contains("\u{1B}"), "\(plain.transcript)")
    }
}
