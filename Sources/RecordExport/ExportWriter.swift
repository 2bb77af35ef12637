import Foundation
import InterviewEngine

/// Writes exports record by record, so 10,000 records never sit in memory at once: callers pass a lazy
/// sequence that builds each record when it is needed.
public enum ExportWriter {
    public typealias Sink = (Data) throws -> Void

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// How much of each record the JSON export carries.
    public enum Detail: String, Sendable, CaseIterable {
        /// The microproject's own fields: what a tracking system needs. `stages` is empty.
        case tracker
        /// Also every stage's session record with all its answers.
        case full
    }

    /// A JSON array of records, one per line.
    public static func json(
        _ records: some Sequence<MicroprojectRecord>,
        includeSensitive: Bool,
        detail: Detail = .tracker,
        to sink: Sink
    ) throws {
        try sink(Data("[".utf8))
        var first = true
        for record in records {
            var trimmed = record
            if detail == .tracker { trimmed.stages = [] }
            var data = Data((first ? "\n" : ",\n").utf8)
            data.append(try encoder.encode(Disclosed(trimmed, .from(flag: includeSensitive))))
            try sink(data)
            first = false
        }
        try sink(Data("\n]\n".utf8))
    }

    /// microprojects.csv (one row per microproject) and sessions.csv (one row per session log and priority),
    /// written side by side in one pass over the records.
    public static func csv(
        _ records: some Sequence<MicroprojectRecord>,
        includeSensitive: Bool,
        bom: Bool,
        wide: Sink,
        long: Sink
    ) throws {
        let prefix = bom ? "\u{FEFF}" : ""
        try wide(Data((prefix + CSV.line(Tracker.header)).utf8))
        try long(Data((prefix + CSV.line(Tracker.longColumns.map(\.name))).utf8))
        var wideBuffer = ""
        var longBuffer = ""
        for record in records {
            let rows = Tracker.rows(of: record, includeSensitive: includeSensitive)
            wideBuffer += CSV.line(rows.wide)
            for row in rows.long { longBuffer += CSV.line(row) }
            if wideBuffer.utf8.count > 256 * 1024 {
                try wide(Data(wideBuffer.utf8))
                wideBuffer = ""
            }
            if longBuffer.utf8.count > 256 * 1024 {
                try long(Data(longBuffer.utf8))
                longBuffer = ""
            }
        }
        if !wideBuffer.isEmpty { try wide(Data(wideBuffer.utf8)) }
        if !longBuffer.isEmpty { try long(Data(longBuffer.utf8)) }
    }

    /// People's summaries, one after another.
    public static func markdown(
        _ records: some Sequence<MicroprojectRecord>,
        includeSensitive: Bool,
        to sink: Sink
    ) throws {
        var first = true
        for record in records {
            let text = (first ? "" : "\n---\n\n") + Disclosed(record, .from(flag: includeSensitive)).markdown
            try sink(Data(text.utf8))
            first = false
        }
    }
}
