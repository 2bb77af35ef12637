import Foundation
import InterviewEngine
import PracticeRules
import RecordExport
import Testing

/// The repository root: Tests/RecordExportTests/<this file> is three levels below it.
enum Repo {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A scratch folder removed when the value goes away.
final class ScratchFolder: @unchecked Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "mp-export-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// Runs python3, the independent checker the issue asks for (csv, json, jsonschema, xml.etree).
enum Python {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ script: String, _ arguments: [String]) throws -> Result {
        let scratch = try ScratchFolder()
        let outPath = scratch.file("stdout")
        let errPath = scratch.file("stderr")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }
}

/// Records built the way the program stores them: as JSON in the published schema's shape, decoded with the
/// record's own Codable conformance (several nested types have no public initialiser, on purpose).
enum Fixture {
    static let at = "2026-11-29T09:00:00.000Z"

    static func answer(
        _ key: String,
        _ value: Any,
        sensitive: Bool = false,
        type: String = "long-text"
    ) -> [String: Any] {
        [
            "key": key, "questionID": key, "question": "Question \(key)?", "type": type, "status": "answered",
            "value": value, "display": "\(value)", "answeredBy": "sam", "answeredAt": at, "sensitive": sensitive,
            "askedOf": "practitioner",
        ]
    }

    static func remark(_ text: String) -> [String: Any] {
        ["text": text, "by": "sam", "at": at, "duringQuestion": "noticed"]
    }

    /// One stage of a microproject, with its own learning capture record.
    static func stage(
        _ stage: String,
        session: String,
        outcome: String = "done",
        answers: [[String: Any]] = [],
        notes: [String] = [],
        concerns: [String] = []
    ) -> [String: Any] {
        let record: [String: Any] = [
            "schemaVersion": 1, "recordType": "learning-capture-record", "sessionID": session,
            "script": [
                "id": stage, "version": "1", "title": "Stage \(stage)",
                "contentHash": String(repeating: "0", count: 64),
            ],
            "context": [String: String](),
            "outcome": ["id": outcome, "title": "Outcome \(outcome)", "raisedByConcern": !concerns.isEmpty],
            "startedAt": at, "endedAt": at, "answers": answers, "notes": notes.map(remark),
            "concerns": concerns.map(remark), "practitioners": [[String: Any]](),
        ]
        return ["stage": stage, "title": "Stage \(stage)", "sessionID": session, "outcome": outcome, "record": record]
    }

    static let fullReflection = [
        "noticed": "Calmer mornings", "changed": "More pauses", "helpful": "The module", "learning": "Start early",
        "escalation": "none",
    ]

    /// A microproject record; `closed` adds a closure stage and the five reflection items.
    static func record(
        id: String,
        participant: String?,
        status: String = "closed",
        type: Int? = 1,
        focusAreas: [String] = ["Mornings at home"],
        statusReason: String? = nil,
        reflection: [String: String]? = nil,
        escalations: [[String: Any]] = [],
        stages: [[String: Any]]? = nil,
        safetyOutcome: String? = "suitable",
        plannedEnd: String? = "2026-12-31",
        offered: String? = "monthly-session",
        takenUp: String? = "yes",
        updatedAt: String = at,
        sensitiveFields: [String]? = nil
    ) throws -> MicroprojectRecord {
        var json: [String: Any] = [
            "schemaVersion": 2, "recordType": "microproject-record", "microprojectID": id,
            "practitioner": ["id": "sam", "name": "Sam Khan", "licenceLevel": "link"],
            "typeChangedFromSuggestion": false, "focusAreas": focusAreas, "priorities": [String](),
            "status": status, "sessionsLogged": 1, "escalations": escalations, "startedAt": at, "updatedAt": updatedAt,
        ]
        var offeredWheel: [String: String] = [:]
        offeredWheel["offered"] = offered
        offeredWheel["takenUp"] = takenUp
        json["communityWheel"] = offeredWheel
        json["participant"] = participant
        json["statusReason"] = statusReason
        json["safetyOutcome"] = safetyOutcome
        json["plannedEnd"] = plannedEnd
        json["sensitiveFields"] = sensitiveFields
        if let type {
            let level = type <= 2 ? "link" : "lead"
            json["type"] = ["number": type, "title": "Type \(type)", "level": level]
            json["suggestedType"] = ["number": type, "title": "Type \(type)", "level": level]
            json["trackerLevel"] = "optional"
        }
        json["reflection"] = reflection ?? (status == "closed" ? fullReflection : nil)
        json["stages"] =
            stages ?? [
                stage("focus", session: "s1-\(id)"), stage("safety", session: "s2-\(id)", outcome: "suitable"),
            ] + (status == "closed" ? [stage("closure", session: "s9-\(id)", outcome: "closed")] : [])
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return try JSONDecoder().decode(MicroprojectRecord.self, from: data)
    }

    static func escalation(reason: String, procedure: String?, consulted: String?, decision: String?) -> [String: Any] {
        var e: [String: Any] = ["stage": "session", "sessionID": "s5", "reason": reason, "at": at]
        e["procedure"] = procedure
        e["consulted"] = consulted
        e["decision"] = decision
        return e
    }

    /// The JSON text a record encodes to, for "this never appears anywhere" checks.
    static func encoded(_ record: MicroprojectRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    static func linkProfile(
        completed: Set<Pathway> = [.introduction, .foundations, .informedPractitioner, .linkTraining],
        peerLearning: [String] = []
    ) -> PractitionerProfile {
        PractitionerProfile(
            id: "sam",
            name: "Sam Khan",
            licence: Licence(level: .link, expires: "2030-08-31"),
            completed: completed,
            organisationalApproval: true,
            peerLearning: peerLearning,
            practiceReadiness: ["principles": "2026-01-05", "boundaries": "2026-01-05", "reflection": "2026-01-05"]
        )
    }
}

/// Records as every output takes them: through the redactor, sensitive values left out.
func withheld(_ records: [MicroprojectRecord]) -> [Disclosed<MicroprojectRecord>] {
    records.map { Disclosed($0, .withholding()) }
}
