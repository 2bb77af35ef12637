import InterviewEngine
import PracticeRules

extension Disclosed where Record == MicroprojectRecord {
    /// The record for people: the whole story in the cycle's order (focus, safety check, type and why, the
    /// agreed priorities, the plan, each session with what was observed, the reflection under the guide's
    /// five headings, concerns and what was done, closure). Dates are in words and no internal id appears but
    /// the microproject's and the practitioner's. A value left out says so, in words that do not alarm.
    public var markdown: String {
        let r = record
        let leftOut = disclosure.leftOut
        func text(_ s: String) -> String { CaptureRecord.inline(s) }
        func stages(_ stage: Stage) -> [MicroprojectRecord.StageRecord] {
            r.stages.filter { $0.stage == stage.rawValue }
        }
        var out = "# Microproject \(r.microprojectID): learning capture record\n\n"
        out += "- **Practitioner:** \(text(r.practitioner.name)) (\(r.practitioner.id))\n"
        out += "- **Participant code:** \(r.participant.map(text) ?? "not yet given")\n"
        out += "- **Type:** \(r.type?.title ?? "not yet chosen")\n- **Status:** \(r.status)"
        if let reason = r.statusReason {
            out += reason == leftOut && !leftOut.isEmpty ? " (the reason is \(leftOut))" : ": \(text(reason))"
        }
        out += "\n- **Started:** \(Words.day(r.startedAt))"
        if let closed = r.closedOn {
            out += "   **Closed:** \(Words.day(closed))"
            out += r.actualDays.map { " (after \(Words.count($0, "day")))" } ?? ""
        }
        out += "\n- **Planned end:** \(r.plannedEnd.map(Words.day) ?? "not planned yet")"
        out += r.plannedDays.map { " (\(Words.count($0, "day")) planned)" } ?? ""
        out += "\n- **Sessions:** \(r.sessionsLogged) logged" + (r.sessionsPlanned.map { " of \($0) planned" } ?? "")
        out += "\n- **Last change:** \(Words.day(r.updatedAt))\n"

        out += "\n## Focus\n\n"
        out += r.focusAreas.isEmpty ? "No focus area recorded yet.\n" : r.focusAreas.map { "- \(text($0))\n" }.joined()
        out += stages(.focus).map { answers($0, leaving: ["focus-areas"]) }.joined()

        out += "\n## Suitability and safety check\n\n"
        out += r.safetyOutcome.map { "Outcome: **\(Words.safety($0))**.\n\n" } ?? "Not done yet.\n"
        out += stages(.safety).map { answers($0) }.joined()

        out += "\n## Type and why\n\n"
        if let type = r.type {
            out += "- **Chosen:** \(type.title) (\(type.level == "lead" ? "Lead" : "Link") level)\n"
            out += r.trackerLevel.map { "- **Tracker:** \(Words.tracker($0))\n" } ?? ""
        } else {
            out += "- **Chosen:** not yet\n"
        }
        if let suggested = r.suggestedType {
            out += "- **Suggested by the type finder:** \(suggested.title)"
            out += suggested.reason.map { ". Why: \(text($0))" } ?? ""
            out += r.typeChangedFromSuggestion ? " (the practitioner chose another type)" : ""
            out += "\n"
        }
        out += stages(.typeDecision).map { answers($0, leaving: ["type"]) }.joined()

        out += "\n## Agreed priorities\n\n"
        out +=
            r.priorities.isEmpty
            ? (r.type?.number == 1 ? "Type 1 has no priorities consult.\n" : "No priorities agreed yet.\n")
            : r.priorities.enumerated().map { "\($0.offset + 1). \(text($0.element))\n" }.joined()
        out += stages(.consult).map { answers($0, leaving: ["priorities"]) }.joined()

        out += "\n## The plan\n\n"
        if stages(.plan).isEmpty {
            out += "No plan made yet.\n"
        } else {
            out += "- **Community Wheel offered:** \(Words.wheelOffered(r.communityWheel.offered))\n"
            out += stages(.plan).map { answers($0, leaving: ["end-date", "community-wheel"]) }.joined()
        }
        for e in r.endDateExtensions ?? [] {
            out += "- **End date extended:** from \(Words.day(e.from)) to \(Words.day(e.to)): \(text(e.reason))\n"
        }
        for agreement in stages(.agreement) {
            out += "\n### Agreement and framing\n\n"
            out += "Outcome: \(text(agreement.record.outcome.title)).\n\n" + answers(agreement)
        }

        let sessions = stages(.session)
        out += r.type?.number == 4 ? "\n## Sessions: the enhanced tracker\n\n" : "\n## Sessions\n\n"
        if sessions.isEmpty { out += "No session logged yet.\n" }
        for (i, session) in sessions.enumerated() {
            let answer = Dictionary(session.record.answers.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
            // Logs name their planned session by number (a backup session or an older log has none).
            out += "### Session \(answer["session-number"].map { text($0.display) } ?? String(i + 1))"
            if let date = answer["session-date"] { out += ": \(Words.day(date.display))" }
            if let kind = answer["kind"] { out += " (\(text(kind.display.lowercased())))" }
            out += "\n\n"
            for (key, label) in Self.sessionLabels {
                guard let a = answer[key] else { continue }
                let shown = key == "progress" ? "\(text(a.display)) of 5" : Words.answer(a)
                out += "- **\(label):** \(shown)\n"
            }
            out +=
                answers(
                    session,
                    leaving: Set(Self.sessionLabels.map(\.0) + ["session-date", "session-number", "kind", "last"])
                ) + "\n"
        }

        out += "\n## Reflection\n\n"
        if let reflection = r.reflection {
            for item in Closure.reflectionItems {
                out += "### \(item.title.prefix(1).uppercased() + item.title.dropFirst())\n\n"
                let said = reflection[item.key] ?? ""
                out +=
                    said.isEmpty
                    ? "Not recorded.\n\n" : "\(text(item.key == "escalation" ? Words.escalation(said) : said))\n\n"
            }
            if let detail = reflection["referral-detail"] { out += "### Referral or signpost\n\n\(text(detail))\n\n" }
        } else {
            out += "Not done yet.\n"
        }

        if !r.escalations.isEmpty {
            out += "\n## Concerns and what was done\n\n"
            for e in r.escalations {
                out += "- Raised during \(e.stage.title.lowercased()), on \(Words.time(e.at)): "
                out += disclosure.includesSensitive ? "\(text(e.reason)). " : "a concern was raised (\(leftOut)). "
                if let decision = e.decision {
                    let review = r.stages.first { $0.sessionID == e.reviewSessionID }
                    out += "Reviewed" + (review.map { " on \(Words.day($0.record.endedAt))" } ?? "")
                    if disclosure.includesSensitive {
                        out += e.consulted.map { "; consulted: \(text($0))" } ?? ""
                        out += e.procedure.map { "; what was done: \(text($0))" } ?? ""
                    }
                    out += "; decision: \(Words.decision(decision))."
                } else {
                    out += "Not yet reviewed."
                }
                out += "\n"
            }
        }

        out += "\n## Closure\n\n"
        if let closed = r.closedOn {
            out += "Closed on \(Words.day(closed))"
            out +=
                r.statusReason.map {
                    $0 == leftOut && !leftOut.isEmpty ? " (the reason is \(leftOut))" : ": \(text($0))"
                } ?? ""
            out += "\n\n"
        } else {
            out += "Not closed yet.\n\n"
        }
        out += "- **Community Wheel taken up:** \(Words.wheelTakenUp(r.communityWheel.takenUp))\n"
        for closure in stages(.closure) {
            out += "\n### Closure checklist, \(Words.day(closure.record.endedAt))\n\n"
            out += answers(closure, leaving: ["community-wheel-taken-up"])
        }
        out += "\n## Steps recorded\n\n"
        for s in r.stages { out += "- \(s.title), \(Words.day(s.record.endedAt)): \(text(s.record.outcome.title))\n" }
        // One blank line between blocks, however the sections above ended.
        return Self.singleBlankLines(out)
    }

    /// At most one blank line in a row, in one pass.
    static func singleBlankLines(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var newlines = 0
        for ch in text {
            newlines = ch == "\n" ? newlines + 1 : 0
            if newlines <= 2 { out.append(ch) }
        }
        return out
    }

    /// The enhanced tracker's entries, with the Sessions sheet's labels.
    static var sessionLabels: [(String, String)] {
        [
            ("worked-on", "Worked on"), ("noticed", "Changes noticed"), ("progress", "Progress (1-5)"),
            ("boundaries", "Within role boundaries"), ("next-step", "Next step"),
        ]
    }

    /// A stage's answers, question by question, with its notes; keys already told are left out, and answers
    /// the redactor left out are said to be.
    private func answers(_ stage: MicroprojectRecord.StageRecord, leaving told: Set<String> = []) -> String {
        let r = stage.record
        var out = ""
        let shown = r.answers.filter { a in
            !told.contains(a.key) && !told.contains(where: { a.key.hasPrefix($0 + ".") })
        }
        for a in shown { out += "- **\(CaptureRecord.inline(a.question))** \(Words.answer(a))\n" }
        if r.disclosure.leftOutAnswers > 0 { out += "\n\(disclosure.leftOutAnswers)\n\n" }
        for n in r.notes { out += "- *Note:* \(CaptureRecord.inline(n.text))\n" }
        return out
    }
}

/// Dates, times and codes in words for people.
enum Words {
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// "2026-12-01" or "2026-12-01T07:40:24.713Z" as "1 December 2026"; anything else as it is.
    static func day(_ s: String) -> String {
        let p = s.prefix(10).split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard s.count == 10 || s.dropFirst(10).first == "T", p.count == 3, let y = p[0], let m = p[1], let d = p[2],
            (1...12).contains(m), (1...31).contains(d)
        else { return CaptureRecord.inline(s) }
        return "\(d) \(months[m - 1]) \(y)"
    }

    /// "2026-12-01T07:40:24.713Z" as "1 December 2026 at 07:40 UTC".
    static func time(_ s: String) -> String {
        let clock = s.dropFirst(11).prefix(5)
        guard s.dropFirst(10).first == "T", clock.count == 5 else { return day(s) }
        return "\(day(s)) at \(clock) UTC"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// An answer as a person reads it: dates in words, skipped or declined answers said so.
    static func answer(_ a: CaptureRecord.RecordedAnswer) -> String {
        switch a.status {
        case "skipped": return "*skipped*"
        case "declined": return "*preferred not to say*"
        default: return a.type == "date" ? day(a.display) : CaptureRecord.inline(a.display)
        }
    }

    static func safety(_ outcome: String) -> String {
        switch outcome {
        case "suitable": "suitable"
        case "not-suitable": "not suitable now (a signpost to other support was given)"
        case "escalate": "a concern was raised; safeguarding procedures were followed"
        default: outcome
        }
    }

    static func tracker(_ level: String) -> String {
        switch level {
        case "optional": "optional"
        case "recommended": "recommended"
        case "required-enhanced": "required, enhanced (session by session)"
        default: level
        }
    }

    static func wheelOffered(_ offered: String?) -> String {
        switch offered {
        case nil: "not recorded"
        case "monthly-session": "the monthly Community Wheel sessions"
        case "peer-learning": "peer learning"
        case "both": "the monthly sessions and peer learning"
        case "not-now": "not offered yet"
        case let other?: CaptureRecord.inline(other)
        }
    }

    static func wheelTakenUp(_ takenUp: String?) -> String {
        switch takenUp {
        case nil: "not recorded yet (the closure checklist asks)"
        case "yes": "yes"
        case "no": "not yet"
        case "not-offered": "it has not been offered"
        case let other?: CaptureRecord.inline(other)
        }
    }

    static func escalation(_ value: String) -> String {
        switch value {
        case "none": "none: nothing needs escalating or referring"
        case "referral": "yes: a referral or signpost to another service"
        default: value
        }
    }

    static func decision(_ value: String) -> String {
        switch value {
        case "resume": "carry on"
        case "close": "close the microproject"
        default: value
        }
    }
}
