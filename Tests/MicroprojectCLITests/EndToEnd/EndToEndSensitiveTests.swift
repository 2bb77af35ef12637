import Foundation
import PromptScripts
import Testing

/// Sensitive answers never leave without the flag: a whole Type 4 microproject run through the real binary,
/// every node tagged sensitive in every shipped script answered (text answers with a unique marker), plus a
/// concern, a pause reason and an escalation review; then every output, without and with the flag.
@Suite("End to end: sensitive answers", .serialized)
struct EndToEndSensitiveTests {
    /// The unique marker a sensitive text node is answered with.
    static func marker(_ script: String, _ node: String) -> String { "MARKER-\(script)-\(node)" }
    static let concern = "MARKER-concern-words"
    static let pauseReason = "MARKER-pause-reason"
    /// The suggested type's reason restates the sensitive prior-support answer.
    static let derived = "earlier support made little difference"
    static let leftOut = "left out: sensitive; export with --include-sensitive to see it"

    /// Every node tagged sensitive in every shipped script, walked from the loaded scripts (never a list).
    static func sensitiveNodes() throws -> [(script: String, node: String, type: String)] {
        var out: [(String, String, String)] = []
        for path in ScriptCatalog.scripts(in: E2E.promptsPath) {
            let script = try ScriptLoader.load(path: path).script
            for node in script.nodes {
                var nodes = [node]
                if case .group(let g) = node.kind { nodes = g.nodes }
                for n in nodes where n.sensitive {
                    out.append((script.id, n.id, n.question?.type.name ?? "message"))
                }
            }
        }
        return out
    }

    /// The answer lines of the whole microproject: text nodes tagged sensitive get their marker.
    struct Run {
        var markers: [String: String] = [:]  // "script-node" -> marker

        mutating func text(_ script: String, _ node: String) -> String {
            let m = EndToEndSensitiveTests.marker(script, node)
            markers["\(script)-\(node)"] = m
            return m
        }
    }

    struct Output {
        let name: String
        let text: String
    }

    @Test("a whole Type 4 microproject: no sensitive answer, concern, pause reason or review leaves without the flag")
    func everySensitiveNodeInEveryOutput() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLead(sandbox)
        try await MP.addConsultant(sandbox)
        var run = Run()

        // 1. Focus to plan; safety with need complex and prior support "yes" (the reason then restates it).
        let safety = [
            "no", "no", "no", "no", "no", "no",  // safety-worry ... investigation
            "complex", "yes",  // need-level, prior-support
            "yes", "yes",  // motivation, structured-support
            "1, 2", "yes", "no", "/skip",  // circumstances, voluntary, unsure, anything-else
        ]
        let consult = [
            "cat", "Fewer arguments at home", run.text("priorities-consult", "worries"), "Walks at the weekend",
            "/handover", run.text("priorities-consult", "prior-support"), "Everyone wants it to change",
            "Calmer evenings together", "", "no", "4", "2, 3", "",
        ]
        let first = MP.stages(
            MP.focus(code: "BR-071", area: "Evening arguments", exploring: "What keeps the cycle going"),
            safety,
            MP.typeDecision("complex"),
            consult,
            MP.plan(type: 4, sessions: 1, backup: 0)
        )
        let run1 = try await sandbox.run(["start", "--practitioner", "lee"], lines: first + [MP.pauseHere])
        try #require(run1.exitCode == 75, "\(run1.transcript)")
        let id = try #require(MP.id(in: run1.stdout), "no microproject id: \(run1.transcript)")

        // 2. Paused with a reason in the practitioner's words.
        let paused = try await sandbox.run(["pause", id, "--reason", Self.pauseReason])
        try #require(paused.exitCode == 0, "\(paused.transcript)")
        var whilePaused = try await outputs(sandbox, id: id, sensitive: false, tag: "paused")
        for o in whilePaused { #expect(!o.text.contains(Self.pauseReason), "\(o.name) shows the pause reason") }
        whilePaused = try await outputs(sandbox, id: id, sensitive: true, tag: "paused-all")
        for name in ["show", "show --json", "audit", "export json", "export md", "export csv"] {
            let o = try #require(whilePaused.first { $0.name == name })
            #expect(o.text.contains(Self.pauseReason), "\(name) with the flag lacks the pause reason:\n\(o.text)")
        }

        // 3. A concern during the session log: escalated, the status reason restates it.
        let run2 = try await sandbox.run(
            ["continue", id],
            lines: MP.agreement + [MP.carryOn, "/concern \(Self.concern)"]
        )
        try #require(run2.exitCode == 0, "\(run2.transcript)")
        let shownEscalated = try await sandbox.run(["show", id])
        #expect(MP.statusLine(shownEscalated.stdout)?.contains("escalated") == true, "\(shownEscalated.stdout)")
        #expect(!shownEscalated.stdout.contains(Self.concern), "\(shownEscalated.stdout)")
        let shownAll = try await sandbox.run(["show", id, "--include-sensitive"])
        #expect(MP.statusLine(shownAll.stdout)?.contains(Self.concern) == true, "\(shownAll.stdout)")

        // 4. The escalation review, the session again, a reflection naming a referral, closure.
        let review = [
            run.text("escalation-review", "consulted"), run.text("escalation-review", "procedure"), "resume",
            run.text("escalation-review", "review-note"), "none",
        ]
        let reflection = MP.reflectionAnswers + ["referral", run.text("reflection", "referral-detail"), "none"]
        let run3 = try await sandbox.run(
            ["continue", id],
            lines: MP.stages(review, MP.session(1, last: true, type: 4), reflection, MP.closure())
        )
        try #require(run3.exitCode == 0, "\(run3.transcript)")
        let record = try MP.record(sandbox, id: id)
        try #require(record["status"] as? String == "closed", "\(record["status"] ?? "-")")

        // Every sensitive text node of every shipped script has its marker in this run.
        let nodes = try Self.sensitiveNodes()
        #expect(!nodes.isEmpty)
        for n in nodes where n.type == "text" || n.type == "long-text" {
            #expect(run.markers["\(n.script)-\(n.node)"] != nil, "\(n.script)#\(n.node) is not answered in this run")
        }
        let markers = Array(run.markers.values) + [Self.concern]
        let secrets = markers + [Self.pauseReason, Self.derived]

        // Without the flag: nothing sensitive anywhere, and what is left out says so without alarm.
        let withheld = try await outputs(sandbox, id: id, sensitive: false, tag: "closed")
        for o in withheld {
            for secret in secrets { #expect(!o.text.contains(secret), "\(o.name) holds '\(secret)':\n\(o.text)") }
            #expect(!o.text.contains("withheld"), "\(o.name) says withheld:\n\(o.text)")
        }
        let md = try #require(withheld.first { $0.name == "export md" })
        #expect(md.text.contains(Self.leftOut), "\(md.text)")
        #expect(md.text.contains("closed: Every closure criterion holds."), "a harmless status is kept: \(md.text)")

        // Every sensitive node's answer is in the stage records with the flag, and gone without it.
        let full = try #require(withheld.first { $0.name == "export json full" })
        let fullAll = try await outputs(sandbox, id: id, sensitive: true, tag: "closed-all")
        let fullSensitive = try #require(fullAll.first { $0.name == "export json full" })
        let redactedStages = try Self.stageAnswers(full.text)
        let includedStages = try Self.stageAnswers(fullSensitive.text)
        for n in nodes where !Self.onOtherRoutes.contains("\(n.script)#\(n.node)") {
            let included = includedStages.filter { $0.script == n.script && Self.key($0.key, is: n.node) }
            #expect(!included.isEmpty, "\(n.script)#\(n.node) was not answered in this run")
            #expect(included.allSatisfy { $0.sensitive }, "\(n.script)#\(n.node) is not marked sensitive")
            let left = redactedStages.filter { $0.script == n.script && Self.key($0.key, is: n.node) }
            #expect(left.isEmpty, "\(n.script)#\(n.node) is in the export without --include-sensitive")
        }

        // With the flag: each output shows what it carries.
        let consulted = run.markers["escalation-review-consulted"]!
        let referral = run.markers["reflection-referral-detail"]!
        let expected: [String: [String]] = [
            "show": [Self.concern, consulted],
            "show --json": markers + [Self.derived],
            "audit": markers + [Self.pauseReason],
            "export json": [Self.concern, consulted, referral, Self.derived],
            "export json full": markers + [Self.derived],
            "export md": [Self.concern, consulted, referral],
            "export csv": [Self.concern],
            "sessions": markers,
        ]
        for (name, wanted) in expected {
            let o = try #require(fullAll.first { $0.name == name }, "no output \(name)")
            for w in wanted { #expect(o.text.contains(w), "\(name) with the flag lacks '\(w)':\n\(o.text)") }
        }
    }

    /// Checks a JSON document against docs/record.schema.json with python3's jsonschema.
    static func validates(_ json: String, in sandbox: E2ESandbox) throws -> String? {
        let path = sandbox.path("validate-\(UUID().uuidString.prefix(8)).json")
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(list(e.absolute_path), e.message[:300])
            sys.exit(1 if errors else 0)
            """
        let r = try ExportE2E.python(
            script,
            [E2E.repoRoot.appendingPathComponent("docs/record.schema.json").path, path]
        )
        return r.status == 0 ? nil : r.out + r.err
    }

    /// Sensitive nodes on a route the whole microproject above does not take (one run cannot take every
    /// branch); each is checked on its own route below. A new sensitive node must be answered above or listed
    /// here with its route, or the test above fails.
    static let onOtherRoutes: Set<String> = ["safety-check#worry-advice"]

    @Test(
        "a sensitive answer on another route (unsure about a worry: the advice given) is left out of show without the flag"
    )
    func sensitiveOnOtherRoutes() async throws {
        let sandbox = try E2ESandbox()
        var lines = E2E.suitableRoute
        lines[1] = "not sure"
        lines.insert("no-worry", at: 2)  // worry-advice
        lines.insert("none", at: lines.count - 1)  // support drawn on
        let run = try await sandbox.run(["run", "safety-check"], lines: lines)
        try #require(run.exitCode == 0, "\(run.transcript)")
        let id = try #require(E2E.sessionID(in: run.stdout), "\(run.transcript)")
        let label = "We talked it through and there is no safeguarding worry"
        for (args, shown) in [
            (["show", id], false), (["show", id, "--json"], false), (["audit", id], false),
            (["show", id, "--include-sensitive"], true), (["show", id, "--json", "--include-sensitive"], true),
            (["audit", id, "--show-sensitive"], true),
        ] {
            let r = try await sandbox.run(args)
            #expect(r.exitCode == 0, "\(r.transcript)")
            let holds = r.stdout.contains(label) || r.stdout.contains("no-worry")
            #expect(holds == shown, "\(args.joined(separator: " ")): \(r.stdout)")
        }
        for key in Self.onOtherRoutes where key.hasPrefix("safety-check#") {
            let node = String(key.dropFirst("safety-check#".count))
            let json = try await sandbox.run(["show", id, "--json", "--include-sensitive"])
            let record = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let answers = record["answers"] as? [[String: Any]] ?? []
            let answer = try #require(answers.first { Self.key($0["key"] as? String ?? "", is: node) }, "\(key)")
            #expect(answer["sensitive"] as? Bool == true, "\(key) is not marked sensitive")
        }
    }

    @Test("show SESSION --json prints the session's record as JSON, finished or still open, sensitive answers left out")
    func showSessionJSON() async throws {
        let sandbox = try E2ESandbox()
        let finished = try await sandbox.run(["run", "safety-check"], lines: E2E.suitableRoute)
        try #require(finished.exitCode == 0, "\(finished.transcript)")
        let id = try #require(E2E.sessionID(in: finished.stdout))
        for flag in [false, true] {
            let shown = try await sandbox.run(["show", id, "--json"] + (flag ? ["--include-sensitive"] : []))
            #expect(shown.exitCode == 0, "\(shown.transcript)")
            let json = try #require(
                try? JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
                "show --json did not print JSON: \(shown.stdout)"
            )
            #expect(json["recordType"] as? String == "learning-capture-record")
            #expect(json["sessionID"] as? String == id)
            #expect((json["outcome"] as? [String: Any])?["id"] as? String == "suitable")
            let keys = (json["answers"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(keys.contains("crisis"), "\(keys)")
            #expect(keys.contains("safety-worry") == flag, "safety-worry is tagged sensitive: \(keys)")
            if let problem = try Self.validates(shown.stdout, in: sandbox) { Issue.record("schema: \(problem)") }
        }

        let open = try await sandbox.run(["run", "safety-check"], lines: Array(E2E.suitableRoute.prefix(3)))
        try #require(open.exitCode == 75, "\(open.transcript)")
        let openID = try #require(E2E.sessionID(in: open.stdout))
        let shown = try await sandbox.run(["show", openID, "--json"])
        let json = try #require(
            try? JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
            "show --json of an open session did not print JSON: \(shown.stdout)"
        )
        #expect((json["outcome"] as? [String: Any])?["id"] as? String == "in-progress")
        #expect((json["answers"] as? [[String: Any]])?.first?["value"] as? String == E2E.suitableRoute[0])
    }

    @Test("escalations[].at is ISO 8601 like every other time, in schemaVersion 2, and the record validates")
    func escalationTimeIsISO() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let lines = MP.stages(
            MP.focus(code: "BR-081", area: "Saturday handovers", exploring: "How handovers feel"),
            MP.safety(),
            MP.typeDecision("universal"),
            ["Handovers and how they feel", "/concern A worry about a handover"]
        )
        let stopped = try await sandbox.run(["start"], lines: lines)
        try #require(stopped.exitCode == 0, "\(stopped.transcript)")
        let id = try #require(MP.id(in: stopped.stdout))
        let iso = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#
        for args in [["show", id, "--json"], ["show", id, "--json", "--include-sensitive"]] {
            let shown = try await sandbox.run(args)
            let json = try #require(try? JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            #expect(json["schemaVersion"] as? Int == 2)
            let escalations = json["escalations"] as? [[String: Any]] ?? []
            #expect(escalations.count == 1)
            let at = escalations.first?["at"] as? String ?? "\(escalations.first?["at"] ?? "none")"
            #expect(at.range(of: iso, options: .regularExpression) != nil, "escalations[].at is \(at)")
            #expect(at.prefix(10) == (json["updatedAt"] as? String)?.prefix(10), "the same clock as updatedAt")
            if let problem = try Self.validates(shown.stdout, in: sandbox) { Issue.record("schema: \(problem)") }
        }
    }

    /// True when a record key (`worries`, `priorities.1.priority`) is the node's.
    static func key(_ key: String, is node: String) -> Bool {
        key == node || key.hasSuffix(".\(node)")
    }

    /// Every stage answer of an exported JSON array: its script, key and sensitive flag.
    static func stageAnswers(_ json: String) throws -> [(script: String, key: String, sensitive: Bool)] {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        var out: [(String, String, Bool)] = []
        for record in array {
            for stage in record["stages"] as? [[String: Any]] ?? [] {
                let r = stage["record"] as? [String: Any] ?? [:]
                let script = (r["script"] as? [String: Any])?["id"] as? String ?? ""
                for a in r["answers"] as? [[String: Any]] ?? [] {
                    out.append((script, a["key"] as? String ?? "", a["sensitive"] as? Bool ?? false))
                }
            }
        }
        return out
    }

    /// Every output of the microproject and of each of its sessions, with or without the flag.
    func outputs(_ sandbox: E2ESandbox, id: String, sensitive: Bool, tag: String) async throws -> [Output] {
        var out: [Output] = []
        func run(_ name: String, _ args: [String], flag: String) async throws {
            let r = try await sandbox.run(args + (sensitive ? [flag] : []))
            #expect(r.exitCode == 0, "\(name): \(r.transcript)")
            out.append(Output(name: name, text: r.stdout))
        }
        try await run("show", ["show", id], flag: "--include-sensitive")
        try await run("show --json", ["show", id, "--json"], flag: "--include-sensitive")
        try await run("audit", ["audit", id], flag: "--show-sensitive")
        for (name, args, file) in [
            ("export json", ["--format", "json"], "microprojects.json"),
            ("export json full", ["--format", "json", "--detail", "full"], "microprojects.json"),
            ("export md", ["--format", "md"], "microprojects.md"),
            ("export csv", ["--format", "csv"], "microprojects.csv"),
        ] {
            let folder = sandbox.path("\(tag)-\(name.replacingOccurrences(of: " ", with: "-"))")
            try await run(name, ["export", id, "--out", folder] + args, flag: "--include-sensitive")
            var text = (try? String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)) ?? ""
            if file.hasSuffix(".csv") {
                text += (try? String(contentsOfFile: "\(folder)/sessions.csv", encoding: .utf8)) ?? ""
            }
            out[out.count - 1] = Output(name: name, text: text)
        }
        // Each session of the microproject on its own: show, show --json and audit.
        let shown = try await sandbox.run(["show", id, "--json", "--include-sensitive"])
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
            "show --json is not JSON: \(shown.transcript)"
        )
        let ids = (record["stages"] as? [[String: Any]] ?? []).compactMap { $0["sessionID"] as? String }
        #expect(!ids.isEmpty)
        var all = ""
        for sid in ids {
            for args in [["show", sid], ["show", sid, "--json"], ["audit", sid]] {
                let flag = args[0] == "audit" ? "--show-sensitive" : "--include-sensitive"
                let r = try await sandbox.run(args + (sensitive ? [flag] : []))
                #expect(r.exitCode == 0, "\(args): \(r.transcript)")
                all += r.stdout
            }
        }
        out.append(Output(name: "sessions", text: all))
        if !sensitive {
            let summary = sandbox.path("\(tag)-summary")
            let s = try await sandbox.run(["summary", "--out", summary])
            #expect(s.exitCode == 0, "\(s.transcript)")
            out.append(
                Output(
                    name: "summary",
                    text: (try? String(contentsOfFile: "\(summary)/summary.md", encoding: .utf8)) ?? ""
                )
            )
            for format in ["md", "json"] {
                let c = try await sandbox.run(["certification", "lee", "--format", format])
                #expect(c.exitCode == 0, "\(c.transcript)")
                out.append(Output(name: "certification \(format)", text: c.stdout))
            }
        }
        return out
    }
}
