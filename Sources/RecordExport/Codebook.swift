/// `docs/tracker-columns.md`, generated from the column definitions so the codebook never drifts from the CSV.
public enum Codebook {
    public static var markdown: String {
        var out = """
            # Tracker codebook

            Generated from `Sources/RecordExport/TrackerColumns.swift` (a test checks this file matches it).
            `microproject export --format csv` writes two files, RFC 4180 (comma separated, CRLF line ends, UTF-8;
            `--bom` adds the byte order mark Excel needs). Columns are stable: new ones are added at the end and
            none is renamed or reordered. A cell that starts with `=`, `+`, `-`, `@`, a tab or a line break is
            written with a leading `'` so spreadsheets never run it as a formula; the JSON export keeps the raw
            values. Every export has every column below, in the same places, with or without
            `--include-sensitive`: without it, each cell of a column marked sensitive says `left out: sensitive`
            (and so does a sensitive answer in sessions.csv), so a template with fixed columns keeps working.
            A CSV export also writes `README.txt` beside the two files: how to open them, and this codebook;
            the CSV files themselves hold only the header and the rows, so every CSV reader parses them.

            Days are counted in whole calendar days: `planned_days` is `planned_end` minus `started_on`, and
            `actual_days` is `closed_on` minus `started_on` (a microproject that closed the day it started has
            0). `started_on` and `closed_on` are UTC days.

            `microproject export --format xlsx` writes the same columns and rows as one workbook,
            `microprojects.xlsx`: the sheet Microprojects is the first table below, Sessions the second, Dictionary
            is this codebook and About says what was exported, when, by whom and with or without sensitive fields.
            In the two tracker sheets row 1 holds the column names below and row 2 their labels, with the filters;
            both rows stay in view. Integer columns are number cells and date columns date cells (shown as
            YYYY-MM-DD); a value that does not fit its column's type is kept as text. Text is stored as typed, as
            text, never as a formula, with no `'` added; characters XML cannot carry are written with the
            workbook's own `_xHHHH_` escape, which spreadsheets read back as the character.

            ## microprojects.csv (sheet Microprojects): one row per microproject

            | Column | Label | Meaning | Kind | Allowed values | Empty means | Sensitive |
            |---|---|---|---|---|---|---|

            """
        for c in Tracker.columns { out += row(c.info) }
        out += """

            ## sessions.csv (sheet Sessions): one row per session log and per learning priority

            The long format; for Type 4 it is the enhanced tracker (session-by-session progress).

            | Column | Label | Meaning | Kind | Allowed values | Empty means | Sensitive |
            |---|---|---|---|---|---|---|

            """
        for c in Tracker.longColumns { out += row(c) }
        return out
    }

    /// `README.txt`, written beside the CSV files: what they are, how to open them, and the whole codebook,
    /// so a reader never has to guess what a column or an empty cell means.
    public static func csvReadme(includeSensitive: Bool) -> String {
        """
        Microproject Practice tracker export

        microprojects.csv: one row per microproject. sessions.csv: one row per session log and per learning
        priority (for Type 4, the enhanced tracker). Both are UTF-8: in LibreOffice choose "Unicode (UTF-8)"
        as the character set when it asks; in Excel use Data > From Text/CSV, or export with --bom.
        Sensitive fields: \(includeSensitive
            ? "included (--include-sensitive was given). Keep these files as private as the records."
            : "left out. Their columns are still there; each of their cells says \"\(Tracker.withheld)\".")
        `microproject export --format xlsx` writes the same columns as one workbook with a Dictionary sheet.

        The codebook follows: every column, what it means, its allowed values and what an empty cell means.


        """ + markdown
    }

    /// One column's row of a table.
    static func row(_ c: ColumnInfo) -> String {
        "| `\(c.name)` | \(cell(c.label)) | \(cell(c.meaning)) | \(c.kind) | \(cell(c.allowed)) | \(cell(c.empty)) | "
            + "\(c.sensitive ? "yes" : "no") |\n"
    }

    /// A table cell: a vertical bar would end the cell early.
    static func cell(_ s: String) -> String { s.replacingOccurrences("|", "\\|") }
}

extension String {
    fileprivate func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
