/// Turns what a person typed into an answer, or the reason it could not be taken. Everyday words (yes, no,
/// none, prefer not to say) mean what `Vocabulary` says they mean, at every question.
public enum AnswerParser {
    public enum Result: Equatable, Sendable {
        case accepted(AnswerValue)
        case problem(AnswerProblem)
    }

    public static func parse(
        _ raw: String,
        for question: Question,
        at time: Timestamp,
        context: [String: String] = [:]
    ) -> Result {
        let text = raw.trimmingWhitespace()
        if question.preferNotToSay, Vocabulary.means(text, .declined) { return .accepted(.declined) }
        if question.preferNotToSay, case .oneOf(let c) = question.type, text == String(c.count + 1) {
            return .accepted(.declined)
        }
        if text.isEmpty { return .problem(question.required ? .needsAnswer : .emptyOptional) }
        let result = parseValue(text, type: question.type, at: time)
        guard case .accepted(let value) = result else { return result }
        for v in question.validations where !passes(v.rule, value: value, text: text, at: time, context: context) {
            return .problem(.validation(v.message))
        }
        return result
    }

    public static func parseValue(_ text: String, type: QuestionType, at time: Timestamp) -> Result {
        switch type {
        case .shortText, .longText:
            return .accepted(.text(text))
        case .yesNo:
            if let yes = Vocabulary.yesOrNo(text) { return .accepted(.yesNo(yes)) }
            if text == "1" || text == "2" { return .accepted(.yesNo(text == "1")) }
            return .problem(.notYesOrNo)
        case .oneOf(let choices):
            switch match(text, in: choices) {
            case .one(let c): return .accepted(.choice(c.value))
            case .several(let candidates): return .problem(.ambiguous(typed: text, candidates: candidates.map(\.label)))
            case .nothing: return .problem(.notAChoice)
            }
        case .severalOf(let choices, let min, let max):
            return parseSeveral(text, choices: choices, min: min, max: max)
        case .number(let min, let max, let wholeOnly):
            guard let n = Double(text.replacingCommas()), n.isFinite else { return .problem(.notANumber) }
            if wholeOnly, n.rounded() != n { return .problem(.notAWholeNumber) }
            if let min, n < min { return .problem(.belowMinimum(min)) }
            if let max, n > max { return .problem(.aboveMaximum(max)) }
            return .accepted(.number(n))
        case .date:
            switch text.lowercased() {
            case "today": return .accepted(.date(CivilTime.day(time)))
            case "tomorrow": return .accepted(.date(CivilTime.day(time, plusDays: 1)))
            default:
                if CivilTime.isValidDay(text) { return .accepted(.date(text)) }
                if let problem = CivilTime.dayProblem(text) { return .problem(.impossibleDate(problem)) }
                return .problem(.notADate)
            }
        case .scale(let min, let max, _, _):
            guard let n = Int(text), (min...max).contains(n) else { return .problem(.outsideScale(min: min, max: max)) }
            return .accepted(.number(Double(n)))
        }
    }

    /// What a typed choice names.
    enum Match: Equatable {
        case one(Choice)
        /// Several labels start that way.
        case several([Choice])
        case nothing
    }

    /// A choice by its number, its value or its label, ignoring case; else the one label that starts with the
    /// words typed ("no" for "No, nothing needs escalating"); else a word for none ("no", "nothing") for the choice
    /// labelled "None…"; else the one label that starts with the letters typed ("Sup" for "Support", as Tab
    /// completes it). Labels that start alike are named back, so the person can type a little more.
    static func match(_ text: String, in choices: [Choice], byLetters: Bool = true) -> Match {
        if let n = Int(text), n >= 1, n <= choices.count { return .one(choices[n - 1]) }
        let lowered = text.lowercased()
        guard !lowered.isEmpty else { return .nothing }
        if let exact = choices.first(where: { $0.value.lowercased() == lowered || $0.label.lowercased() == lowered }) {
            return .one(exact)
        }
        let starts = choices.filter { $0.label.lowercased().hasPrefix(lowered) }
        let atWord = starts.filter { choice in
            let next = choice.label.dropFirst(lowered.count).first
            return next == nil || !(next!.isLetter || next!.isNumber)
        }
        if atWord.count == 1 { return .one(atWord[0]) }
        if Vocabulary.means(text, .none) {
            let none = choices.filter {
                Vocabulary.means(firstWord(of: $0.label), .none) || $0.value.lowercased() == "none"
            }
            if none.count == 1 { return .one(none[0]) }
        }
        switch byLetters ? starts.count : 0 {
        case 0: return .nothing
        case 1: return .one(starts[0])
        default: return .several(starts)
        }
    }

    /// "None" of "None of these", "Nothing, thanks" of "Nothing, thanks".
    private static func firstWord(of label: String) -> String {
        String(label.prefix { $0.isLetter || $0.isNumber })
    }

    static func parseSeveral(_ text: String, choices: [Choice], min: Int, max: Int) -> Result {
        // A word for none is the choice it names ("None of these", "No, not yet") where there is one, else no choice.
        if Vocabulary.means(text, .none) {
            guard case .one(let c) = match(text, in: choices, byLetters: false) else {
                return min == 0 ? .accepted(.choices([])) : .problem(.tooFewChoices(min: min))
            }
            return min > 1 ? .problem(.tooFewChoices(min: min)) : .accepted(.choices([c.value]))
        }
        var picked: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let item = String(part).trimmingWhitespace()
            switch match(item, in: choices) {
            case .one(let c): if !picked.contains(c.value) { picked.append(c.value) }
            case .several(let candidates):
                return .problem(.ambiguous(typed: item, candidates: candidates.map(\.label)))
            case .nothing: return .problem(.notAnOption(item))
            }
        }
        if picked.count < min { return .problem(.tooFewChoices(min: min)) }
        if picked.count > max { return .problem(.tooManyChoices(max: max)) }
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
