import Foundation
import InterviewEngine
import ZIPFoundation

/// What the About sheet says about an export, beyond what the writer counts itself.
public struct WorkbookAbout: Sendable {
    public var exportedAt: Timestamp
    /// Who ran the export (the account's user name).
    public var exportedBy: String
    /// What was asked for, in words: "every microproject", "mp-abc123; status closed".
    public var selection: String

    public init(exportedAt: Timestamp, exportedBy: String, selection: String) {
        self.exportedAt = exportedAt
        self.exportedBy = exportedBy
        self.selection = selection
    }
}

extension ExportWriter {
    /// The workbook's sheets, in order.
    public static let workbookSheets = ["Microprojects", "Sessions", "Dictionary", "About"]

    /// microprojects.xlsx: the tracker as one Office Open XML workbook, from the same columns and rows as the
    /// CSV files (`Tracker.rows(of:includeSensitive:)`). Sheets: Microprojects (one row per microproject),
    /// Sessions (one row per session log and priority), Dictionary (the codebook of every column in it) and
    /// About (what was exported, when, by whom, with or without sensitive fields).
    ///
    /// The tracker sheets' first row holds the codebook names (the CSV header, small and grey) and the second
    /// the human labels, with the filter buttons; both stay in view when scrolling. Whole numbers are number
    /// cells, days are date cells, and all text is an inline string, never a formula.
    ///
    /// Records are streamed: each sheet is written row by row to a 0600 file in a private folder made inside
    /// `workingFolder`, the files are zipped there, and the zip is handed to `sink` in chunks; the folder is
    /// removed afterwards, whatever happens.
    public static func xlsx(
        _ records: some Sequence<MicroprojectRecord>,
        includeSensitive: Bool,
        about: WorkbookAbout,
        workingFolder: String,
        to sink: Sink
    ) throws {
        let scratch = try ScratchFolder(in: workingFolder)
        defer { scratch.remove() }

        let wideColumns = Tracker.wideColumns
        let longColumns = Tracker.longColumns
        let microprojects = try trackerSheet(scratch.file("sheet1.xml"), wideColumns, selected: true)
        let sessions = try trackerSheet(scratch.file("sheet2.xml"), longColumns, selected: false)
        var count = 0
        var practitioners: [String] = []
        for record in records {
            count += 1
            if !practitioners.contains(record.practitioner.id) { practitioners.append(record.practitioner.id) }
            let rows = Tracker.rows(of: record, includeSensitive: includeSensitive)
            try microprojects.row(zip(rows.wide, wideColumns).map { SheetCell($0, as: $1.cell) })
            for row in rows.long { try sessions.row(zip(row, longColumns).map { SheetCell($0, as: $1.cell) }) }
        }
        let sessionRows = sessions.rows - 2
        let filters = [try microprojects.finish(filterRow: 2), try sessions.finish(filterRow: 2)]

        let dictionary = try dictionarySheet(
            scratch.file("sheet3.xml"),
            [(workbookSheets[0], wideColumns), (workbookSheets[1], longColumns)]
        )
        let facts = aboutRows(
            about,
            includeSensitive: includeSensitive,
            microprojects: count,
            sessionRows: sessionRows,
            practitioners: practitioners
        )
        let aboutSheet = try self.aboutSheet(scratch.file("sheet4.xml"), facts)

        let entries = [
            WorkbookParts.SheetEntry(name: workbookSheets[0], filter: filters[0], titleRows: "$1:$2"),
            WorkbookParts.SheetEntry(name: workbookSheets[1], filter: filters[1], titleRows: "$1:$2"),
            WorkbookParts.SheetEntry(name: workbookSheets[2], filter: dictionary, titleRows: "$1:$1"),
            WorkbookParts.SheetEntry(name: workbookSheets[3], filter: aboutSheet, titleRows: nil),
        ]
        let small: [(String, String)] = [
            ("[Content_Types].xml", WorkbookParts.contentTypes(sheets: entries.count)),
            ("_rels/.rels", WorkbookParts.packageRels),
            (
                "docProps/core.xml",
                WorkbookParts.core(title: "Microproject tracker", creator: about.exportedBy, at: about.exportedAt)
            ),
            ("docProps/app.xml", WorkbookParts.app),
            ("xl/workbook.xml", WorkbookParts.workbook(entries)),
            ("xl/_rels/workbook.xml.rels", WorkbookParts.workbookRels(sheets: entries.count)),
            ("xl/styles.xml", WorkbookParts.styles),
        ]
        let zipPath = scratch.file("workbook.xlsx")
        try zipParts(to: zipPath, small: small, sheets: (1...entries.count).map { scratch.file("sheet\($0).xml") })
        try copy(zipPath, to: sink)
    }

    // MARK: Sheets

    /// A tracker sheet with its two header rows written: codebook names, then labels.
    static func trackerSheet(_ path: String, _ columns: [ColumnInfo], selected: Bool) throws -> WorksheetWriter {
        let sheet = try WorksheetWriter(
            path: path,
            widths: columns.map(width),
            frozenRows: 2,
            selected: selected,
            landscape: true
        )
        try sheet.row(columns.map { .text($0.name) }, style: .codebookName, height: 12)
        try sheet.row(columns.map { .text($0.label) }, style: .header, height: 32)
        return sheet
    }

    /// A column's width in characters: wide enough for its label on at most two lines and for its kind of
    /// value (free text wider than a date).
    static func width(_ column: ColumnInfo) -> Double {
        let forValues: Double =
            switch column.cell {
            case .date: 11
            case .number: 8
            case .text where column.allowed.hasPrefix("free text"): 28
            case .text: 13
            }
        // Bold labels wrap onto two lines at most; the names row is in a small font.
        let forLabel = min(Double(column.label.count) * 1.1 + 2, Double(column.label.count) * 0.6 + 4)
        let forName = Double(column.name.count) * 0.8 + 2
        return min(40, max(forValues, forLabel, forName) + 1).rounded()  // + 1: a gap between columns
    }

    static let dictionaryHeader = [
        "Sheet", "Column", "Label", "Meaning", "Cell type", "Kind", "Allowed values", "Empty means", "Sensitive",
    ]

    /// The codebook of the columns in this workbook, one row each; returns its filter range.
    static func dictionarySheet(_ path: String, _ sheets: [(String, [ColumnInfo])]) throws -> String? {
        let sheet = try WorksheetWriter(
            path: path,
            widths: [14, 24, 22, 40, 9, 8, 30, 34, 9],
            frozenRows: 1,
            selected: false,
            landscape: true
        )
        try sheet.row(dictionaryHeader.map { .text($0) }, style: .header, height: 18)
        for (name, columns) in sheets {
            for c in columns {
                let values = [
                    name, c.name, c.label, c.meaning, c.cell.rawValue, c.kind, c.allowed, c.empty,
                    c.sensitive ? "yes" : "no",
                ]
                try sheet.row(values.map { .text($0) }, style: .wrapped)
            }
        }
        return try sheet.finish(filterRow: 1)
    }

    /// The About sheet's rows: what each fact is, and its value.
    static func aboutRows(
        _ about: WorkbookAbout,
        includeSensitive: Bool,
        microprojects: Int,
        sessionRows: Int,
        practitioners: [String]
    ) -> [(String, SheetCell)] {
        let sensitive = Tracker.columns.filter(\.sensitive)
        let sensitiveNote =
            includeSensitive
            ? "Included (--include-sensitive was given): the columns "
                + sensitive.map { "\($0.label) (\($0.name))" }.joined(separator: ", ")
                + " are in the Microprojects sheet. Keep this file as private as the records themselves."
            : "Left out: the columns " + sensitive.map { "\($0.label) (\($0.name))" }.joined(separator: ", ")
                + " are in their usual places, and each of their cells says \"\(Tracker.withheld)\"; a "
                + "sensitive answer in the Sessions sheet says the same. Export with --include-sensitive to "
                + "include them."
        let when = CivilTime.iso8601(about.exportedAt)
        return [
            ("Exported", .text(String(when.prefix(10)) + " " + String(when.dropFirst(11).prefix(8)) + " UTC")),
            ("Exported by", .text(about.exportedBy)),
            ("What was exported", .text(about.selection)),
            ("Microprojects", .number(String(microprojects))),
            ("Session and priority rows", .number(String(sessionRows))),
            ("Practitioners", .text(practitioners.isEmpty ? "none" : practitioners.joined(separator: ", "))),
            ("Sensitive fields", .text(sensitiveNote)),
            (
                "Sheets",
                .text(
                    "Microprojects: one row per microproject. Sessions: one row per session log and per learning "
                        + "priority (the Type 4 enhanced tracker). Dictionary: every column, its meaning, type, "
                        + "allowed values and what an empty cell means. About: this sheet."
                )
            ),
            (
                "Header rows",
                .text(
                    "Row 1 holds each column's codebook name, the same as the CSV header; row 2 its label, with "
                        + "the filters. Both stay in view when scrolling."
                )
            ),
            (
                "Cells",
                .text(
                    "Whole numbers are numbers and days are dates (shown as YYYY-MM-DD); a value that does not fit "
                        + "its column's type is kept as text. Text is stored as typed and is never a formula, even "
                        + "when it starts with = + - or @ (the CSV export adds a leading ' to such cells instead)."
                )
            ),
            ("Codebook", .text("docs/tracker-columns.md, the same columns as microprojects.csv and sessions.csv")),
            ("Made by", .text("microproject export --format xlsx")),
        ]
    }

    /// Returns its filter range: none, the About sheet is a list of facts.
    static func aboutSheet(_ path: String, _ facts: [(String, SheetCell)]) throws -> String? {
        let sheet = try WorksheetWriter(
            path: path,
            widths: [26, 100],
            frozenRows: 0,
            selected: false,
            landscape: false
        )
        try sheet.row([.text("About this export"), .empty], style: .header, height: 18)
        for (key, value) in facts { try sheet.row([.text(key), value], styles: [.key, .wrapped]) }
        return try sheet.finish(filterRow: nil)
    }

    // MARK: Package

    /// Zips the parts, deflated, into a new file at `path`.
    static func zipParts(to path: String, small: [(String, String)], sheets: [String]) throws {
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
            for (name, text) in small {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: name,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    compressionMethod: .deflate,
                    provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
                )
            }
            for (i, sheet) in sheets.enumerated() {
                try archive.addEntry(
                    with: "xl/worksheets/sheet\(i + 1).xml",
                    fileURL: URL(fileURLWithPath: sheet),
                    compressionMethod: .deflate
                )
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError(
                description: "Could not build the workbook in \((path as NSString).deletingLastPathComponent): "
                    + "\(error). Check the export folder has space, then export again."
            )
        }
    }

    /// Hands a file to `sink` 1 MiB at a time.
    static func copy(_ path: String, to sink: Sink) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WorkbookError(description: "Could not read back the workbook just built at \(path).")
        }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try sink(chunk) }
    }
}

/// A private (0700) folder for the workbook's working files, made inside the export folder so nothing
/// private lands in a shared temporary folder.
struct ScratchFolder {
    let path: String

    init(in parent: String) throws {
        var template = Array(((parent as NSString).appendingPathComponent(".microproject-xlsx-XXXXXX")).utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw WorkbookError(
                description: "Could not make a working folder for the workbook in \(parent): "
                    + "\(String(cString: strerror(errno))). Check the folder is writable, then export again."
            )
        }
        path = String(cString: made)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
