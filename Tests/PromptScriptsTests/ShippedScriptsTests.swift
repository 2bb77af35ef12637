import Foundation
import Testing

@testable import InterviewEngine
@testable import PromptScripts

/// Every file in Prompts/ must load with no errors and no warnings.
@Suite struct ShippedScriptsTests {
    static let promptsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Prompts").path

    @Test func everyShippedScriptPassesLint() throws {
        let files = ScriptCatalog.scripts(in: Self.promptsFolder)
        #expect(!files.isEmpty)
        for file in files {
            let loaded = try ScriptLoader.load(path: file)
            #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        }
    }

    @Test func safetyCheckHasTheThreeOutcomesAndAConcernRoute() throws {
        let script = try ScriptLoader.load(path: Self.promptsFolder + "/safety-check.yaml").script
        #expect(script.outcomes.map(\.id) == ["suitable", "not-suitable", "escalate"])
        #expect(script.concernOutcome == "escalate")
    }

    @Test func graphMarksOutcomesInBothFormats() throws {
        let script = try ScriptLoader.load(path: Self.promptsFolder + "/safety-check.yaml").script
        let dot = ScriptGraph.render(script, format: .dot)
        #expect(dot.hasPrefix("digraph \"safety-check\" {"))
        #expect(dot.contains("\"outcome:escalate\" [shape=doubleoctagon"))
        #expect(dot.contains("\"safety-worry\" -> \"stop-safeguarding\" [label=\"safety-worry == 'yes'\"]"))
        let mermaid = ScriptGraph.render(script, format: .mermaid)
        #expect(mermaid.hasPrefix("flowchart TD"))
        #expect(mermaid.contains("Outcome: Follow safeguarding procedures now"))
    }

    @Test func contentHashIsTheSHA256OfTheFile() throws {
        let path = Self.promptsFolder + "/safety-check.yaml"
        let loaded = try ScriptLoader.load(path: path)
        #expect(loaded.script.contentHash == SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
        #expect(loaded.script.contentHash.count == 64)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256Vectors(input: String, expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }
}
