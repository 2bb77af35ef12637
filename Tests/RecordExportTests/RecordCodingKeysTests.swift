import Foundation
import Testing

@testable import InterviewEngine
@testable import RecordExport

/// Both record types write their JSON by hand (so a record not disclosed in full can never encode a sensitive
/// value). A stored property without a coding key, or one the encoder forgets, would be silently missing from
/// every record: each property must have its key and be written whenever it holds a value.
@Suite("Records encode every field")
struct RecordCodingKeysTests {
    /// Stored properties, but for the disclosure mark (never encoded), and those holding nothing.
    static func setLabels(_ value: Any) -> Set<String> {
        Set(
            Mirror(reflecting: value).children.compactMap { child in
                let m = Mirror(reflecting: child.value)
                let unset = m.displayStyle == .optional && m.children.isEmpty
                return unset || child.label == "disclosure" ? nil : child.label
            }
        )
    }

    static func allLabels(_ value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.compactMap(\.label)).subtracting(["disclosure"])
    }

    static func encodedKeys(_ value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
        return Set((object as? [String: Any] ?? [:]).keys)
    }

    @Test("every stored property of the complete record has a coding key and is written when set")
    func microprojectRecord() throws {
        let record = try Fixture.record(
            id: "mp-abc234",
            participant: "BR-1",
            statusReason: "Paused for the holidays.",
            escalations: [Fixture.escalation(reason: "r", procedure: "p", consulted: "c", decision: "carry-on")],
            sensitiveFields: ["statusReason"]
        )
        let labels = Self.setLabels(record)
        #expect(Self.allLabels(record).filter { MicroprojectRecord.CodingKeys(stringValue: $0) == nil }.isEmpty)
        #expect(labels.subtracting(try Self.encodedKeys(Disclosed(record, .everything))).isEmpty)
    }

    @Test("every stored property of a session's capture record has a coding key and is written when set")
    func captureRecord() throws {
        let record = try Fixture.record(id: "mp-abc234", participant: "BR-1")
        for stage in record.stages {
            let labels = Self.setLabels(stage.record)
            #expect(Self.allLabels(stage.record).filter { CaptureRecord.CodingKeys(stringValue: $0) == nil }.isEmpty)
            #expect(labels.subtracting(try Self.encodedKeys(Disclosed(stage.record, .everything))).isEmpty)
        }
    }
}
