import InterviewEngine
import Yams

extension ScriptBuilder {
    /// Reads the fields of an `ask:` node.
    func question(_ f: YAMLFields, id: String) -> Question? {
        let typeName = f.string("ask") ?? ""
        let type: QuestionType
        switch typeName {
        case "text": type = .shortText
        case "long-text": type = .longText
        case "yes-no": type = .yesNo
        case "date": type = .date
        case "one-of":
            type = .oneOf(choices(f, id: id))
        case "several-of":
            let c = choices(f, id: id)
            let min = f.int("min") ?? 0
            let max = f.int("max") ?? c.count
            if min < 0 || min > max || max > c.count {
                report.error(
                    at: f.value("max") ?? f.value("min") ?? f.node,
                    "several-of needs 0 <= min <= max <= the number of choices (\(c.count))",
                    node: id,
                    fix: "adjust 'min:' and 'max:'"
                )
            }
            type = .severalOf(c, min: min, max: max)
        case "number":
            let min = f.number("min")
            let max = f.number("max")
            if let min, let max, min > max {
                report.error(
                    at: f.value("min"),
                    "'min' (\(AnswerValue.format(min))) is above 'max' (\(AnswerValue.format(max)))",
                    node: id,
                    fix: "swap them"
                )
            }
            type = .number(min: min, max: max, wholeOnly: f.bool("whole", default: false))
        case "scale":
            let min = f.int("min") ?? 1
            let max = f.int("max") ?? 5
            if min >= max || max - min > 20 {
                report.error(
                    at: f.value("ask"),
                    "a scale needs min below max, at most 20 steps apart (min \(min), max \(max))",
                    node: id,
                    fix: "for example 'min: 1' and 'max: 5'"
                )
            }
            type = .scale(min: min, max: max, minLabel: f.string("min-label"), maxLabel: f.string("max-label"))
        default:
            report.error(
                at: f.value("ask"),
                "unknown question type '\(typeName)'",
                node: id,
                fix: "use one of: \(Self.questionTypes.joined(separator: ", "))"
            )
            return nil
        }
        if f.has("choices"), type.choices.isEmpty, typeName != "one-of", typeName != "several-of" {
            report.error(
                at: f.value("choices"),
                "'choices' only applies to one-of and several-of questions",
                node: id,
                fix: "remove 'choices:' or change 'ask:'"
            )
        }
        let defaultAnswer = f.string("default")
        if let defaultAnswer, !defaultAnswer.contains("{"),
            case .problem(let problem) = AnswerParser.parseValue(defaultAnswer, type: type, at: 0)
        {
            report.error(
                at: f.value("default"),
                "the default '\(defaultAnswer)' is not an answer this question takes: "
                    + (problem.words.hasSuffix(".") ? String(problem.words.dropLast()) : problem.words),
                node: id,
                fix: "write the default as a person would type it, e.g. 'default: 6'"
            )
        }
        return Question(
            type: type,
            required: f.bool("required", default: true),
            preferNotToSay: f.bool("prefer-not-to-say", default: false),
            validations: validations(f, id: id),
            defaultAnswer: defaultAnswer
        )
    }

    /// Where a choice's value is written: the key of a `value: Label` pair, or the label itself.
    static func choiceValue(_ item: Yams.Node) -> Yams.Node {
        if case .mapping(let m) = item, let pair = m.first { return pair.key }
        return item
    }

    /// `choices:` items are `value: Label` pairs, or plain labels whose value is the label itself.
    private func choices(_ f: YAMLFields, id: String) -> [Choice] {
        guard let items = f.sequence("choices"), !items.isEmpty else {
            report.error(
                at: f.value("ask"),
                "a choice question needs 'choices:'",
                node: id,
                fix: "list them, e.g. '- family: Family communication'"
            )
            return []
        }
        var out: [Choice] = []
        // The YAML item of each of `out`, for notes that point back at an earlier choice.
        var written: [Yams.Node] = []
        for item in items {
            switch item {
            case .scalar(let s):
                out.append(Choice(value: s.string, label: s.string))
                written.append(item)
            case .mapping(let m) where m.count == 1:
                let pair = m.first!
                out.append(Choice(value: pair.key.string ?? "", label: pair.value.string ?? ""))
                written.append(item)
            default:
                report.error(
                    at: item,
                    "a choice should be 'value: Label' or just a label",
                    node: id,
                    fix: "write e.g. '- family: Family communication'"
                )
                continue
            }
            if let last = out.last, let first = out.dropLast().firstIndex(where: { $0.value == last.value }) {
                report.error(
                    at: Self.choiceValue(item),
                    "the choice '\(last.value)' is listed twice",
                    node: id,
                    fix: "give each choice its own value",
                    notes: [report.note(at: Self.choiceValue(written[first]), "'\(last.value)' is first listed here")]
                )
            }
            if let last = out.last, Int(last.value) != nil {
                report.error(
                    at: Self.choiceValue(item),
                    "the choice value '\(last.value)' is a number, which clashes with answering by number",
                    node: id,
                    fix: "use a word as the value, e.g. '- one: \(last.label)'"
                )
            }
        }
        return out
    }

    private func validations(_ f: YAMLFields, id: String) -> [Validation] {
        var out: [Validation] = []
        for item in f.sequence("validate") ?? [] {
            guard let v = YAMLFields(item, context: id, report: report, what: "a validation rule") else { continue }
            v.rejectUnknown(allowed: [
                "pattern", "min-length", "max-length", "not-in-past", "not-in-future", "in-context", "message",
            ])
            guard let message = v.string("message", required: true) else { continue }
            if let p = v.string("pattern") {
                if (try? Regex(p)) == nil {
                    report.error(
                        at: v.value("pattern"),
                        "the pattern '\(p)' is not a valid regular expression",
                        node: id,
                        fix: "check brackets and backslashes"
                    )
                }
                out.append(Validation(rule: .pattern(p), message: message))
            } else if let n = v.int("min-length") {
                out.append(Validation(rule: .minLength(n), message: message))
            } else if let n = v.int("max-length") {
                out.append(Validation(rule: .maxLength(n), message: message))
            } else if v.bool("not-in-past", default: false) {
                out.append(Validation(rule: .notInPast, message: message))
            } else if v.bool("not-in-future", default: false) {
                out.append(Validation(rule: .notInFuture, message: message))
            } else if let name = v.string("in-context") {
                if ScriptContext.types[name] == nil {
                    report.error(
                        at: v.value("in-context"),
                        "unknown context value '\(name)'",
                        node: id,
                        fix: "use one of: \(ScriptContext.names.joined(separator: ", "))"
                    )
                }
                out.append(Validation(rule: .inContext(name), message: message))
            } else {
                report.error(
                    at: item,
                    "this rule says nothing to check",
                    node: id,
                    fix: "use pattern, min-length, max-length, not-in-past, not-in-future or in-context"
                )
            }
        }
        return out
    }
}
