import Foundation
import InterviewEngine
import RecordExport
import Testing

/// Issue 11, item 2: every export has the same columns in the same places, a withheld sensitive column says
/// so in each cell, every empty cell has a documented meaning, and planned versus actual can be read off.
@Suite("Stable tracker columns")
struct StableColumnsTests {
    /// The columns as they were before issue 11 added any: they keep their names and places for ever.
    static let firstColumns = [
        "microproject_id", "practitioner_id", "participant_code", "type", "level", "suggested_type", "tracker_level",
        "status", "status_reason", "started_on", "planned_end", "last_change", "sessions_planned", "sessions_logged",
        "focus_area_1", "focus_area_2", "focus_area_3", "priority_1", "priority_2", "priority_3", "safety_outcome",
        "community_wheel_offered", "community_wheel_taken_up", "reflection_noticed", "reflection_changed",
        "reflection_helpful", "reflection_learning", "reflection_escalation", "reflection_complete", "escalations",
        "escalations_reviewed", "escalation_reasons",
    ]

    static func csvRows(includeSensitive: Bool) throws -> (wide: [[String]], long: [[String]]) {
        let (wide, long) = try ExportWriterTests.csv(includeSensitive: includeSensitive)
        let script = """
            import csv, io, json, sys
            print(json.dumps([list(csv.reader(io.StringIO(a, newline=''))) for a in sys.argv[1:]]))
            """
        let result = try Python.run(script, [wide, long])
        try #require(result.status == 0, "\(result.stderr)")
        let files = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[[String]]])
        return (files[0], files[1])
    }

    @Test("the CSV has the same header, in the same order, with and without --include-sensitive")
    func sameHeaderEitherWay() throws {
        let without = try Self.csvRows(includeSensitive: false)
        let with = try Self.csvRows(includeSensitive: true)
        #expect(without.wide[0] == with.wide[0])
        #expect(without.wide[0] == Tracker.header)
        #expect(without.long[0] == with.long[0])
        for row in without.wide + with.wide { #expect(row.count == Tracker.header.count, "\(row)") }
        #expect(Array(Tracker.header.prefix(Self.firstColumns.count)) == Self.firstColumns, "a column moved")
        #expect(
            Array(Tracker.header.dropFirst(Self.firstColumns.count)) == [
                "backup_sessions_possible", "fewer_sessions_reason", "identified_by_link_staff",
                "funded_pilot_invitation", "session_format", "pcn_liaison", "support_drawn_on",
                "closed_on", "actual_days", "planned_days", "type_title", "practitioner_name",
            ],
            "columns are only ever added at the end"
        )
    }

    @Test("without --include-sensitive every cell of a sensitive column says it was left out, in short words")
    func withheldCellsSaySo() throws {
        let without = try Self.csvRows(includeSensitive: false)
        let with = try Self.csvRows(includeSensitive: true)
        let sensitive = Tracker.columns.filter(\.sensitive).map(\.name)
        #expect(!sensitive.isEmpty)
        for name in sensitive {
            let i = try #require(Tracker.header.firstIndex(of: name))
            for row in without.wide.dropFirst() { #expect(row[i] == "left out: sensitive", "\(name): \(row[i])") }
            #expect(with.wide.dropFirst().allSatisfy { $0[i] != "left out: sensitive" }, "\(name)")
        }
        let reason = try #require(Tracker.header.firstIndex(of: "status_reason"))
        #expect(with.wide[2][reason] == ExportWriterTests.statusReason)
        // The non-sensitive columns are the same either way.
        for (a, b) in zip(without.wide, with.wide) {
            for (i, name) in Tracker.header.enumerated() where !sensitive.contains(name) {
                #expect(a[i] == b[i], "\(name)")
            }
        }
    }

    @Test("the workbook has the same columns and labels with and without sensitive fields; withheld cells say so")
    func workbookSameColumnsEitherWay() throws {
        let scratch = try ScratchFolder()
        let records = try ExportWriterTests.records()
        let without = try ReadBack.read(
            try WorkbookFixture.write(records, includeSensitive: false, in: scratch, name: "without.xlsx")
        )
        let with = try ReadBack.read(
            try WorkbookFixture.write(records, includeSensitive: true, in: scratch, name: "with.xlsx")
        )
        for title in ["Microprojects", "Sessions", "Dictionary"] {
            let a = try #require(without.sheet(title))
            let b = try #require(with.sheet(title))
            #expect(a.rows[0].map { $0?.value } == b.rows[0].map { $0?.value }, "\(title): row 1 differs")
            #expect(a.rows[1].map { $0?.value } == b.rows[1].map { $0?.value }, "\(title): row 2 differs")
            #expect(a.filter == b.filter, "\(title)")
        }
        let sheet = try #require(without.sheet("Microprojects"))
        #expect(sheet.rows[0].map { $0?.value } == Tracker.header)
        for name in Tracker.columns.filter(\.sensitive).map(\.name) {
            let i = try #require(Tracker.header.firstIndex(of: name))
            for row in sheet.rows.dropFirst(2) {
                #expect(row[i] == ReadBack.Cell(type: "s", value: "left out: sensitive", quotePrefix: false), "\(name)")
            }
        }
    }

    @Test("a sensitive answer in a session row says it was left out, not empty as if it was never asked")
    func withheldSessionAnswer() throws {
        var record = try Fixture.record(
            id: "mp-stb001",
            participant: "BR-050",
            stages: [
                Fixture.stage(
                    "session",
                    session: "s1",
                    answers: [
                        Fixture.answer("session-date", "2026-11-20", type: "date"),
                        Fixture.answer("kind", "core", type: "one-of"),
                        Fixture.answer("noticed", "Talked about the bus", sensitive: true),
                    ]
                )
            ]
        )
        let names = Tracker.longColumns.map(\.name)
        let shown = Dictionary(
            uniqueKeysWithValues: zip(names, Tracker.rows(of: record, includeSensitive: false).long[0])
        )
        #expect(shown["noticed"] == Tracker.withheld)
        #expect(shown["session_kind"] == "core")
        #expect(shown["progress"] == "", "not asked: empty")
        let full = Dictionary(
            uniqueKeysWithValues: zip(names, Tracker.rows(of: record, includeSensitive: true).long[0])
        )
        #expect(full["noticed"] == "Talked about the bus")
    }

    @Test("closed_on, actual_days, planned_days, type_title and practitioner_name")
    func plannedVersusActual() throws {
        var record = try Fixture.record(id: "mp-stb002", participant: "BR-051", type: 4, plannedEnd: "2027-01-15")
        record.type?.title = "Type 4: Complex Engagement"
        record.startedAt = "2026-11-01T08:00:00.000Z"
        record.stages[record.stages.count - 1].record.endedAt = "2026-12-20T16:30:00.000Z"
        record.updatedAt = "2026-12-21T09:00:00.000Z"
        let row = Dictionary(
            uniqueKeysWithValues: zip(Tracker.header, Tracker.rows(of: record, includeSensitive: false).wide)
        )
        #expect(row["closed_on"] == "2026-12-20", "the day the closing step ended")
        #expect(row["actual_days"] == "49")
        #expect(row["planned_days"] == "75")
        #expect(row["type_title"] == "Type 4: Complex Engagement")
        #expect(row["practitioner_name"] == "Sam Khan")

        var open = record
        open.status = "active"
        open.plannedEnd = nil
        let openRow = Dictionary(
            uniqueKeysWithValues: zip(Tracker.header, Tracker.rows(of: open, includeSensitive: false).wide)
        )
        #expect(openRow["closed_on"] == "" && openRow["actual_days"] == "" && openRow["planned_days"] == "")
    }

    @Test("whole days across a month end, a leap day and a year end; a date that is not one gives none")
    func days() {
        #expect(Tracker.days(from: "2028-02-28", to: "2028-03-01") == 2)
        #expect(Tracker.days(from: "2026-12-31", to: "2027-01-01") == 1)
        #expect(Tracker.days(from: "2026-12-01", to: "2026-12-01") == 0)
        #expect(Tracker.days(from: "2026-12-05", to: "2026-12-01") == -4)
        #expect(Tracker.days(from: "2026-12-01", to: "sometime in May") == nil)
        #expect(Tracker.days(from: "2026-13-01", to: "2026-12-01") == nil)
    }

    /// The categorical columns the issue found empty with no meaning given.
    static let categorical = [
        "level", "suggested_type", "tracker_level", "safety_outcome", "planned_end", "community_wheel_offered",
        "community_wheel_taken_up", "reflection_escalation",
    ]

    @Test("every categorical column that can be empty says what empty means, and it is not a value it can hold")
    func categoricalEmpties() throws {
        let wide = Dictionary(uniqueKeysWithValues: Tracker.wideColumns.map { ($0.name, $0) })
        let long = Dictionary(uniqueKeysWithValues: Tracker.longColumns.map { ($0.name, $0) })
        let columns =
            try Self.categorical.map { try #require(wide[$0], "\($0)") }
            + ["session_kind", "progress", "boundaries_kept"].map { try #require(long[$0], "\($0)") }
        for column in columns {
            #expect(column.empty != "never empty" && column.empty.count > 12, "\(column.name): \(column.empty)")
            #expect(!column.allowed.contains("empty"), "\(column.name): an allowed value is written, never empty")
        }
        // "Not offered yet" and "not asked yet" read differently: the plan writes not-now, an empty cell means
        // the plan was not made.
        #expect(wide["community_wheel_offered"]?.allowed.contains("not-now") == true)
        #expect(wide["community_wheel_offered"]?.empty.contains("plan") == true)
        #expect(wide["community_wheel_taken_up"]?.empty.contains("closure") == true)
        #expect(wide["reflection_escalation"]?.empty.contains("reflection") == true)
        for column in Tracker.wideColumns + Tracker.longColumns {
            #expect(!column.empty.isEmpty, "\(column.name)")
        }
    }

    @Test("README.txt, written beside the CSV, holds the codebook and says how sensitive columns read")
    func readme() {
        let without = Codebook.csvReadme(includeSensitive: false)
        let with = Codebook.csvReadme(includeSensitive: true)
        for name in Tracker.header + Tracker.longColumns.map(\.name) {
            #expect(without.contains("`\(name)`"), "\(name)")
        }
        #expect(without.contains("each of their cells says \"left out: sensitive\""))
        #expect(with.contains("included (--include-sensitive was given)"))
        #expect(without.contains("UTF-8"))
    }
}
