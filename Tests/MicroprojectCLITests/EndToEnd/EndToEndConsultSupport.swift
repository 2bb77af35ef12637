import Foundation
import Testing

/// Helpers for the co-run consult end-to-end tests: the practitioners, a microproject brought up to its
/// priorities consult (paused at "Carry on now?"), and reading the audit trail.
enum CoRunE2E {
    static let linkTraining = [
        "--completed", "introduction", "--completed", "foundations", "--completed", "informed-practitioner",
        "--completed", "link-training",
    ]
    static let leadTraining = linkTraining + ["--completed", "deep-dive", "--completed", "lead-training"]

    /// sam (Link, owner of Type 2), ann (Lead Plus), kit (Link), lee (Lead, owner of Types 3-4), cal (Lead, the
    /// senior consultant).
    static func addPractitioners(
        _ sandbox: E2ESandbox,
        sourceLocation: SourceLocation = #_sourceLocation
    )
        async throws
    {
        let people: [(String, String, String)] = [
            ("sam", "Sam Khan", "link"), ("ann", "Ann Lee", "lead-plus"), ("kit", "Kit Moss", "link"),
            ("lee", "Lee Ward", "lead"), ("cal", "Cal Reed", "lead"),
        ]
        for (id, name, licence) in people {
            let r = try await sandbox.run(
                [
                    "practitioner", "add", "--id", id, "--name", name, "--licence", licence, "--licence-expires",
                    "2030-01-01",
                ]
                    + (licence == "link" ? linkTraining : leadTraining) + [
                        "--approved", "--readiness", "principles", "--readiness", "boundaries", "--readiness",
                        "reflection",
                    ]
            )
            try #require(r.exitCode == 0, "practitioner add \(id): \(r.transcript)", sourceLocation: sourceLocation)
        }
        let u = try await sandbox.run(["practitioner", "update", "cal", "--senior-consultant"])
        try #require(u.exitCode == 0, "practitioner update cal: \(u.transcript)", sourceLocation: sourceLocation)
    }

    /// Starts a microproject of `type` (2, 3 or 4) for its owner (sam for Type 2, lee otherwise), through focus,
    /// safety and the type decision, and pauses at "Carry on now?" before the consult. Returns its id.
    static func microproject(
        _ sandbox: E2ESandbox,
        type: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let owner = type == 2 ? "sam" : "lee"
        let safety: [String] =
            switch type {
            case 2: MP.safety()
            case 3: MP.safety(need: "moderate", structured: true)
            default: MP.safety(need: "complex", structured: true)
            }
        let decision = ["", "", "early", "supported", "complex"][type]
        let lines =
            MP.stages(
                MP.focus(code: "BR-7", area: "Evenings at home", exploring: "How the evenings go"),
                safety,
                MP.typeDecision(decision, suggested: ["", "", "universal", "supported", "complex"][type])
            ) + [MP.pauseHere]
        let r = try await sandbox.run(["start", "--practitioner", owner], lines: lines)
        try #require(r.exitCode == 75, "start (type \(type)): \(r.transcript)", sourceLocation: sourceLocation)
        try #require(
            r.stdout.contains("Next: The priorities consult. Carry on now?"),
            "the consult is not next: \(r.transcript)",
            sourceLocation: sourceLocation
        )
        return try #require(MP.id(in: r.stdout), "no microproject id: \(r.transcript)", sourceLocation: sourceLocation)
    }

    /// `audit ID` as lines.
    static func audit(
        _ sandbox: E2ESandbox,
        _ id: String,
        showSensitive: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        let r = try await sandbox.run(["audit", id] + (showSensitive ? ["--show-sensitive"] : []))
        try #require(r.exitCode == 0, "audit \(id): \(r.transcript)", sourceLocation: sourceLocation)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    /// The audit lines of the priorities consult session(s).
    static func consultLines(_ audit: [String]) -> [String] { audit.filter { $0.contains(" consult] ") } }

    /// The consult session's id, from the "[abc123 consult]" label of the audit.
    static func consultSession(_ audit: [String]) -> String? {
        for line in audit {
            guard let range = line.range(of: #"\[[a-z0-9]{6} consult\]"#, options: .regularExpression) else {
                continue
            }
            return String(line[range].dropFirst().prefix(6))
        }
        return nil
    }

    /// The consult's stage record in `show mp-ID --json`, rebuilt.
    static func consultRecord(
        _ sandbox: E2ESandbox,
        _ id: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (project: [String: Any], answers: [[String: Any]]) {
        // Who answered what, sensitive answers included: the practitioner asks for them.
        let r = try await sandbox.run(["show", id, "--json", "--include-sensitive"])
        try #require(r.exitCode == 0, "show --json: \(r.transcript)", sourceLocation: sourceLocation)
        let project = try #require(
            try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
            "show --json is not an object: \(r.stdout)",
            sourceLocation: sourceLocation
        )
        let stage = MP.stageRecords(project, stage: "consult").last ?? [:]
        return (project, (stage["record"] as? [String: Any])?["answers"] as? [[String: Any]] ?? [])
    }

    /// How many lines of `output` contain `text`.
    static func count(_ text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    /// The line after the first line that contains `text`.
    static func line(after text: String, in output: String) -> String? {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { $0.contains(text) }), i + 1 < lines.count else { return nil }
        return lines[i + 1]
    }

    /// The text between the first `start` and the next `end` after it, or nil when either is missing.
    static func text(between start: String, and end: String, in output: String) -> String? {
        guard let a = output.range(of: start), let b = output.range(of: end, range: a.upperBound..<output.endIndex)
        else { return nil }
        return String(output[a.upperBound..<b.lowerBound])
    }
}
