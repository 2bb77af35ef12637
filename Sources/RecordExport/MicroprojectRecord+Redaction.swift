import InterviewEngine
import PracticeRules

extension MicroprojectRecord: Redactable {
    /// The one redactor for the complete record. With `.everything` the record is marked to encode in full.
    /// Otherwise every field named in `sensitiveFields` (the script's tag, carried to whatever was worked out
    /// from the answer) and every escalation's words are replaced by `disclosure.leftOut`, and each stage's
    /// record is redacted the same way. Harmless fields (a closure status, a decision) are kept as they are.
    public func disclosed(_ disclosure: Disclosure) -> MicroprojectRecord {
        var r = self
        r.disclosure.includesSensitive = disclosure.includesSensitive
        r.stages = stages.map { stage in
            var s = stage
            s.record = stage.record.disclosed(disclosure)
            return s
        }
        guard !disclosure.includesSensitive else { return r }
        let hidden = Set(sensitiveFields ?? [])
        func shown(_ path: String, _ value: String?) -> String? {
            value.map { hidden.contains(path) ? disclosure.leftOut : $0 }
        }
        func shown(_ prefix: String, _ map: [String: String]?) -> [String: String]? {
            map.map { m in m.reduce(into: [:]) { $0[$1.key] = shown("\(prefix).\($1.key)", $1.value) } }
        }
        r.statusReason = shown("statusReason", statusReason)
        r.type?.reason = shown("type.reason", type?.reason)
        r.suggestedType?.reason = shown("suggestedType.reason", suggestedType?.reason)
        r.reflection = shown("reflection", reflection)
        r.closureChecklist = shown("closureChecklist", closureChecklist)
        r.escalations = escalations.map { e in
            var e = e
            e.reason = disclosure.leftOut
            e.consulted = e.consulted.map { _ in disclosure.leftOut }
            e.procedure = e.procedure.map { _ in disclosure.leftOut }
            return e
        }
        return r
    }

    /// A record not disclosed in full encodes without its sensitive values, so a new output that forgets to
    /// redact still leaks nothing.
    public func encode(to encoder: Encoder) throws {
        let r = disclosure.includesSensitive ? self : disclosed(.withholding())
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(r.schemaVersion, forKey: .schemaVersion)
        try c.encode(r.recordType, forKey: .recordType)
        try c.encode(r.microprojectID, forKey: .microprojectID)
        try c.encode(r.practitioner, forKey: .practitioner)
        try c.encodeIfPresent(r.profileAsRecorded, forKey: .profileAsRecorded)
        try c.encodeIfPresent(r.participant, forKey: .participant)
        try c.encodeIfPresent(r.type, forKey: .type)
        try c.encodeIfPresent(r.suggestedType, forKey: .suggestedType)
        try c.encode(r.typeChangedFromSuggestion, forKey: .typeChangedFromSuggestion)
        try c.encodeIfPresent(r.trackerLevel, forKey: .trackerLevel)
        try c.encode(r.focusAreas, forKey: .focusAreas)
        try c.encode(r.priorities, forKey: .priorities)
        try c.encode(r.status, forKey: .status)
        try c.encodeIfPresent(r.statusReason, forKey: .statusReason)
        try c.encodeIfPresent(r.plannedEnd, forKey: .plannedEnd)
        try c.encodeIfPresent(r.sessionsPlanned, forKey: .sessionsPlanned)
        try c.encodeIfPresent(r.backupSessionsPossible, forKey: .backupSessionsPossible)
        try c.encodeIfPresent(r.fewerSessionsReason, forKey: .fewerSessionsReason)
        try c.encodeIfPresent(r.delivery, forKey: .delivery)
        try c.encodeIfPresent(r.supportDrawnOn, forKey: .supportDrawnOn)
        try c.encodeIfPresent(r.longEndReason, forKey: .longEndReason)
        try c.encodeIfPresent(r.endDateExtensions, forKey: .endDateExtensions)
        try c.encode(r.sessionsLogged, forKey: .sessionsLogged)
        try c.encodeIfPresent(r.safetyOutcome, forKey: .safetyOutcome)
        try c.encode(r.communityWheel, forKey: .communityWheel)
        try c.encodeIfPresent(r.reflection, forKey: .reflection)
        try c.encodeIfPresent(r.closureChecklist, forKey: .closureChecklist)
        try c.encode(r.escalations, forKey: .escalations)
        try c.encode(r.stages, forKey: .stages)
        try c.encode(r.startedAt, forKey: .startedAt)
        try c.encode(r.updatedAt, forKey: .updatedAt)
        // The list names what is sensitive; a redacted record has nothing to name, and naming could tell.
        if r.disclosure.includesSensitive { try c.encodeIfPresent(r.sensitiveFields, forKey: .sensitiveFields) }
    }
}

extension Disclosed where Record == MicroprojectRecord {
    /// The record for people. A value left out says so, in words that do not alarm.
    public var markdown: String {
        let r = record
        let leftOut = disclosure.leftOut
        func text(_ s: String) -> String { CaptureRecord.inline(s) }
        var out = "# Microproject \(r.microprojectID): learning capture record\n\n"
        out += "- **Practitioner:** \(text(r.practitioner.name)) (\(r.practitioner.id))\n"
        out += "- **Participant code:** \(r.participant.map(text) ?? "not yet given")\n"
        out += "- **Type:** \(r.type?.title ?? "not yet chosen")"
        if let s = r.suggestedType, r.typeChangedFromSuggestion { out += " (suggested: \(s.title))" }
        out += "\n- **Tracker:** \(r.trackerLevel ?? "-")\n- **Status:** \(r.status)"
        if let reason = r.statusReason {
            out += reason == leftOut && !leftOut.isEmpty ? " (the reason is \(leftOut))" : ": \(text(reason))"
        }
        out += "\n- **Planned end:** \(r.plannedEnd ?? "-")   **Sessions:** \(r.sessionsLogged) logged"
        out += r.sessionsPlanned.map { " of \($0) planned" } ?? ""
        out += r.backupSessionsPossible.map { $0 > 0 ? " (and up to \($0) backup if needed)" : "" } ?? ""
        out +=
            "\n- **Community Wheel:** offered \(r.communityWheel.offered ?? "-"), taken up \(r.communityWheel.takenUp ?? "-")\n"
        out += "- **Started:** \(r.startedAt)   **Last change:** \(r.updatedAt)\n"
        if !r.focusAreas.isEmpty {
            out += "\n## Focus areas\n\n" + r.focusAreas.map { "- \(text($0))\n" }.joined()
        }
        if !r.escalations.isEmpty {
            out += "\n## Concerns and what was done\n\n"
            for e in r.escalations {
                out += "- During \(e.stage.title.lowercased()), at \(e.at): "
                out += disclosure.includesSensitive ? "\(text(e.reason)). " : "a concern was raised (\(leftOut)). "
                if let decision = e.decision {
                    out +=
                        disclosure.includesSensitive
                        ? "Consulted \(text(e.consulted ?? "-")); decision: \(decision)."
                        : "Reviewed; decision: \(decision)."
                } else {
                    out += "Not yet reviewed."
                }
                out += "\n"
            }
        }
        if let reflection = r.reflection {
            out += "\n## Reflection\n\n"
            for item in Closure.reflectionItems {
                out +=
                    "- **\(item.title.prefix(1).uppercased() + item.title.dropFirst()):** \(text(reflection[item.key] ?? "-"))\n"
            }
            if let detail = reflection["referral-detail"] { out += "- **Referral or signpost:** \(text(detail))\n" }
        }
        out += "\n## Stages\n\n"
        for s in r.stages { out += "- \(s.title): \(s.record.outcome.title) (session \(s.sessionID))\n" }
        return out
    }
}
