import Testing

@testable import InterviewEngine

struct FakeEnvironment: ExpressionEnvironment {
    var answers: [String: ExpressionValue] = [:]
    var context: [String: ExpressionValue] = [:]
    func answerValue(_ id: String) -> ExpressionValue? { answers[id] }
    func contextValue(_ key: String) -> ExpressionValue? { context[key] }
    func repetitions(_ group: String) -> Int { group == "areas" ? 2 : 0 }
}

@Suite struct ExpressionTests {
    static let env = FakeEnvironment(
        answers: [
            "crisis": .bool(true), "level": .string("high"), "worries": .set(["sleep", "school"]),
            "count": .number(3), "end": .string("2026-12-31"),
        ],
        context: ["type": .number(3), "role": .string("lead")]
    )

    @Test(
        arguments: [
            (Expression.answer("crisis"), true),
            (.not(.answer("crisis")), false),
            (.compare(.equal, .answer("level"), .literal(.string("high"))), true),
            (.compare(.notEqual, .answer("level"), .literal(.string("high"))), false),
            (.compare(.contains, .answer("worries"), .literal(.string("sleep"))), true),
            (.compare(.contains, .answer("worries"), .literal(.string("money"))), false),
            (.compare(.greaterOrEqual, .context("type"), .literal(.number(3))), true),
            (.compare(.less, .answer("end"), .literal(.string("2027-01-01"))), true),
            (.compare(.greaterOrEqual, .count("areas"), .literal(.number(2))), true),
            (.and(.answer("crisis"), .compare(.equal, .context("role"), .literal(.string("link")))), false),
            (.or(.answer("crisis"), .compare(.equal, .context("role"), .literal(.string("link")))), true),
            (.answered("missing"), false),
            // A missing answer makes every comparison false, != included.
            (.compare(.notEqual, .answer("missing"), .literal(.string("x"))), false),
            (.compare(.equal, .answer("count"), .literal(.string("3"))), false),
        ] as [(Expression, Bool)]
    )
    func evaluates(expression: Expression, expected: Bool) {
        #expect(expression.evaluate(in: Self.env) == expected)
    }
}
