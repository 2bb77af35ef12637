import Testing

@testable import PracticeRules

/// The type finder's suggestion for every combination of the safety check's answers.
@Suite struct TypeFinderTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var level: String
        var prior: Bool
        var motivated: Bool
        var structured: Bool
        var expected: MicroprojectType

        var testDescription: String {
            "\(level) prior=\(prior) motivation=\(motivated) structured=\(structured) → \(expected.rawValue)"
        }

        var facts: [String: String] {
            [
                "need-level": level, "prior-support": prior ? "yes" : "no", "motivation": motivated ? "yes" : "no",
                "structured-support": structured ? "yes" : "no",
            ]
        }
    }

    static func rows(_ level: String, _ rule: (Bool, Bool, Bool) -> MicroprojectType) -> [Row] {
        var out: [Row] = []
        for prior in [false, true] {
            for motivated in [false, true] {
                for structured in [false, true] {
                    out.append(
                        Row(
                            level: level,
                            prior: prior,
                            motivated: motivated,
                            structured: structured,
                            expected: rule(prior, motivated, structured)
                        )
                    )
                }
            }
        }
        return out
    }

    /// general: no particular concern → Type 1, or Type 2 when structured follow-up would help.
    /// early: early signs → Type 2, or Type 3 when structured sessions would help the participant engage.
    /// moderate: some difficulty → Type 3, or Type 4 when earlier support made little difference and they are motivated.
    /// complex: ongoing difficulties → Type 4 when motivated (the guide's "Higher Concern, Motivated"), else Type 3.
    static let table: [Row] =
        rows("general") { _, _, s in s ? .earlyConcern : .universalPrevention }
        + rows("early") { _, _, s in s ? .supportedLearning : .earlyConcern }
        + rows("moderate") { p, m, _ in p && m ? .complexEngagement : .supportedLearning }
        + rows("complex") { _, m, _ in m ? .complexEngagement : .supportedLearning }

    @Test(arguments: table)
    func suggestion(row: Row) {
        let s = TypeFinder.suggest(row.facts)
        #expect(s.type == row.expected)
        #expect(!s.reason.isEmpty)
    }

    @Test func tableCoversEveryCombination() {
        #expect(Self.table.count == 32)
    }

    @Test(arguments: [
        ([:] as [String: String], MicroprojectType.universalPrevention),
        (["need-level": "complex"], .complexEngagement),  // motivation not asked counts as motivated
        (["need-level": "complex", "motivation": "no"], .supportedLearning),
        (["need-level": "moderate"], .supportedLearning),
        (["need-level": "early"], .earlyConcern),
        (["need-level": "something-new"], .universalPrevention),
    ])
    func missingAnswers(facts: [String: String], expected: MicroprojectType) {
        #expect(TypeFinder.suggest(facts).type == expected)
    }

    @Test func reasonsSayWhy() {
        let complexPrior = TypeFinder.suggest(["need-level": "complex", "prior-support": "yes", "motivation": "yes"])
        #expect(complexPrior.reason.contains("earlier support made little difference"))
        #expect(complexPrior.reason.contains("motivated"))
        let complexNoPrior = TypeFinder.suggest(["need-level": "complex", "prior-support": "no", "motivation": "yes"])
        #expect(!complexNoPrior.reason.contains("earlier support"))
        let notMotivated = TypeFinder.suggest(["need-level": "complex", "motivation": "no"])
        #expect(notMotivated.reason.contains("Type 4 is for motivated participants"))
    }

    /// The type finder reads the safety check's answers by these ids and choice values.
    @Test func readsAnswersTheSafetyCheckAsks() throws {
        let script = try PackageFiles.script("safety-check")
        for id in ["need-level", "prior-support", "motivation", "structured-support"] {
            #expect(script.contains("- id: \(id)\n"), "safety-check.yaml has no question '\(id)'")
        }
        for value in ["general", "early", "moderate", "complex"] {
            #expect(script.contains("- \(value): "), "safety-check.yaml has no need-level choice '\(value)'")
        }
    }
}
