import InterviewEngine
import PracticeRules

/// How the workbook stores a column's values; the CSV holds every value as text.
public enum CellType: String, Sendable {
    case text, number, date
}

/// What a column is: the facts the codebook, the workbook's header and its Dictionary sheet are all made from.
public struct ColumnInfo: Sendable {
    /// The stable codebook name (the CSV header).
    public var name: String
    /// The human label of the workbook's header row.
    public var label: String
    public var meaning: String
    public var kind: String
    public var allowed: String
    /// What an empty cell means.
    public var empty: String
    public var sensitive: Bool

    /// Whole numbers and dates are typed cells in the workbook; everything else (enums too) is text.
    public var cell: CellType {
        switch kind {
        case "integer": .number
        case "date": .date
        default: .text
        }
    }
}

/// A column of the tracker CSV: its stable name, what it means, its kind and allowed values, and whether it
/// is sensitive (left out unless asked for). `docs/tracker-columns.md` is generated from these.
public struct TrackerColumn: Sendable {
    public var name: String
    public var meaning: String
    public var kind: String
    public var allowed: String
    public var sensitive: Bool
    public var label: String
    public var empty: String
    let value: @Sendable (MicroprojectRecord) -> String

    public var info: ColumnInfo {
        ColumnInfo(
            name: name,
            label: label,
            meaning: meaning,
            kind: kind,
            allowed: allowed,
            empty: empty,
            sensitive: sensitive
        )
    }
}

/// The tracker's two CSV files: one row per microproject, and a long file with one row per session and per
/// priority (the Type 4 enhanced tracker).
public enum Tracker {
    /// What an empty cell means when the column is never empty.
    static let neverEmpty = "never empty"
    static let noTypeYet =
        "no type chosen yet (the type decision follows a suitable safety check), or the microproject closed "
        + "before one was chosen (see status)"
    /// What each cell of a sensitive column says when sensitive fields are left out: the column stays, so
    /// every export has the same columns in the same places.
    public static let withheld = "left out: sensitive"

    static func column(
        _ name: String,
        _ label: String,
        _ meaning: String,
        _ kind: String,
        _ allowed: String,
        empty: String,
        sensitive: Bool = false,
        _ value: @escaping @Sendable (MicroprojectRecord) -> String
    ) -> TrackerColumn {
        TrackerColumn(
            name: name,
            meaning: meaning,
            kind: kind,
            allowed: allowed,
            sensitive: sensitive,
            label: label,
            empty: empty,
            value: value
        )
    }

    /// The wide file's columns, in order. Add new columns at the end; never rename or reorder.
    public static let columns: [TrackerColumn] = [
        column(
            "microproject_id",
            "Microproject",
            "The microproject's id",
            "text",
            "mp- and six letters or digits",
            empty: neverEmpty
        ) {
            $0.microprojectID
        },
        column(
            "practitioner_id",
            "Practitioner",
            "The practitioner running it",
            "text",
            "a profile id",
            empty: neverEmpty
        ) { $0.practitioner.id },
        column(
            "participant_code",
            "Participant code",
            "The participant's pseudonymous code (never a name)",
            "text",
            "2-20 letters, digits, hyphens",
            empty: "no participant recorded yet"
        ) {
            $0.participant ?? ""
        },
        column(
            "type",
            "Type",
            "The microproject type",
            "integer",
            "1, 2, 3, 4; empty until chosen",
            empty: Tracker.noTypeYet
        ) {
            $0.type.map { String($0.number) } ?? ""
        },
        column(
            "level",
            "Practice level",
            "The practice level of the type",
            "enum",
            "link, lead",
            empty: Tracker.noTypeYet
        ) { $0.type?.level ?? "" },
        column(
            "suggested_type",
            "Suggested type",
            "The type the type finder suggested",
            "integer",
            "1, 2, 3, 4",
            empty:
                "no suggestion yet: the type finder runs once the safety check finds the focus suitable, so it is "
                + "also empty when the microproject closed before that (see status)"
        ) {
            $0.suggestedType.map { String($0.number) } ?? ""
        },
        column(
            "tracker_level",
            "Tracker level",
            "Tracker level of the type",
            "enum",
            "optional, recommended, required-enhanced",
            empty: Tracker.noTypeYet
        ) {
            $0.trackerLevel ?? ""
        },
        column(
            "status",
            "Status",
            "Where the microproject stands",
            "enum",
            "active, paused, escalated, closed",
            empty: neverEmpty
        ) { $0.status },
        column(
            "status_reason",
            "Status reason",
            "Why it is paused, escalated or closed",
            "text",
            "free text",
            empty: "no reason recorded (an active microproject has none)",
            sensitive: true
        ) {
            $0.statusReason ?? ""
        },
        column("started_on", "Started", "Day it started", "date", "YYYY-MM-DD", empty: neverEmpty) {
            String($0.startedAt.prefix(10))
        },
        column(
            "planned_end",
            "Planned end",
            "Planned end date",
            "date",
            "YYYY-MM-DD",
            empty: "no plan made yet (the plan sets the end date), or the microproject closed before its plan"
        ) { $0.plannedEnd ?? "" },
        column("last_change", "Last change", "Day of the last recorded change", "date", "YYYY-MM-DD", empty: neverEmpty)
        {
            String($0.updatedAt.prefix(10))
        },
        column(
            "sessions_planned",
            "Sessions planned",
            "Structured or core sessions planned",
            "integer",
            "0 or more; empty for Types 1-2",
            empty: "not planned yet, or Types 1-2 (no session plan)"
        ) {
            $0.sessionsPlanned.map(String.init) ?? ""
        },
        column("sessions_logged", "Sessions logged", "Session logs recorded", "integer", "0 or more", empty: neverEmpty)
        { String($0.sessionsLogged) },
        column(
            "focus_area_1",
            "Focus area 1",
            "First focus area",
            "text",
            "free text",
            empty: "no focus area recorded yet"
        ) {
            $0.focusAreas.count > 0 ? $0.focusAreas[0] : ""
        },
        column(
            "focus_area_2",
            "Focus area 2",
            "Second focus area",
            "text",
            "free text",
            empty: "fewer than two focus areas"
        ) {
            $0.focusAreas.count > 1 ? $0.focusAreas[1] : ""
        },
        column(
            "focus_area_3",
            "Focus area 3",
            "Third focus area",
            "text",
            "free text",
            empty: "fewer than three focus areas"
        ) {
            $0.focusAreas.count > 2 ? $0.focusAreas[2] : ""
        },
        column(
            "priority_1",
            "Priority 1",
            "First learning priority from the consult",
            "text",
            "free text",
            empty: "no priority recorded (the consult of Types 3-4 records them)"
        ) {
            $0.priorities.count > 0 ? $0.priorities[0] : ""
        },
        column(
            "priority_2",
            "Priority 2",
            "Second learning priority",
            "text",
            "free text",
            empty: "fewer than two priorities"
        ) {
            $0.priorities.count > 1 ? $0.priorities[1] : ""
        },
        column(
            "priority_3",
            "Priority 3",
            "Third learning priority",
            "text",
            "free text",
            empty: "fewer than three priorities"
        ) {
            $0.priorities.count > 2 ? $0.priorities[2] : ""
        },
        column(
            "safety_outcome",
            "Safety check",
            "Outcome of the suitability and safety check",
            "enum",
            "suitable, not-suitable, escalate",
            empty: "the check is not done yet, or the microproject closed at the focus step (see status)"
        ) {
            $0.safetyOutcome ?? ""
        },
        column(
            "community_wheel_offered",
            "Community Wheel offered",
            "Community Wheel connection offered",
            "enum",
            "monthly-session, peer-learning, both, not-now (not offered yet)",
            empty: "no plan made yet (the plan asks it), or the microproject closed before its plan"
        ) {
            $0.communityWheel.offered ?? ""
        },
        column(
            "community_wheel_taken_up",
            "Community Wheel taken up",
            "Community Wheel connection taken up",
            "enum",
            "yes, no (not yet), not-offered",
            empty: "the closure checklist is not done yet (it asks this)"
        ) {
            $0.communityWheel.takenUp ?? ""
        },
        column(
            "reflection_noticed",
            "Reflection: noticed",
            "Reflection: what was noticed",
            "text",
            "free text",
            empty: "the reflection is not done yet (it asks this)"
        ) {
            $0.reflection?["noticed"] ?? ""
        },
        column(
            "reflection_changed",
            "Reflection: changed",
            "Reflection: what changed, if anything",
            "text",
            "free text",
            empty: "the reflection is not done yet (it asks this)"
        ) {
            $0.reflection?["changed"] ?? ""
        },
        column(
            "reflection_helpful",
            "Reflection: helpful",
            "Reflection: what felt helpful or unhelpful",
            "text",
            "free text",
            empty: "the reflection is not done yet (it asks this)"
        ) {
            $0.reflection?["helpful"] ?? ""
        },
        column(
            "reflection_learning",
            "Reflection: learning",
            "Reflection: learning for future practice",
            "text",
            "free text",
            empty: "the reflection is not done yet (it asks this)"
        ) {
            $0.reflection?["learning"] ?? ""
        },
        column(
            "reflection_escalation",
            "Reflection: escalation",
            "Reflection: escalation or referral needed",
            "enum",
            "none, referral",
            empty: "the reflection is not done yet (it asks this; a safeguarding answer stops it unrecorded)"
        ) {
            $0.reflection?["escalation"] ?? ""
        },
        column(
            "reflection_complete",
            "Reflection complete",
            "All five reflection items recorded",
            "enum",
            "yes, no",
            empty: neverEmpty
        ) {
            $0.reflectionComplete ? "yes" : "no"
        },
        column("escalations", "Concerns raised", "Concerns raised", "integer", "0 or more", empty: neverEmpty) {
            String($0.escalations.count)
        },
        column(
            "escalations_reviewed",
            "Concerns reviewed",
            "Concerns with a recorded review",
            "integer",
            "0 or more",
            empty: neverEmpty
        ) {
            String($0.escalations.filter { $0.decision != nil }.count)
        },
        column(
            "escalation_reasons",
            "Concerns",
            "The concerns, in the practitioner's words",
            "text",
            "free text; entries separated by ' | '",
            empty: "no concern raised",
            sensitive: true
        ) {
            $0.escalations.map(\.reason).joined(separator: " | ")
        },
        column(
            "backup_sessions_possible",
            "Backup sessions possible",
            "Type 4 backup sessions that may be added if needed",
            "integer",
            "0 or more; empty for Types 1-3",
            empty: "not planned yet, or Types 1-3 (no backup sessions)"
        ) { $0.backupSessionsPossible.map(String.init) ?? "" },
        column(
            "fewer_sessions_reason",
            "Why fewer sessions",
            "Why fewer than 6 sessions were planned",
            "text",
            "free text",
            empty: "6 or more sessions planned, not planned yet, or Types 1-2"
        ) {
            $0.fewerSessionsReason ?? ""
        },
        column(
            "identified_by_link_staff",
            "Identified by Link staff",
            "Types 1-2: the participant was identified by Link staff",
            "enum",
            "yes, no; empty for Types 3-4",
            empty: "not planned yet, or Types 3-4"
        ) { $0.delivery?.identifiedByLinkStaff ?? "" },
        column(
            "funded_pilot_invitation",
            "Funded pilot invitation",
            "Types 1-2: invited into the funded pilot",
            "enum",
            "yes, no; empty for Types 3-4",
            empty: "not planned yet, or Types 3-4"
        ) { $0.delivery?.fundedPilotInvitation ?? "" },
        column(
            "session_format",
            "Session format",
            "Type 3: sessions in a group or one to one",
            "enum",
            "group, one-to-one, both",
            empty: "not planned yet, or not Type 3"
        ) {
            $0.delivery?.sessionFormat ?? ""
        },
        column(
            "pcn_liaison",
            "PCN liaison",
            "Type 4: a PCN Link staff member acts as liaison",
            "enum",
            "yes, no",
            empty: "not planned yet, or not Type 4"
        ) {
            $0.delivery?.pcnLiaison ?? ""
        },
        column(
            "support_drawn_on",
            "Support drawn on",
            "Support and consultation pathways drawn on",
            "text",
            "link-guidance, lead-consultation, lead-reflective, lead-study, lead-complex-case, org-supervision, "
                + "org-governance, org-team; separated by ';'",
            empty: "no support pathway recorded"
        ) {
            var seen: [String] = []
            for p in ($0.supportDrawnOn ?? []).flatMap(\.pathways) where !seen.contains(p) { seen.append(p) }
            return seen.joined(separator: ";")
        },
        column(
            "closed_on",
            "Closed",
            "Day it closed (the day of the step that closed it)",
            "date",
            "YYYY-MM-DD",
            empty: "not closed yet (see status)"
        ) {
            $0.closedOn ?? ""
        },
        column(
            "actual_days",
            "Actual days",
            "Days from the start to the close: closed_on minus started_on",
            "integer",
            "0 or more",
            empty: "not closed yet"
        ) {
            $0.actualDays.map(String.init) ?? ""
        },
        column(
            "planned_days",
            "Planned days",
            "Days from the start to the planned end: planned_end minus started_on",
            "integer",
            "0 or more",
            empty: "no plan made yet (the plan sets the end date), or the microproject closed before its plan"
        ) {
            $0.plannedDays.map(String.init) ?? ""
        },
        column(
            "type_title",
            "Type name",
            "The microproject type's name",
            "text",
            MicroprojectType.allCases.map(\.title).joined(separator: "; "),
            empty: Tracker.noTypeYet
        ) {
            $0.type?.title ?? ""
        },
        column(
            "practitioner_name",
            "Practitioner name",
            "The practitioner's name as recorded when the microproject used their profile",
            "text",
            "free text",
            empty: neverEmpty
        ) {
            $0.practitioner.name
        },
    ]

    /// The long file's columns: one row per session log and per priority.
    public static let longColumns: [ColumnInfo] = [
        long(
            "microproject_id",
            "Microproject",
            "The microproject's id",
            "text",
            "mp- and six letters or digits",
            neverEmpty
        ),
        long(
            "participant_code",
            "Participant code",
            "The participant's pseudonymous code",
            "text",
            "2-20 letters, digits, hyphens",
            "no participant recorded yet"
        ),
        long("type", "Type", "The microproject type", "integer", "1, 2, 3, 4", "no type chosen yet"),
        long("row_kind", "Row", "What the row is", "enum", "session, priority", neverEmpty),
        long("number", "Number", "Session number, or priority number", "integer", "1 or more", neverEmpty),
        long(
            "date",
            "Session date",
            "The session's date",
            "date",
            "YYYY-MM-DD; empty for priorities",
            "a priority row, or no date recorded"
        ),
        long(
            "session_kind",
            "Session kind",
            "Kind of session",
            "enum",
            "core, backup, follow-up, online-learning",
            "a priority row, or not recorded"
        ),
        long(
            "progress",
            "Progress (1-5)",
            "Progress in understanding, 1 to 5",
            "integer",
            "1-5",
            "a priority row, or not rated"
        ),
        long(
            "worked_on",
            "Worked on",
            "What the session worked on",
            "text",
            "free text",
            "a priority row, or not recorded"
        ),
        long(
            "noticed",
            "Changes noticed",
            "Changes noticed in understanding and response",
            "text",
            "free text",
            "a priority row, or not recorded"
        ),
        long(
            "boundaries_kept",
            "Within role boundaries",
            "Stayed within non-clinical role boundaries",
            "enum",
            "yes, no",
            "a priority row, or not recorded"
        ),
        long("next_step", "Next step", "The next step agreed", "text", "free text", "a priority row, or not recorded"),
        long(
            "priority",
            "Learning priority",
            "The learning priority, in the participant's words",
            "text",
            "free text",
            "a session row"
        ),
        long(
            "took_place",
            "Took place",
            "Whether the planned session took place",
            "enum",
            "yes, no; empty when not asked",
            "a priority row, or not asked (Types 1-2, or a log from before it was asked)"
        ),
        long(
            "not_held_reason",
            "Why not held",
            "Why a planned session did not take place",
            "text",
            "free text",
            "a priority row, or the session took place"
        ),
    ]

    /// Whole days from one YYYY-MM-DD to another (negative when `to` is earlier); nil if either is not a date.
    public static func days(from: String, to: String) -> Int? {
        func ordinal(_ s: String) -> Int? {
            let p = s.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard p.count == 3, let y0 = p[0], let m = p[1], let d = p[2], (1...12).contains(m), (1...31).contains(d)
            else { return nil }
            let y = y0 - (m <= 2 ? 1 : 0)
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
        }
        guard let a = ordinal(from), let b = ordinal(to) else { return nil }
        return b - a
    }

    static func long(
        _ name: String,
        _ label: String,
        _ meaning: String,
        _ kind: String,
        _ allowed: String,
        _ empty: String
    ) -> ColumnInfo {
        ColumnInfo(
            name: name,
            label: label,
            meaning: meaning,
            kind: kind,
            allowed: allowed,
            empty: empty,
            sensitive: false
        )
    }

    /// The wide table's column names: the same in every export, with or without sensitive fields.
    public static var header: [String] { columns.map(\.name) }

    /// The wide table's columns, in order: every export has all of them in these places. A sensitive column
    /// left out says so in each of its cells (`withheld`).
    public static var wideColumns: [ColumnInfo] { columns.map(\.info) }

    /// One record's rows in both tables, sensitive fields left out unless asked for: the one place the CSV
    /// files and the workbook take their rows from.
    public static func rows(
        of record: MicroprojectRecord,
        includeSensitive: Bool
    ) -> (wide: [String], long: [[String]]) {
        let chosen = Disclosed(record, .from(flag: includeSensitive))
        return (wideRows([chosen])[0], longRows([chosen]))
    }

    /// Rows of records already disclosed: a sensitive column says `withheld` in every cell unless sensitive
    /// values were included, and every other cell is as the disclosed record holds it.
    public static func wideRows(_ records: [Disclosed<MicroprojectRecord>]) -> [[String]] {
        records.map { d in
            columns.map { c in c.sensitive && !d.disclosure.includesSensitive ? withheld : c.value(d.record) }
        }
    }

    public static func longRows(_ records: [Disclosed<MicroprojectRecord>]) -> [[String]] {
        var rows: [[String]] = []
        for r in records.map(\.record) {
            let base = [r.microprojectID, r.participant ?? "", r.type.map { String($0.number) } ?? ""]
            var n = 0
            for stage in r.stages where stage.stage == "session" {
                n += 1
                let a = Dictionary(stage.record.answers.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
                let leftOut = Set(stage.record.disclosure.leftOutKeys)
                func v(_ k: String) -> String {
                    guard let answer = a[k] else { return leftOut.contains(k) ? withheld : "" }
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
    /// The day it closed: the day the step that closed it ended (its last stage), for a closed microproject.
    public var closedOn: String? {
        guard status == "closed" else { return nil }
        return String((stages.last?.record.endedAt ?? updatedAt).prefix(10))
    }

    /// Whole days from the day it started to the day it closed.
    public var actualDays: Int? {
        closedOn.flatMap { Tracker.days(from: String(startedAt.prefix(10)), to: $0) }
    }

    /// Whole days from the day it started to the planned end.
    public var plannedDays: Int? {
        plannedEnd.flatMap { Tracker.days(from: String(startedAt.prefix(10)), to: $0) }
    }

    /// True when all five reflection items of the guide are recorded.
    public var reflectionComplete: Bool {
        guard let reflection else { return false }
        return ["noticed", "changed", "helpful", "learning", "escalation"].allSatisfy {
            !(reflection[$0] ?? "").isEmpty
        }
    }
}
