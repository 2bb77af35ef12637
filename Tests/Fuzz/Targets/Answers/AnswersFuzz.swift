import FuzzSupport
import InterviewEngine

/// libFuzzer entry: the first byte picks a question, the rest is what a person typed. Invariants: no crash; a
/// problem is a sentence for people; an accepted answer is a value of the question's kind that keeps its rules.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswers(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    guard count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: bytes, count: count)
    let question = questions[Int(input[0]) % questions.count]
    let typed = String(decoding: input.dropFirst(), as: UTF8.self)
    // 2026-12-01 12:00 UTC.
    let now: Timestamp = 1_796_126_400_000
    switch AnswerParser.parse(typed, for: question, at: now) {
    case .problem(let message):
        invariant(!message.words.isEmpty, "a problem without words")
    case .accepted(let value):
        check(value, for: question, typed: typed, now: now)
    }
    return 0
}

let choices = [
    Choice(value: "low", label: "Low"), Choice(value: "high", label: "High, needs a plan"),
    Choice(value: "no", label: "No, nothing needs escalating"), Choice(value: "n-a", label: "Not applicable"),
]

let questions: [Question] = [
    Question(type: .shortText),
    Question(type: .longText, required: false, validations: [.init(rule: .maxLength(40), message: "Shorter, please.")]),
    Question(type: .shortText, validations: [.init(rule: .pattern("[A-Z]{2}[0-9]+"), message: "Like AB12.")]),
    Question(type: .yesNo),
    Question(type: .yesNo, preferNotToSay: true),
    Question(type: .oneOf(choices)),
    Question(type: .oneOf(choices), preferNotToSay: true),
    Question(type: .severalOf(choices, min: 0, max: 4)),
    Question(type: .severalOf(choices, min: 2, max: 3)),
    Question(type: .number(min: nil, max: nil, wholeOnly: false)),
    Question(type: .number(min: 1, max: 10, wholeOnly: true)),
    Question(type: .number(min: -5.5, max: 1e9, wholeOnly: false)),
    Question(type: .date),
    Question(type: .date, validations: [.init(rule: .notInPast, message: "Not before today.")]),
    Question(type: .date, validations: [.init(rule: .notInFuture, message: "Not after today.")]),
    Question(type: .scale(min: 1, max: 5, minLabel: "Not at all", maxLabel: "Very")),
    Question(type: .scale(min: 0, max: 10, minLabel: nil, maxLabel: nil), preferNotToSay: true),
]

func check(_ value: AnswerValue, for question: Question, typed: String, now: Timestamp) {
    if value == .declined {
        invariant(question.preferNotToSay, "declined where the question does not offer it")
        return
    }
    let text = typed.trimmingWhitespace()
    switch (question.type, value) {
    case (.shortText, .text(let t)), (.longText, .text(let t)):
        invariant(t == text && !t.isEmpty, "the text taken is not what was typed")
    case (.yesNo, .yesNo): break
    case (.oneOf(let c), .choice(let v)):
        invariant(c.contains { $0.value == v }, "a choice that is not offered: \(v)")
    case (.severalOf(let c, let min, let max), .choices(let picked)):
        invariant((min...max).contains(picked.count), "\(picked.count) choices outside \(min)...\(max)")
        invariant(
            picked == c.map(\.value).filter(picked.contains),
            "choices not unique or not in the script's order"
        )
    case (.number(let min, let max, let whole), .number(let n)):
        invariant(n.isFinite, "a number that is not finite")
        invariant(min.map { n >= $0 } ?? true && max.map { n <= $0 } ?? true, "\(n) outside the range")
        invariant(!whole || n.rounded() == n, "\(n) is not whole")
    case (.date, .date(let d)):
        let digits = d.unicodeScalars.enumerated().allSatisfy { i, c in
            i == 4 || i == 7 ? c == "-" : ("0"..."9").contains(c)
        }
        invariant(d.unicodeScalars.count == 10 && digits && CivilTime.isValidDay(d), "not a YYYY-MM-DD day: \(d)")
        for v in question.validations {
            if v.rule == .notInPast { invariant(d >= CivilTime.day(now), "a past day taken: \(d)") }
            if v.rule == .notInFuture { invariant(d <= CivilTime.day(now), "a future day taken: \(d)") }
        }
    case (.scale(let min, let max, _, _), .number(let n)):
        invariant(n.rounded() == n && (Double(min)...Double(max)).contains(n), "\(n) is not on the scale")
    default:
        invariant(false, "\(value) is not an answer to a \(question.type) question")
    }
    for v in question.validations {
        if case .maxLength(let n) = v.rule { invariant(text.count <= n, "longer than \(n)") }
        if case .pattern = v.rule {
            invariant(text.count >= 3 && text.prefix(2).allSatisfy(\.isUppercase), "'\(text)' breaks the pattern")
        }
    }
}
