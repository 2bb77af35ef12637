import Foundation
import Testing

/// Guide section 2: the five situations where a microproject is not appropriate. Each "yes" at the safety
/// check ends it at once with a signpost (outcome not-suitable, never a microproject), through the built binary.
@Suite("End to end: the situations a microproject is not for")
struct EndToEndScopeStopTests {
    struct Stop: CustomTestStringConvertible, Sendable {
        /// The question answered yes, and where it stands among the answers of the suitable route.
        let node: String
        let index: Int
        /// Words of the signpost that must be shown.
        let signpost: String
        var testDescription: String { node }
    }

    // E2E.suitableRoute: focus-summary, safety-worry, crisis, safeguarding-process, clinical, mental-health,
    // investigation, ...
    static let stops: [Stop] = [
        Stop(node: "crisis", index: 2, signpost: "they need urgent help rather than a learning project"),
        Stop(node: "safeguarding-process", index: 3, signpost: "A microproject is not a"),
        Stop(node: "clinical", index: 4, signpost: "Diagnosis and treatment belong with clinical services"),
        Stop(node: "mental-health", index: 5, signpost: "call for specialist help first"),
        Stop(node: "investigation", index: 6, signpost: "let the investigation run its course"),
    ]

    @Test("a yes to each not-appropriate situation stops the check with its signpost: not suitable", arguments: stops)
    func notAppropriateStops(stop: Stop) async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        let lines = Array(E2E.suitableRoute.prefix(stop.index)) + ["yes"]
        let result = try await sandbox.run(["run", "safety-check", "--record", record], lines: lines)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(MP.unwrapped(result.stdout).contains(stop.signpost), "\(result.stdout)")
        let rec = try E2ERecord(path: record)
        #expect(rec.outcomeID == "not-suitable", "\(result.transcript)")
        #expect(rec.json["answers"].map { ($0 as? [[String: Any]])?.last?["key"] as? String } == stop.node)
        #expect(!result.output.contains("microproject continue"), "a stop must not ask to continue")
    }

    @Test("in a microproject, a not-appropriate situation closes it with the signpost before any plan")
    func notAppropriateClosesTheMicroproject() async throws {
        let sandbox = try E2ESandbox()
        try await ExportE2E.addSam(sandbox)
        let safety = Array(E2E.suitableRoute.prefix(4)) + ["yes"]  // clinical
        let lines = MP.stages(
            MP.focus(code: "BR-090", area: "How mornings go", exploring: "What helps"),
            Array(safety.dropFirst())
        )
        let result = try await sandbox.run(["start"], lines: lines)
        #expect(result.exitCode == 0, "\(result.transcript)")
        let id = try #require(MP.id(in: result.stdout), "\(result.transcript)")
        let record = try MP.record(sandbox, id: id)
        #expect(record["status"] as? String == "closed", "\(record)")
        #expect(record["safetyOutcome"] as? String == "not-suitable", "\(record)")
        #expect(record["type"] == nil, "a type was chosen after a stop: \(record)")
        #expect(MP.unwrapped(result.stdout).contains("Diagnosis and treatment belong with clinical services"))
    }
}
