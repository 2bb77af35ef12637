import InterviewEngine

/// A column of the tracker CSV: its stable name, what it means, its kind and allowed values, and whether it
/// is sensitive (left out unless asked for). `docs/tracker-columns.md` is generated from these.
public struct TrackerColumn: Sendable {
    public var name: String
    public var meaning: String
    public var kind: String
    public var allowed: String
    public var sensitive: Bool
    let value: @Sendable (MicroprojectRecord) -> String
}

/// The tracker's two CSV files: one row per microproject, and a long file with one row per session and per
/// priority (the Type 4 enhanced tracker).
public enum Tracker {
    static func column(
        _ name: String,
        _ meaning: String,
        _ kind: String,
        _ allowed: String,
        sensitive: Bool = false,
        _ value: @escaping @Sendable (MicroprojectRecord) -> String
    ) -> TrackerColumn {
        TrackerColumn(name: name, meaning: meaning, kind: kind, allowed: allowed, sensitive: sensitive, value: value)
    }

    /// The wide file's columns, in order. Add new columns at the end; never rename or reorder.
    public static let columns: [TrackerColumn] = [
        column("microproject_id", "The microproject's id", "text", "mp- and six letters or digits") {
            $0.microprojectID
        },
        column("practitioner_id", "The practitioner running it", "text", "a profile id") { $0.practitioner.id },
        column(
            "participant_code",
            "The participant's pseudonymous code (never a name)",
            "text",
            "2-20 letters, digits, hyphens"
        ) {
            $0.participant ?? ""
        },
        column("type", "The microproject type", "integer", "1, 2, 3, 4; empty until chosen") {
            $0.type.map { String($0.number) } ?? ""
        },
        column("level", "The practice level of the type", "enum", "link, lead") { $0.type?.level ?? "" },
        column("suggested_type", "The type the type finder suggested", "integer", "1, 2, 3, 4") {
            $0.suggestedType.map { String($0.number) } ?? ""
        },
        column("tracker_level", "Tracker level of the type", "enum", "optional, recommended, required-enhanced") {
            $0.trackerLevel ?? ""
        },
        column("status", "Where the microproject stands", "enum", "active, paused, escalated, closed") { $0.status },
        column("status_reason", "Why it is paused, escalated or closed", "text", "free text", sensitive: true) {
            $0.statusReason ?? ""
        },
        column("started_on", "Day it started", "date", "YYYY-MM-DD") { String($0.startedAt.prefix(10)) },
        column("planned_end", "Planned end date", "date", "YYYY-MM-DD") { $0.plannedEnd ?? "" },
        column("last_change", "Day of the last recorded change", "date", "YYYY-MM-DD") {
            String($0.updatedAt.prefix(10))
        },
        column("sessions_planned", "Structured or core sessions planned", "integer", "0 or more; empty for Types 1-2") {
            $0.sessionsPlanned.map(String.init) ?? ""
        },
        column("sessions_logged", "Session logs recorded", "integer", "0 or more") { String($0.sessionsLogged) },
        column("focus_area_1", "First focus area", "text", "free text") {
            $0.focusAreas.count > 0 ? $0.focusAreas[0] : ""
        },
        column("focus_area_2", "Second focus area", "text", "free text") {
            $0.focusAreas.count > 1 ? $0.focusAreas[1] : ""
        },
        column("focus_area_3", "Third focus area", "text", "free text") {
            $0.focusAreas.count > 2 ? $0.focusAreas[2] : ""
        },
        column("priority_1", "First learning priority from the consult", "text", "free text") {
            $0.priorities.count > 0 ? $0.priorities[0] : ""
        },
        column("priority_2", "Second learning priority", "text", "free text") {
            $0.priorities.count > 1 ? $0.priorities[1] : ""
        },
        column("priority_3", "Third learning priority", "text", "free text") {
            $0.priorities.count > 2 ? $0.priorities[2] : ""
        },
        column(
            "safety_outcome",
            "Outcome of the suitability and safety check",
            "enum",
            "suitable, not-suitable, escalate"
        ) {
            $0.safetyOutcome ?? ""
        },
        column(
            "community_wheel_offered",
            "Community Wheel connection offered",
            "enum",
            "monthly-session, peer-learning, both, not-now"
        ) {
            $0.communityWheel.offered ?? ""
        },
        column("community_wheel_taken_up", "Community Wheel connection taken up", "enum", "yes, no, not-offered") {
            $0.communityWheel.takenUp ?? ""
        },
        column("reflection_noticed", "Reflection: what was noticed", "text", "free text") {
            $0.reflection?["noticed"] ?? ""
        },
        column("reflection_changed", "Reflection: what changed, if anything", "text", "free text") {
            $0.reflection?["changed"] ?? ""
        },
        column("reflection_helpful", "Reflection: what felt helpful or unhelpful", "text", "free text") {
            $0.reflection?["helpful"] ?? ""
        },
        column("reflection_learning", "Reflection: learning for future practice", "text", "free text") {
            $0.reflection?["learning"] ?? ""
        },
        column(
            "reflection_escalation",
            "Reflection: escalation or referral needed",
            "enum",
            "none, referral, safeguarding",
            sensitive: true
        ) {
            $0.reflection?["escalation"] ?? ""
        },
        column("reflection_complete", "All five reflection items recorded", "enum", "yes, no") {
            $0.reflectionComplete ? "yes" : "no"
        },
        column("escalations", "Concerns raised", "integer", "0 or more") { String($0.escalations.count) },
        column("escalations_reviewed", "Concerns with a recorded review", "integer", "0 or more") {
            String($0.escalations.filter { $0.decision != nil }.count)
        },
        column(
            "escalation_reasons",
            "The concerns, in the practitioner's words",
            "text",
            "free text; entries separated by ' | '",
            sensitive: true
        ) {
            $0.escalations.map(\.reason).joined(separator: " | ")
        },
        column(
            "backup_sessions_possible",
            "Type 4 backup sessions that may be added if needed",
            "integer",
            "0 or more; empty for Types 1-3"
        ) { $0.backupSessionsPossible.map(String.init) ?? "" },
        column("fewer_sessions_reason", "Why fewer than 6 sessions were planned", "text", "free text") {
            $0.fewerSessionsReason ?? ""
        },
        column(
            "identified_by_link_staff",
            "Types 1-2: the participant was identified by Link staff",
            "enum",
            "yes, no; empty for Types 3-4"
        ) { $0.delivery?.identifiedByLinkStaff ?? "" },
        column(
            "funded_pilot_invitation",
            "Types 1-2: invited into the funded pilot",
            "enum",
            "yes, no; empty for Types 3-4"
        ) { $0.delivery?.fundedPilotInvitation ?? "" },
        column("session_format", "Type 3: sessions in a group or one to one", "enum", "group, one-to-one, both") {
            $0.delivery?.sessionFormat ?? ""
        },
        column("pcn_liaison", "Type 4: a PCN Link staff member acts as liaison", "enum", "yes, no") {
            $0.delivery?.pcnLiaison ?? ""
        },
        column(
            "support_drawn_on",
            "Support and consultation pathways drawn on",
            "text",
            "link-guidance, lead-consultation, lead-reflective, lead-study, lead-complex-case, org-supervision, "
                + "org-governance, org-team; separated by ';'"
        ) {
            var seen: [String] = []
            for p in ($0.supportDrawnOn ?? []).flatMap(\.pathways) where !seen.contains(p) { seen.append(p) }
            return seen.joined(separator: ";")
        },
    ]

    /// The long file's columns: one row per session log and per priority.
    public static let longColumns: [(name: String, meaning: String, kind: String, allowed: String, sensitive: Bool)] = [
        ("microproject_id", "The microproject's id", "text", "mp- and six letters or digits", false),
        ("participant_code", "The participant's pseudonymous code", "text", "2-20 letters, digits, hyphens", false),
        ("type", "The microproject type", "integer", "1, 2, 3, 4", false),
        ("row_kind", "What the row is", "enum", "session, priority", false),
        ("number", "Session number, or priority number", "integer", "1 or more", false),
        ("date", "The session's date", "date", "YYYY-MM-DD; empty for priorities", false),
        ("session_kind", "Kind of session", "enum", "core, backup, follow-up, online-learning", false),
        ("progress", "Progress in understanding, 1 to 5", "integer", "1-5", false),
        ("worked_on", "What the session worked on", "text", "free text", false),
        ("noticed", "Changes noticed in understanding and response", "text", "free text", false),
        ("boundaries_kept", "Stayed within non-clinical role boundaries", "enum", "yes, no", false),
        ("next_step", "The next step agreed", "text", "free text", false),
        ("priority", "The learning priority, in the participant's words", "text", "free text", false),
        ("took_place", "Whether the planned session took place", "enum", "yes, no; empty when not asked", false),
        ("not_held_reason", "Why a planned session did not take place", "text", "free text", false),
    ]

    public static func header(includeSensitive: Bool) -> [String] {
        columns.filter { includeSensitive || !$0.sensitive }.map(\.name)
    }

    public static func wideRows(_ records: [MicroprojectRecord], includeSensitive: Bool) -> [[String]] {
        let chosen = columns.filter { includeSensitive || !$0.sensitive }
        return records.map { r in chosen.map { $0.value(r) } }
    }

    public static func longRows(_ records: [MicroprojectRecord]) -> [[String]] {
        var rows: [[String]] = []
        for r in records {
            let base = [r.microprojectID, r.participant ?? "", r.type.map { String($0.number) } ?? ""]
            var n = 0
            for stage in r.stages where stage.stage == "session" {
                n += 1
                let a = Dictionary(stage.record.answers.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
                func v(_ k: String) -> String {
                    guard let answer = a[k] else { return "" }
                    switch answer.value {
                    case .string(let s): return s
                    case .bool(let b): return b ? "yes" : "no"
                    case .number(let x): return AnswerValue.format(x)
                    case .list(let l): return l.joined(separator: ";")
                    case .null: return ""
                    }
                }
                rows.append(
                    base + [
                        // The planned session's own number when the log names it (issue 10), else the log's order.
                        "session", v("session-number").isEmpty ? String(n) : v("session-number"), v("session-date"),
                        v("kind").isEmpty ? v("session-kind") : v("kind"), v("progress"), v("worked-on"),
                        v("noticed"), v("boundaries"), v("next-step"), "", v("took-place"), v("not-held-reason"),
                    ]
                )
            }
            for (i, p) in r.priorities.enumerated() {
                rows.append(base + ["priority", String(i + 1), "", "", "", "", "", "", "", p, "", ""])
            }
        }
        return rows
    }
}

extension MicroprojectRecord {
    /// True when all five reflection items of the guide are recorded.
    public var reflectionComplete: Bool {
        guard let reflection else { return false }
        return ["noticed", "changed", "helpful", "learning", "escalation"].allSatisfy {
            !(reflection[$0] ?? "").isEmpty
        }
    }
}
