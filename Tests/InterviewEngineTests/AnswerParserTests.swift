import Testing

@testable import InterviewEngine

/// A parse result with its problem in words, so the tables check the wording people see.
enum Parsed: Equatable {
    case accepted(AnswerValue)
    case problem(String)

    init(_ result: AnswerParser.Result) {
        switch result {
        case .accepted(let value): self = .accepted(value)
        case .problem(let problem): self = .problem(problem.words)
        }
    }
}

@Suite struct AnswerParserTests {
    static let time: Timestamp = 1_795_916_000_000  // 2026-11-29
    static let choices = [
        Choice(value: "family", label: "Family communication"), Choice(value: "school", label: "School"),
    ]

    @Test(
        arguments: [
            ("yes", QuestionType.yesNo, Parsed.accepted(.yesNo(true))),
            ("N", .yesNo, .accepted(.yesNo(false))),
            ("2", .yesNo, .accepted(.yesNo(false))),
            ("maybe", .yesNo, .problem("Please answer yes or no.")),
            ("2", .oneOf(choices), .accepted(.choice("school"))),
            ("family communication", .oneOf(choices), .accepted(.choice("family"))),
            ("SCHOOL", .oneOf(choices), .accepted(.choice("school"))),
            ("3", .oneOf(choices), .problem("Please choose one of the options: type its number or its name.")),
            ("2, 1", .severalOf(choices, min: 1, max: 2), .accepted(.choices(["family", "school"]))),
            ("none", .severalOf(choices, min: 0, max: 2), .accepted(.choices([]))),
            ("none", .severalOf(choices, min: 1, max: 2), .problem("Please choose at least 1.")),
            (
                "1, 7", .severalOf(choices, min: 0, max: 2),
                .problem("'7' is not one of the options. Type their numbers separated by commas, e.g. 1, 3.")
            ),
            ("4", .number(min: 1, max: 6, wholeOnly: true), .accepted(.number(4))),
            ("4.5", .number(min: 1, max: 6, wholeOnly: true), .problem("Please type a whole number.")),
            ("9", .number(min: 1, max: 6, wholeOnly: false), .problem("Please type a number no more than 6.")),
            ("lots", .number(min: nil, max: nil, wholeOnly: false), .problem("Please type a number, for example 3.")),
            ("2026-02-28", .date, .accepted(.date("2026-02-28"))),
            (
                "2026-02-30", .date,
                .problem("Please check the date: 2026-02-30 is not a real day: February 2026 has 28 days.")
            ),
            // Caught by the date invariant of fuzz-answers: Int() reads "+202" as a year, so this was taken as a date.
            (
                "+202-01-01", .date,
                .problem("Please type the date as year-month-day, for example 2026-12-31, or 'today'.")
            ),
            (
                "2027-13-01", .date,
                .problem("Please check the date: there is no month 13; months go from 01 to 12.")
            ),
            ("2028-02-29", .date, .accepted(.date("2028-02-29"))),
            ("today", .date, .accepted(.date("2026-11-29"))),
            ("tomorrow", .date, .accepted(.date("2026-11-30"))),
            ("3", .scale(min: 1, max: 5, minLabel: nil, maxLabel: nil), .accepted(.number(3))),
            (
                "0", .scale(min: 1, max: 5, minLabel: nil, maxLabel: nil),
                .problem("Please choose a number from 1 to 5.")
            ),
            ("  padded  ", .shortText, .accepted(.text("padded"))),
            ("", .shortText, .problem("This one needs an answer before we move on.")),
        ] as [(String, QuestionType, Parsed)]
    )
    func parses(input: String, type: QuestionType, expected: Parsed) {
        #expect(Parsed(AnswerParser.parse(input, for: Question(type: type), at: Self.time)) == expected)
    }

    @Test func preferNotToSayOnlyWhereAllowed() {
        let allowed = Question(type: .oneOf(Self.choices), preferNotToSay: true)
        #expect(AnswerParser.parse("Prefer not to say", for: allowed, at: 0) == .accepted(.declined))
        #expect(AnswerParser.parse("3", for: allowed, at: 0) == .accepted(.declined))
        let text = Question(type: .shortText)
        #expect(AnswerParser.parse("prefer not to say", for: text, at: 0) == .accepted(.text("prefer not to say")))
    }

    @Test func authorValidationMessagesAreUsed() {
        let q = Question(
            type: .shortText,
            validations: [
                Validation(rule: .minLength(5), message: "A little more, please."),
                Validation(rule: .pattern("[A-Z]{2}[0-9]{3}"), message: "Codes look like AB123."),
            ]
        )
        #expect(Parsed(AnswerParser.parse("abc", for: q, at: 0)) == .problem("A little more, please."))
        #expect(Parsed(AnswerParser.parse("abcdef", for: q, at: 0)) == .problem("Codes look like AB123."))
        #expect(Parsed(AnswerParser.parse("AB12345", for: q, at: 0)) == .problem("Codes look like AB123."))
        #expect(AnswerParser.parse("XY123", for: q, at: 0) == .accepted(.text("XY123")))
    }

    @Test func datesInThePastCanBeRefused() {
        let q = Question(type: .date, validations: [Validation(rule: .notInPast, message: "Today or later, please.")])
        #expect(Parsed(AnswerParser.parse("2026-11-28", for: q, at: Self.time)) == .problem("Today or later, please."))
        #expect(AnswerParser.parse("2026-11-29", for: q, at: Self.time) == .accepted(.date("2026-11-29")))
    }

    @Test(arguments: [
        (Timestamp(0), "1970-01-01T00:00:00.000Z"),
        (Timestamp(951_782_400_123), "2000-02-29T00:00:00.123Z"),
        (Timestamp(-1), "1969-12-31T23:59:59.999Z"),
        (Timestamp(1_795_916_000_000), "2026-11-29T01:33:20.000Z"),
        (Timestamp(1_796_000_000_000), "2026-11-30T00:53:20.000Z"),
    ])
    func isoTimes(t: Timestamp, expected: String) {
        #expect(CivilTime.iso8601(t) == expected)
    }
}
