/// `docs/tracker-columns.md`, generated from the column definitions so the codebook never drifts from the CSV.
public enum Codebook {
    public static var markdown: String {
        var out = """
            # Tracker CSV codebook

            Generated from `Sources/RecordExport/TrackerColumns.swift` (a test checks this file matches it).
            `microproject export --format csv` writes two files, RFC 4180 (comma separated, CRLF line ends, UTF-8;
            `--bom` adds the byte order mark Excel needs). Columns are stable: new ones are added at the end and
            none is renamed or reordered. A cell that starts with `=`, `+`, `-`, `@`, a tab or a line break is
            written with a leading `'` so spreadsheets never run it as a formula; the JSON export keeps the raw
            values. Columns marked sensitive are left out unless `--include-sensitive` is given.

            ## microprojects.csv: one row per microproject

            | Column | Meaning | Kind | Allowed values | Sensitive |
            |---|---|---|---|---|

            """
        for c in Tracker.columns {
            out +=
                "| `\(c.name)` | \(cell(c.meaning)) | \(c.kind) | \(cell(c.allowed)) | \(c.sensitive ? "yes" : "no") |\n"
        }
        out += """

            ## sessions.csv: one row per session log and per learning priority

            The long format; for Type 4 it is the enhanced tracker (session-by-session progress).

            | Column | Meaning | Kind | Allowed values | Sensitive |
            |---|---|---|---|---|

            """
        for c in Tracker.longColumns {
            out +=
                "| `\(c.name)` | \(cell(c.meaning)) | \(c.kind) | \(cell(c.allowed)) | \(c.sensitive ? "yes" : "no") |\n"
        }
        return out
    }

    /// A table cell: a vertical bar would end the cell early.
    static func cell(_ s: String) -> String { s.replacingOccurrences("|", "\\|") }
}

extension String {
    fileprivate func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
