import Foundation
import Testing

/// `microproject lint` and `microproject graph`, as authors use them.
@Suite("End to end: lint and graph")
struct EndToEndLintGraphTests {
    @Test("the shipped scripts pass lint")
    func shippedScriptsAreOK() async throws {
        let sandbox = try E2ESandbox()
        let result = try await sandbox.run(["lint"])
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.stdout.hasPrefix("ok: "), "\(result.transcript)")
        #expect(!result.output.contains("error:"))

        let explicit = try await sandbox.run(["lint", "\(E2E.promptsPath)/safety-check.yaml"])
        #expect(explicit.exitCode == 0, "\(explicit.transcript)")
    }

    static let broken = """
        script: broken
        version: "1.0"
        title: Broken
        outcomes:
          - id: suitable
            title: Suitable
        concern:
          outcome: suitable
          guidance: Follow your procedures.
        nodes:
          - id: first
            ask: yes-no
            say: Is this fine?
            next:
              - goto: nowhere
          - id: done
            stop: finished

        """

    @Test("a broken script: exit 65 and file:line:col: error: lines naming the node and the fix")
    func brokenScript() async throws {
        let sandbox = try E2ESandbox()
        let folder = sandbox.path("scripts")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = "\(folder)/broken.yaml"
        try Self.broken.write(toFile: file, atomically: true, encoding: .utf8)

        let result = try await sandbox.run(["lint", file])
        #expect(result.exitCode == 65, "\(result.transcript)")
        let errors = result.output.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
        #expect(errors.count >= 2, "expected at least 2 errors: \(result.transcript)")
        // goto on line 15 ("      - goto: nowhere": the value starts at column 15).
        #expect(
            errors.contains { $0.hasPrefix("\(file):15:") && $0.contains("nowhere") && $0.contains("(first)") },
            "no error at the missing goto target: \(errors)"
        )
        // stop on line 17 ("    stop: finished": the value starts at column 11).
        #expect(
            errors.contains {
                $0.hasPrefix("\(file):17:11: error: ") && $0.contains("finished") && $0.contains("(done)")
            },
            "no error at the undeclared outcome: \(errors)"
        )
        for error in errors {
            #expect(
                error.range(of: #"^.+:\d+:\d+: error: .+\(.+\): .+"#, options: .regularExpression) != nil,
                "not 'file:line:col: error: what (node): fix': \(error)"
            )
        }

        // Linting the folder (and with MICROPROJECT_PROMPTS pointing at it) finds the same.
        let byFolder = try await sandbox.run(["lint", folder])
        #expect(byFolder.exitCode == 65, "\(byFolder.transcript)")
        // A broken script never starts an interview.
        let run = try await sandbox.run(["run", file], lines: ["yes"])
        #expect(run.exitCode == 65, "\(run.transcript)")
    }

    static let badSecondRule = """
        script: two-rules
        version: "1.0"
        title: Two rules
        outcomes:
          - id: suitable
            title: Suitable
        concern:
          outcome: suitable
          guidance: Follow your procedures.
        nodes:
          - id: first
            ask: yes-no
            say: Is this fine?
            next:
              - if: first == yes
                goto: done
              - if: first == no
                goto: nowhere
          - id: done
            stop: suitable

        """

    @Test("a bad goto in the second next rule is reported at that rule's goto line")
    func badGotoPosition() async throws {
        let sandbox = try E2ESandbox()
        let file = sandbox.path("two-rules.yaml")
        try Self.badSecondRule.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await sandbox.run(["lint", file])
        #expect(result.exitCode == 65, "\(result.transcript)")
        let errors = result.output.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(result.transcript)")
        // "        goto: nowhere" is line 18; the first rule (line 15) is fine.
        #expect(
            errors.first?.hasPrefix("\(file):18:") == true,
            "the error should point at line 18 ('goto: nowhere'), got: \(errors)"
        )
    }

    @Test("graph prints Graphviz DOT, and Mermaid with --format mermaid")
    func graph() async throws {
        let sandbox = try E2ESandbox()
        let dot = try await sandbox.run(["graph", "safety-check"])
        #expect(dot.exitCode == 0, "\(dot.transcript)")
        #expect(dot.stdout.hasPrefix("digraph"), "\(dot.stdout.prefix(200))")
        #expect(dot.stdout.contains("stop-crisis") || dot.stdout.contains("crisis"))

        let mermaid = try await sandbox.run(["graph", "safety-check", "--format", "mermaid"])
        #expect(mermaid.exitCode == 0, "\(mermaid.transcript)")
        #expect(mermaid.stdout.hasPrefix("flowchart"), "\(mermaid.stdout.prefix(200))")
    }
}
