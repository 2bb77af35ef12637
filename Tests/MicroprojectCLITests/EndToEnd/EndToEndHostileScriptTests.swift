import Foundation
import Testing

/// Hostile scripts through the built binary: `lint` and `run` refuse them with located messages, exit 65.
@Suite("End to end: hostile scripts")
struct EndToEndHostileScriptTests {
    static let tagged = """
        script: tagged
        version: "1.0"
        title: !!binary VGFnZ2Vk
        outcomes:
          - id: done
            title: !!python/object:os.system echo
        concern:
          outcome: done
          guidance: Follow your procedures.
        nodes:
          - id: first
            ask: yes-no
            say: !custom Is this fine?
          - id: end
            stop: done

        """

    static let repeated = """
        script: repeated
        version: "1.0"
        title: Repeated
        outcomes:
          - id: done
            title: Done
        concern:
          outcome: done
          guidance: Follow your procedures.
        nodes:
          - id: first
            ask: yes-no
            say: Is this fine?
            say: Or this?
          - id: end
            stop: done

        """

    func write(_ text: String, as name: String, in sandbox: E2ESandbox) throws -> String {
        let file = sandbox.path(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("explicit YAML tags are refused by lint and run, each where it is written")
    func tags() async throws {
        let sandbox = try E2ESandbox()
        let file = try write(Self.tagged, as: "tagged.yaml", in: sandbox)
        for arguments in [["lint", file], ["run", file]] {
            let result = try await sandbox.run(arguments, lines: ["yes"])
            #expect(result.exitCode == 65, "\(result.transcript)")
            for (place, tag) in [("3:8", "!!binary"), ("6:12", "!!python/object:os.system"), ("13:10", "!custom")] {
                #expect(
                    result.output.contains("\(file):\(place): error: the YAML tag '\(tag)' is not allowed in a script"),
                    "\(result.transcript)"
                )
            }
            // Standard error quotes the line with the tag; the question itself is never asked on standard output.
            #expect(!result.stdout.contains("Is this fine?"), "a tagged script must never start: \(result.transcript)")
        }
    }

    @Test("a 10,000-deep file is refused with the format's limit, not libyaml's wording")
    func deep() async throws {
        let sandbox = try E2ESandbox()
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let file = try write(text, as: "deep.yaml", in: sandbox)
        let result = try await sandbox.run(["lint", file])
        #expect(result.exitCode == 65, "\(result.transcript)")
        #expect(
            result.output.contains("\(file):1:34: error: the file nests deeper than 32 levels"),
            "\(result.transcript)"
        )
        #expect(!result.output.contains("yaml_set_max_nest_level"), "\(result.transcript)")
    }

    @Test("a repeated field is reported at the repeat, with a note at the first")
    func repeatedKey() async throws {
        let sandbox = try E2ESandbox()
        let file = try write(Self.repeated, as: "repeated.yaml", in: sandbox)
        let result = try await sandbox.run(["lint", file])
        #expect(result.exitCode == 65, "\(result.transcript)")
        #expect(
            result.output.contains(
                """
                \(file):14:5: error: the field 'say' is given again here: keep one of them
                    say: Or this?
                    ^~~
                \(file):13:5: note: 'say' is first given here
                    say: Is this fine?
                    ^~~
                """
            ),
            "\(result.transcript)"
        )
    }
}
