import Foundation
import Testing

/// Helpers for the whole-microproject end-to-end tests: practitioner profiles, each stage's answers as a person
/// would type them, and reading the complete record (records/mp-ID.json) back.
enum MP {
    /// An end date 60 days from today: in the future (the plan refuses a date in the past) and within six months
    /// (a later one is questioned: the plan asks why).
    static let endDate: String = {
        let formatter = ISO8601DateFormatter()
        return String(formatter.string(from: Date().addingTimeInterval(60 * 86_400)).prefix(10))
    }()

    /// Answer to "Carry on now?" between stages.
    static let carryOn = "yes"
    static let pauseHere = "no"

    /// The microproject id in "Microproject mp-abc123 started ...".
    static func id(in output: String) -> String? {
        guard let range = output.range(of: #"\bmp-[a-z0-9]{6}\b"#, options: .regularExpression) else { return nil }
        return String(output[range])
    }

    // MARK: Practitioners

    /// A Link practitioner with everything Types 1-2 need: `sam`.
    static func addLink(_ sandbox: E2ESandbox, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let r = try await sandbox.run([
            "practitioner", "add", "--id", "sam", "--name", "Sam Khan", "--licence", "link", "--licence-expires",
            "2099-01-01",
            "--completed", "introduction", "--completed", "foundations", "--completed", "informed-practitioner",
            "--completed", "link-training", "--approved", "--readiness", "principles", "--readiness", "boundaries",
            "--readiness", "reflection",
        ])
        try #require(r.exitCode == 0, "practitioner add (link): \(r.transcript)", sourceLocation: sourceLocation)
    }

    /// A Lead practitioner with everything Types 3-4 need: `lee`.
    static func addLead(_ sandbox: E2ESandbox, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let r = try await sandbox.run([
            "practitioner", "add", "--id", "lee", "--name", "Lee Ward", "--licence", "lead", "--licence-expires",
            "2099-01-01",
            "--completed", "introduction", "--completed", "foundations", "--completed", "deep-dive",
            "--completed", "lead-training", "--approved", "--readiness", "principles", "--readiness", "boundaries",
            "--readiness", "reflection",
        ])
        try #require(r.exitCode == 0, "practitioner add (lead): \(r.transcript)", sourceLocation: sourceLocation)
    }

    /// The programme's senior consultant, who co-runs Type 4 consults: `cat`, a Lead licence recorded as the
    /// senior consultant with `practitioner update cat --senior-consultant`.
    static func addConsultant(_ sandbox: E2ESandbox, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let r = try await sandbox.run([
            "practitioner", "add", "--id", "cat", "--name", "C. Consultant", "--licence", "lead", "--licence-expires",
            "2099-01-01", "--approved",
        ])
        try #require(r.exitCode == 0, "practitioner add (consultant): \(r.transcript)", sourceLocation: sourceLocation)
        let u = try await sandbox.run(["practitioner", "update", "cat", "--senior-consultant"])
        try #require(
            u.exitCode == 0,
            "practitioner update --senior-consultant: \(u.transcript)",
            sourceLocation: sourceLocation
        )
    }

    /// A Lead Plus, who co-runs Type 2 consults with the Link practitioner: `pat`.
    static func addLeadPlus(_ sandbox: E2ESandbox, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let r = try await sandbox.run([
            "practitioner", "add", "--id", "pat", "--name", "Pat Lane", "--licence", "lead-plus", "--licence-expires",
            "2099-01-01", "--approved",
        ])
        try #require(r.exitCode == 0, "practitioner add (lead plus): \(r.transcript)", sourceLocation: sourceLocation)
    }

    // MARK: Stage answers, one line per question

    /// focus-definition: participant code, one focus area and what to explore, no other area, in scope.
    static func focus(code: String, area: String, exploring: String) -> [String] {
        [code, area, exploring, "no", "yes"]
    }

    /// safety-check as a microproject stage (no focus-summary question): nothing unsafe, `need` as need-level.
    static func safety(need: String = "general", structured: Bool = false) -> [String] {
        var lines = ["no", "no", "no", "no", "no", "no", need]  // safety-worry ... investigation, need-level
        if need == "complex" || need == "moderate" { lines.append("no") }  // prior-support
        lines += [
            "yes",  // motivation
            structured ? "yes" : "no",  // structured-support
            "none",  // circumstances
            "yes",  // voluntary
            "no",  // unsure
            "/skip",  // anything-else
        ]
        return lines
    }

    /// type-decision: `universal`, `early`, `supported` or `complex`. The reason is asked (and skipped here) only
    /// when the type chosen is not the one `suggested`; by default the suggestion is taken.
    static func typeDecision(_ type: String, suggested: String? = nil) -> [String] {
        suggested == nil || suggested == type ? [type] : [type, "/skip"]
    }

    static let consultHopes = "Fewer arguments at home"
    static let consultPriorities = ["Calmer evenings together"]

    /// priorities-consult (Types 2-4), as the microproject's own practitioner at the keyboard types it.
    ///
    /// The own practitioner takes the first role their licence allows; `signIn` answers "Who is the ...?" for the
    /// other role (Type 2: the Lead Plus, Type 4: the senior consultant), before the session starts. With two
    /// signed in, the consultant's questions (Type 4) are typed after a `/handover`, and each `both` question
    /// (every priority, the support route) is agreed by the other practitioner with Enter. Type 3 has one
    /// practitioner: no hand-over and nothing to agree.
    static func consult(
        type: Int,
        signIn: String? = nil,
        hopes: String = consultHopes,
        priorities: [String] = consultPriorities
    ) -> [String] {
        let coRun = type != 3
        var lines: [String] = []
        if coRun { lines.append(signIn ?? (type == 4 ? "cat" : "pat")) }
        lines += [hopes, "Money worries", "Walks at the weekend"]  // hopes, worries, going-well
        if type == 4 {
            lines += ["/handover", "A family worker, a while ago", "Everyone wants it to change"]  // consultant's two
        }
        for (i, priority) in priorities.enumerated() {
            lines.append(priority)
            if coRun { lines.append("") }  // the other practitioner agrees
            if i < 2 { lines.append(i == priorities.count - 1 ? "no" : "yes") }  // another? (at most three)
        }
        lines += ["4", "2, 3"]  // readiness; support-route: sessions and the Community Wheel
        if coRun { lines.append("") }
        return lines
    }

    static let fewerSessionsReason = "A shorter block suits the family"

    /// planning. `sessions` is asked for Types 3-4 (fewer than 6 then asks for the reason, answered with
    /// `fewerSessionsReason`); `backup` and the PCN liaison for Type 4.
    static func plan(
        type: Int,
        exploring: String = "How the evenings go and how they feel",
        sessions: Int? = nil,
        backup: Int? = nil,
        wheel: String = "monthly-session"
    ) -> [String] {
        var lines = [exploring, "Parent and child", "Stress and communication", "We can name what sets it off"]
        if type <= 2 { lines += ["yes", "yes"] }  // identified by Link staff, invited into the funded pilot
        lines.append(endDate)
        if type >= 3 {
            lines.append(String(sessions ?? 6))
            if (sessions ?? 6) < 6 { lines.append(fewerSessionsReason) }
        }
        if type == 3 { lines.append("one-to-one") }  // session format
        if type == 4 {
            lines.append(String(backup ?? 0))
            lines.append("no")  // pcn-liaison
        }
        lines.append(wheel)
        return lines
    }

    static let agreement = ["yes", "yes", "yes", "yes"]

    /// What was worked on in session `n`: unique, so the record shows which log is which.
    static func workedOn(_ n: Int) -> String { "Evening routine, session \(n)" }

    /// session-log for session `n` of a microproject of `type`. Types 3-4 name the planned session by its number
    /// and say it took place (Type 4 answers the kind first, with backup among the choices).
    static func session(_ n: Int, last: Bool, type: Int = 1) -> [String] {
        var lines: [String] = []
        if type == 4 { lines.append("core") }  // kind
        if type >= 3 { lines += [String(n), "yes"] }  // session-number, took-place
        lines.append("today")
        if type != 4 { lines.append("core") }  // session-kind
        return lines + [
            workedOn(n), "Noticed a small shift in session \(n)", "3",
            "yes",  // boundaries
            "none",  // support drawn on
            "/skip",  // next-step
            last ? "yes" : "no",
        ]
    }

    /// session-log for planned session `n` that did not take place, with `reason` (Types 3-4).
    static func sessionNotHeld(_ n: Int, reason: String, last: Bool, type: Int) -> [String] {
        (type == 4 ? ["core"] : []) + [String(n), "no", reason, last ? "yes" : "no"]
    }

    static let reflectionAnswers = [
        "Fewer raised voices at home", "More pauses before reacting", "The cycle map helped", "Map the cycle early",
    ]
    /// reflection: the four texts, escalation `none` and no support drawn on (`none`).
    static let reflection = reflectionAnswers + ["none", "none"]

    /// closure-checklist: the five criteria yes, the Community Wheel `takenUp`, no closing note.
    static func closure(takenUp: String = "yes") -> [String] {
        ["yes", "yes", "yes", "yes", "yes", takenUp, "/skip"]
    }

    /// Joins stages with `yes` at each "Carry on now?" between them.
    static func stages(_ parts: [String]...) -> [String] {
        var out: [String] = []
        for (i, part) in parts.enumerated() {
            if i > 0 { out.append(carryOn) }
            out += part
        }
        return out
    }

    // MARK: Reading what the program left

    /// The complete record of a microproject.
    static func record(_ sandbox: E2ESandbox, id: String) throws -> [String: Any] {
        try E2ERecord(path: sandbox.recordPath(id: id)).json
    }

    /// The record's stages of one kind, in order.
    static func stageRecords(_ record: [String: Any], stage: String) -> [[String: Any]] {
        (record["stages"] as? [[String: Any]] ?? []).filter { $0["stage"] as? String == stage }
    }

    /// A stage record's answer value by key.
    static func answer(_ stage: [String: Any], _ key: String) -> Any? {
        let answers = (stage["record"] as? [String: Any])?["answers"] as? [[String: Any]] ?? []
        return answers.first { $0["key"] as? String == key }?["value"]
    }

    /// The line of `list` output that names `id`.
    static func listLine(_ list: String, id: String) -> String? {
        list.split(separator: "\n").map(String.init).first { $0.contains(id) }
    }

    /// Output with its wrapped lines joined, to find a sentence wherever the terminal width broke it.
    static func unwrapped(_ output: String) -> String {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// The "Status: ..." line of `show mp-ID`.
    static func statusLine(_ show: String) -> String? {
        show.split(separator: "\n").map(String.init).first { $0.hasPrefix("Status:") }
    }

    /// The stage headers ("── Title ──") in the order they were printed.
    static func stageHeaders(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            let s = line.trimmingCharacters(in: .whitespaces)
            guard s.hasPrefix("── "), s.hasSuffix(" ──") else { return nil }
            return String(s.dropFirst(3).dropLast(3))
        }
    }

    static let focusTitle = "Step 1: identify the focus"
    static let safetyTitle = "Step 2: check suitability and safety"
    static let typeTitle = "Choose the microproject type"
    static let consultTitle = "The priorities consult"
    static let planTitle = "Step 3: plan the microproject"
    static let agreementTitle = "Step 4: agreement and framing"
    static let sessionTitle = "Step 5: apply learning in context (session log)"
    static let reflectionTitle = "Step 6: reflect and record learning"
    static let closureTitle = "Closure checklist"
    static let reviewTitle = "After a concern: record what was done"

    /// The paths of every time in a JSON record (a key `at` or ending in `At`) that is not an ISO 8601 string.
    static func nonISOTimes(in value: Any, path: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.keys.sorted().flatMap { key -> [String] in
                let child = object[key]!
                if key == "at" || key.hasSuffix("At"),
                    (child as? String)?.range(
                        of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$"#,
                        options: .regularExpression
                    ) == nil
                {
                    return ["\(path).\(key)"]
                }
                return nonISOTimes(in: child, path: "\(path).\(key)")
            }
        }
        if let array = value as? [Any] {
            return array.enumerated().flatMap { nonISOTimes(in: $0.element, path: "\(path)[\($0.offset)]") }
        }
        return []
    }
}
