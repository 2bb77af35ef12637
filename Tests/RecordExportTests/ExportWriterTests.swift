import Foundation
import RecordExport
import Testing

/// The streaming export writer: both CSV files in one pass, JSON arrays record by record, sensitive fields
/// only when asked, formula cells neutralised in CSV and kept raw in JSON.
@Suite("Export writer")
struct ExportWriterTests {
    static let formula = "=HYPERLINK(\"http://x\",\"y\")"
    static let statusReason = "Concern raised: Leo said something at school"
    static let concern = "Leo said his uncle shouts at him"
    static let worry = "Money worries since the move"

    static func records() throws -> [MicroprojectRecord] {
        [
            try Fixture.record(id: "mp-wri001", participant: "BR-001", focusAreas: [formula, "Mornings, evenings"]),
            try Fixture.record(
                id: "mp-wri002",
                participant: "BR-002",
                status: "escalated",
                statusReason: statusReason,
                escalations: [
                    Fixture.escalation(reason: concern, procedure: "Told the DSL", consulted: nil, decision: nil)
                ],
                stages: [
                    Fixture.stage(
                        "session",
                        session: "s5",
                        answers: [
                            Fixture.answer("session-date", "2026-11-20", type: "date"),
                            Fixture.answer("kind", "core", type: "one-of"),
                            Fixture.answer("progress", 3, type: "scale"),
                            Fixture.answer("worked-on", "-Evening routine"),
                            Fixture.answer("worries", worry, sensitive: true),
                        ],
                        concerns: [concern]
                    )
                ],
                sensitiveFields: ["statusReason"]
            ),
        ]
    }

    static func csv(includeSensitive: Bool, bom: Bool = false) throws -> (wide: String, long: String) {
        var wide = Data()
        var long = Data()
        try ExportWriter.csv(
            try records(),
            includeSensitive: includeSensitive,
            bom: bom,
            wide: { wide.append($0) },
            long: { long.append($0) }
        )
        return (String(decoding: wide, as: UTF8.self), String(decoding: long, as: UTF8.self))
    }

    @Test(
        "CSV without sensitive fields: sensitive columns say they were left out, no sensitive words, formulas neutralised"
    )
    func csvRedacted() throws {
        let (wide, long) = try Self.csv(includeSensitive: false)
        let wideLines = wide.components(separatedBy: "\r\n")
        #expect(wideLines.first == Tracker.header.joined(separator: ","))
        #expect(wideLines.count == 4, "header, two rows, and the empty tail: \(wideLines)")
        #expect(wide.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"Mornings, evenings\","), "\(wide)")
        #expect(long.contains(",'-Evening routine,"), "\(long)")
        #expect(long.contains("mp-wri002,BR-002,1,session,1,2026-11-20,core,3,"), "\(long)")
        for secret in [Self.statusReason, Self.concern, Self.worry, "Told the DSL"] {
            #expect(!wide.contains(secret) && !long.contains(secret), "\(secret) leaked")
        }
        #expect(!wide.unicodeScalars.contains("\u{FEFF}") && !long.unicodeScalars.contains("\u{FEFF}"))
    }

    @Test("CSV with sensitive fields and a BOM: the sensitive columns are there, both files start with the BOM")
    func csvSensitive() throws {
        let (wide, long) = try Self.csv(includeSensitive: true, bom: true)
        #expect(wide.unicodeScalars.first == "\u{FEFF}" && long.unicodeScalars.first == "\u{FEFF}")
        #expect(
            String(wide.unicodeScalars.dropFirst()).hasPrefix(
                Tracker.header.joined(separator: ",") + "\r\n"
            )
        )
        #expect(wide.contains(Self.statusReason))
        #expect(wide.contains(Self.concern))
    }

    static func json(
        _ records: [MicroprojectRecord],
        includeSensitive: Bool,
        detail: ExportWriter.Detail
    ) throws
        -> (text: String, array: [[String: Any]])
    {
        var data = Data()
        try ExportWriter.json(records, includeSensitive: includeSensitive, detail: detail, to: { data.append($0) })
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]], "not an array")
        return (String(decoding: data, as: UTF8.self), array)
    }

    @Test("JSON is an array even when empty; tracker detail has no stages; formulas are kept raw")
    func json() throws {
        #expect(try Self.json([], includeSensitive: false, detail: .tracker).array.isEmpty)

        let tracker = try Self.json(try Self.records(), includeSensitive: false, detail: .tracker)
        #expect(tracker.array.map { $0["microprojectID"] as? String } == ["mp-wri001", "mp-wri002"])
        #expect(tracker.array.allSatisfy { ($0["stages"] as? [Any])?.isEmpty == true })
        #expect((tracker.array.first?["focusAreas"] as? [String])?.first == Self.formula)

        let full = try Self.json(try Self.records(), includeSensitive: false, detail: .full)
        #expect((full.array.last?["stages"] as? [Any])?.count == 1)
        for secret in [Self.statusReason, Self.concern, Self.worry, "Told the DSL"] {
            #expect(!tracker.text.contains(secret) && !full.text.contains(secret), "\(secret) leaked")
        }

        let sensitive = try Self.json(try Self.records(), includeSensitive: true, detail: .full)
        #expect(sensitive.text.contains(Self.worry) && sensitive.text.contains(Self.concern))
    }
}
