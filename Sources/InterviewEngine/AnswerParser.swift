/// Turns what a person typed into an answer, or a plain-English reason it could not be taken.
public enum AnswerParser {
    public enum Result: Equatable, Sendable {
        case accepted(AnswerValue)
        case problem(String)
    }

    /// Phrases that mean "prefer not to say" where the question allows it.
    static let declinePhrases: Set<String> = ["prefer not to say", "rather not say", "pass"]
    static let yesWords: Set<String> = ["y", "yes", "yeah", "yep", "true"]
    static let noWords: Set<String> = ["n", "no", "nope", "false"]

    public static func parse(
        _ raw: String,
        for question: Question,
        at time: Timestamp,
        context: [String: String] = [:]
    ) -> Result {
        let text = raw.trimmingWhitespace()
        if question.preferNotToSay, declinePhrases.contains(text.lowercased()) { return .accepted(.declined) }
        if question.preferNotToSay, case .oneOf(let c) = question.type, text == String(c.count + 1) {
            return .accepted(.declined)
        }
        if text.isEmpty {
            return .problem(
                question.required
                    ? "This one needs an answer before we move on."
                    : "Type an answer, or /skip to leave this one out."
            )
        }
        let result = parseValue(text, type: question.type, at: time)
        guard case .accepted(let value) = result else { return result }
        for v in question.validations where !passes(v.rule, value: value, text: text, at: time, context: context) {
            return .problem(v.message)
        }
        return result
    }

    public static func parseValue(_ text: String, type: QuestionType, at time: Timestamp) -> Result {
        switch type {
        case .shortText, .longText:
            return .accepted(.text(text))
        case .yesNo:
            let word = text.lowercased()
            if yesWords.contains(word) || word == "1" { return .accepted(.yesNo(true)) }
            if noWords.contains(word) || word == "2" { return .accepted(.yesNo(false)) }
            return .problem("Please answer yes or no.")
        case .oneOf(let choices):
            if let c = match(text, in: choices) { return .accepted(.choice(c.value)) }
            return .problem("Please choose one of the options: type its number or its name.")
        case .severalOf(let choices, let min, let max):
            return parseSeveral(text, choices: choices, min: min, max: max)
        case .number(let min, let max, let wholeOnly):
            guard let n = Double(text.replacingCommas()), n.isFinite else {
                return .problem("Please type a number, for example 3.")
            }
            if wholeOnly, n.rounded() != n { return .problem("Please type a whole number.") }
            if let min, n < min { return .problem("Please type a number of at least \(AnswerValue.format(min)).") }
            if let max, n > max { return .problem("Please type a number no more than \(AnswerValue.format(max)).") }
            return .accepted(.number(n))
        case .date:
            switch text.lowercased() {
            case "today": return .accepted(.date(CivilTime.day(time)))
            case "tomorrow": return .accepted(.date(CivilTime.day(time, plusDays: 1)))
            default:
                if CivilTime.isValidDay(text) { return .accepted(.date(text)) }
                if let problem = CivilTime.dayProblem(text) {
                    return .problem("Please check the date: \(problem).")
                }
                return .problem("Please type the date as year-month-day, for example 2026-12-31, or 'today'.")
            }
        case .scale(let min, let max, _, _):
            guard let n = Int(text), (min...max).contains(n) else {
                return .problem("Please choose a number from \(min) to \(max).")
            }
            return .accepted(.number(Double(n)))
        }
    }

    /// A choice by its number, its value or its label, ignoring case.
    static func match(_ text: String, in choices: [Choice]) -> Choice? {
        if let n = Int(text), (1...choices.count).contains(n) { return choices[n - 1] }
        let lowered = text.lowercased()
        if let exact = choices.first(where: { $0.value.lowercased() == lowered || $0.label.lowercased() == lowered }) {
            return exact
        }
        // The start of one label only, ending at a word: "no" for "No, nothing needs escalating".
        let starts = choices.filter { choice in
            let label = choice.label.lowercased()
            guard label.hasPrefix(lowered), lowered.count >= 2 else { return false }
            let next = label.dropFirst(lowered.count).first
            return next == nil || !(next!.isLetter || next!.isNumber)
        }
        return starts.count == 1 ? starts[0] : nil
    }

    static func parseSeveral(_ text: String, choices: [Choice], min: Int, max: Int) -> Result {
        if ["none", "0"].contains(text.lowercased()) {
            return min == 0 ? .accepted(.choices([])) : .problem("Please choose at least \(min).")
        }
        var picked: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let item = String(part).trimmingWhitespace()
            guard let c = match(item, in: choices) else {
                return .problem(
                    "'\(item)' is not one of the options. Type their numbers separated by commas, e.g. 1, 3."
                )
            }
            if !picked.contains(c.value) { picked.append(c.value) }
        }
        if picked.count < min { return .problem("Please choose at least \(min).") }
        if picked.count > max { return .problem("Please choose no more than \(max).") }
        // Keep the script's order so records compare stably.
        return .accepted(.choices(choices.map(\.value).filter(picked.contains)))
    }

    static func passes(
        _ rule: Validation.Rule,
        value: AnswerValue,
        text: String,
        at time: Timestamp,
        context: [String: String] = [:]
    ) -> Bool {
        switch rule {
        case .minLength(let n): return text.count >= n
        case .maxLength(let n): return text.count <= n
        case .pattern(let p):
            guard let regex = try? Regex(p) else { return true }
            return (try? regex.wholeMatch(in: text)) != nil
        case .notInPast:
            if case .date(let d) = value { return d >= CivilTime.day(time) }
            return true
        case .notInFuture:
            if case .date(let d) = value { return d <= CivilTime.day(time) }
            return true
        case .inContext(let name):
            guard let allowed = context[name] else { return true }
            let display: String
            switch value {
            case .number(let n): display = AnswerValue.format(n)
            case .text(let s), .choice(let s), .date(let s): display = s
            default: return true
            }
            return allowed.split(separator: ",").contains { String($0).trimmingWhitespace() == display }
        }
    }
}

extension String {
    /// Trims spaces, tabs and newlines at both ends without Foundation.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    func replacingCommas() -> String { String(filter { $0 != "," && $0 != "_" }) }
}
