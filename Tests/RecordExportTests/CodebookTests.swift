import Foundation
import RecordExport
import Testing

/// `docs/tracker-columns.md` is generated from the column definitions. Run with UPDATE_GOLDENS=1 to rewrite
/// it after changing `Sources/RecordExport/TrackerColumns.swift`, then review the diff.
@Suite("Tracker codebook")
struct CodebookTests {
    static let path = Repo.path("docs/tracker-columns.md")

    /// The cells of a Markdown table row, split on unescaped pipes (`\|` is a pipe inside a cell).
    static func cells(_ row: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for ch in row.dropFirst() {  // the leading "|"
            if escaped {
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                current.append(ch)
                escaped = true
            } else if ch == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(ch)
            }
        }
        return cells
    }

    /// The rows of every column table of a codebook (lines starting "| `"), table by table.
    static func tables(_ markdown: String) -> [[[String]]] {
        var tables: [[[String]]] = []
        var inTable = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| `") {
                if !inTable { tables.append([]) }
                inTable = true
                tables[tables.count - 1].append(cells(line))
            } else if !line.hasPrefix("|") {
                inTable = false
            }
        }
        return tables
    }

    /// The column names of the `index`th table (0-based), in order, with whether each is marked sensitive.
    static func tableColumns(_ markdown: String, table index: Int) -> [(name: String, sensitive: Bool)] {
        let all = tables(markdown)
        guard index < all.count else { return [] }
        return all[index].map {
            (name: $0[0].trimmingCharacters(in: ["`"]), sensitive: $0.last == "yes")
        }
    }

    @Test("docs/tracker-columns.md equals Codebook.markdown exactly")
    func docMatchesCodebook() throws {
        let generated = Codebook.markdown
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try Data(generated.utf8).write(to: URL(fileURLWithPath: Self.path), options: .atomic)
        }
        let onDisk = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(
            onDisk == generated,
            "docs/tracker-columns.md is out of date: run `UPDATE_GOLDENS=1 swift test --filter CodebookTests`"
        )
    }

    @Test("the codebook's tables list the CSV columns in order, sensitive ones marked")
    func tablesMatchTheCSVHeaders() {
        let wide = Self.tableColumns(Codebook.markdown, table: 0)
        #expect(wide.map(\.name) == Tracker.header)
        #expect(
            Set(wide.filter(\.sensitive).map(\.name)) == [
                "status_reason", "escalation_reasons",
            ]
        )
        let long = Self.tableColumns(Codebook.markdown, table: 1)
        #expect(long.map(\.name) == Tracker.longColumns.map(\.name))
        #expect(Set(wide.map(\.name)).count == wide.count, "a column name is repeated")
    }

    @Test(
        "every row of the codebook's tables has exactly seven cells: Column, Label, Meaning, Kind, Allowed, Empty means, Sensitive"
    )
    func rowsHaveSevenCells() {
        let tables = Self.tables(Codebook.markdown)
        #expect(tables.count == 2)
        for row in tables.joined() {
            // A bare "|" inside a cell splits it: the Sensitive cell then reads wrong in any Markdown viewer.
            #expect(row.count == 7, "\(row.first ?? "?") has \(row.count) cells: \(row)")
            #expect(["yes", "no"].contains(row.last ?? ""), "\(row.first ?? "?"): Sensitive reads \(row.last ?? "")")
        }
    }

    @Test("every column has a label, a meaning, a kind, allowed values, what empty means, and a snake_case name")
    func columnsAreDocumented() {
        for column in Tracker.columns.map(\.info) + Tracker.longColumns {
            #expect(!column.meaning.isEmpty && !column.kind.isEmpty && !column.allowed.isEmpty, "\(column.name)")
            #expect(!column.label.isEmpty && !column.empty.isEmpty, "\(column.name)")
            #expect(column.name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil, "\(column.name)")
            #expect(["text", "integer", "enum", "date"].contains(column.kind), "\(column.name): \(column.kind)")
        }
        // Labels are what people filter by: two columns of one sheet never share one.
        for columns in [Tracker.columns.map(\.label), Tracker.longColumns.map(\.label)] {
            #expect(Set(columns).count == columns.count, "a label is repeated: \(columns)")
        }
    }

    @Test("integer columns are number cells and date columns date cells in the workbook; the rest are text")
    func cellTypesFollowKinds() {
        for column in Tracker.columns.map(\.info) + Tracker.longColumns {
            let expected: CellType =
                switch column.kind {
                case "integer": .number
                case "date": .date
                default: .text
                }
            #expect(column.cell == expected, "\(column.name)")
        }
    }
}
