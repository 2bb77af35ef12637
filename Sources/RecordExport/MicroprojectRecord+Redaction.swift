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
