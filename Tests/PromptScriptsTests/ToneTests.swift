import Foundation
import Testing

@testable import InterviewEngine
@testable import PromptScripts

/// Issue 10 item 12: every prompt stays within the guide's boundaries and tone (plain, warm, non-clinical, never
/// blaming). This keeps the words the guide rules out from coming back into any shipped script.
@Suite struct ToneTests {
    /// Clinical, case-management or blaming words that no prompt uses ("not therapy" and "not who was at fault"
    /// say what the work is not, so those words are not listed).
    static let ruledOut = [
        "patient", "patients", "client", "clients", "symptom", "symptoms", "disorder", "diagnose", "non-compliant",
        "noncompliant", "failed", "failure", "lazy", "blame", "caseload",
    ]

    static func texts(_ script: Script) -> [String] {
        var out = [script.title, script.concernGuidance] + (script.intro.map { [$0] } ?? [])
        for o in script.outcomes { out += [o.title, o.message] + (o.guidance.map { [$0] } ?? []) }
        func walk(_ nodes: [Node]) {
            for n in nodes {
                out.append(n.text)
                if let g = n.guidance { out.append(g) }
                out += n.question?.type.choices.map(\.label) ?? []
                if case .group(let g) = n.kind {
                    out.append(g.anotherPrompt)
                    if let m = g.atMost { out.append(m) }
                    walk(g.nodes)
                }
            }
        }
        walk(script.nodes)
        return out
    }

    @Test func noShippedPromptUsesARuledOutWord() throws {
        for file in ScriptCatalog.scripts(in: ShippedScriptsTests.promptsFolder) {
            let script = try ScriptLoader.load(path: file).script
            for text in Self.texts(script) {
                let words = text.lowercased().split { !$0.isLetter && $0 != "-" }.map(String.init)
                for word in Self.ruledOut where words.contains(word) {
                    Issue.record("\(file): '\(word)' in: \(text)")
                }
            }
        }
    }
}
