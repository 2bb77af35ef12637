import Foundation
import InterviewEngine
import PracticeRules
import Testing

@testable import MicroprojectCLI

/// Golden transcripts of the priorities consult, run in-process with a fixed clock and ids: the real sign-in
/// (profiles in the store, roles checked), then the real driver over `Prompts/priorities-consult.yaml`. The
/// transcript, the record (JSON and Markdown) and the audit trail are compared with the fixtures in
/// `Fixtures/consult/`. Set UPDATE_GOLDENS=1 to rewrite them after an intended change, then review the diff.
@Suite("End to end: consult golden transcripts")
struct EndToEndConsultGoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var type: MicroprojectType
        var owner: String
        /// Roles given on the command line (`consult --lead-plus ann`).
        var given: [String: String]
        /// key: (answered by, typed by, agreed by)
        var attribution: [String: Who]
        var testDescription: String { name }
    }

    struct Who: Sendable, Equatable {
        var by: String
        var typedBy: String?
        var agreedBy: [String]?
    }

    static let cases = [
        // Link (sam) and Lead Plus (ann): hand-overs both ways, a refused wrong-role answer, /as both ways,
        // an agreement, a counter-proposal, and a several-of question agreed by both.
        Case(
            name: "type2",
            type: .earlyConcern,
            owner: "sam",
            given: ["lead-plus": "ann"],
            attribution: [
                "hopes": Who(by: "sam", typedBy: "ann"),
                "worries": Who(by: "ann"),
                "going-well": Who(by: "sam"),
                "priorities.1.priority": Who(by: "sam", agreedBy: ["ann"]),
                "priorities.1.another": Who(by: "sam"),
                "priorities.2.priority": Who(by: "ann", agreedBy: ["sam"]),
                "priorities.2.another": Who(by: "sam"),
                "readiness": Who(by: "ann", typedBy: "sam"),
                "support-route": Who(by: "sam", agreedBy: ["ann"]),
            ]
        ),
        // The program signs in only the Lead for Type 3: one person, no hand-over, both-questions answered directly.
        Case(
            name: "type3",
            type: .supportedLearning,
            owner: "lee",
            given: [:],
            attribution: [
                "hopes-lead": Who(by: "lee"),
                "worries": Who(by: "lee"),
                "going-well": Who(by: "lee"),
                "priorities.1.priority": Who(by: "lee"),
                "priorities.1.another": Who(by: "lee"),
                "readiness": Who(by: "lee"),
                "support-route": Who(by: "lee"),
            ]
        ),
        // Lead (lee) and the senior consultant (cal): the consultant's questions, a refusal for the Lead, /as.
        Case(
            name: "type4",
            type: .complexEngagement,
            owner: "lee",
            given: ["consultant": "cal"],
            attribution: [
                "hopes-lead": Who(by: "lee"),
                "worries": Who(by: "cal"),
                "going-well": Who(by: "cal"),
                "prior-support": Who(by: "cal"),
                "different-this-time": Who(by: "cal", typedBy: "lee"),
                "priorities.1.priority": Who(by: "lee", agreedBy: ["cal"]),
                "priorities.1.another": Who(by: "lee"),
                "readiness": Who(by: "lee"),
                "support-route": Who(by: "cal", agreedBy: ["lee"]),
            ]
        ),
    ]

    static var folder: String { TestWorld.fixtures + "/consult/" }

    @Test(arguments: cases)
    func transcriptRecordAndAuditMatchTheFixtures(_ c: Case) throws {
        let answers = try String(contentsOfFile: Self.folder + c.name + ".answers", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        let run = try CoRunGoldenRun(c, answers: Array(answers))
        #expect(run.code == ExitStatus.ok.rawValue, "\(run.transcript)")
        try GoldenTranscriptTests.compare(run.transcript, with: Self.folder + c.name + ".transcript")
        try GoldenTranscriptTests.compare(run.recordJSON, with: Self.folder + c.name + ".record.json")
        try GoldenTranscriptTests.compare(run.recordMarkdown, with: Self.folder + c.name + ".record.md")
        try GoldenTranscriptTests.compare(
            run.audit.joined(separator: "\n") + "\n",
            with: Self.folder + c.name + ".audit"
        )

        // Whatever the fixtures say, each answer is attributed to the right person.
        let record = try E2ERecord(path: run.recordPath)
        #expect(record.outcomeID == "agreed")
        #expect(Set(record.keys) == Set(c.attribution.keys), "\(record.keys)")
        for (key, who) in c.attribution {
            let answer = record.answer(key) ?? [:]
            #expect(answer["answeredBy"] as? String == who.by, "\(key): \(answer)")
            #expect(answer["enteredBy"] as? String == who.typedBy, "\(key): \(answer)")
            #expect(answer["agreedBy"] as? [String] == who.agreedBy, "\(key): \(answer)")
        }
        let practitioners = (record.json["practitioners"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(practitioners == [c.owner] + c.given.values.sorted(), "\(practitioners)")

        // The audit says the same: one "answered" or "agreed" line per answer, by the right person, with who typed,
        // naming the question as it was asked rather than its key.
        for (key, who) in c.attribution {
            let line: String?
            let asked = "\"" + (record.answer(key)?["question"] as? String ?? key) + "\""
            #expect(!run.audit.contains { $0.contains(" \(key)") }, "the audit shows the key \(key)")
            if let agreed = who.agreedBy?.first {
                line = run.audit.first { $0.contains("agreed with the answer to \(asked)") }
                #expect(line?.contains("  \(agreed) (") == true, "\(key): \(line ?? "no agreed line")")
                let proposed = run.audit.last { $0.contains("proposed for \(asked)") }
                #expect(proposed?.contains("  \(who.by) (") == true, "\(key): \(proposed ?? "no proposed line")")
            } else {
                line = run.audit.first { $0.contains("answered \(asked)") }
                #expect(line?.contains("  \(who.by)") == true, "\(key): \(line ?? "no answered line")")
            }
            if let typist = who.typedBy {
                #expect(
                    line?.contains("typed by \(typist)") == true,
                    "\(key): the audit hides who typed: \(line ?? "")"
                )
            }
        }
    }

    @Test("/as with your own role is your own answer: no 'typed by' yourself")
    func answerAsYourself() throws {
        let c = Case(name: "self", type: .earlyConcern, owner: "sam", given: ["lead-plus": "ann"], attribution: [:])
        let run = try CoRunGoldenRun(c, answers: ["/as link Calmer evenings"])
        #expect(run.code == ExitStatus.paused.rawValue, "\(run.transcript)")
        #expect(run.transcript.contains("sam (link)> /as link Calmer evenings\n   Saved.\n"), "\(run.transcript)")
        let line =
            run.audit.first { $0.contains("answered \"What are you hoping this learning will help with?\"") } ?? ""
        #expect(line.contains("sam (link)"), "\(run.audit)")
        #expect(!line.contains("typed by"), "sam is recorded as typing for sam: \(line)")
    }
}

/// One consult, in-process: profiles saved, practitioners signed in by `ConsultSignIn`, the interview run by the
/// real driver over piped lines, then the record and the audit read back.
struct CoRunGoldenRun {
    let world: TestWorld
    let code: Int32
    let transcript: String
    let recordPath: String
    let recordJSON: String
    let recordMarkdown: String
    let audit: [String]

    static let sessionID = "consul"

    init(_ c: EndToEndConsultGoldenTests.Case, answers: [String]) throws {
        world = TestWorld(ids: [Self.sessionID])
        let env = world.env
        let store = try env.openStore()
        for profile in CoRunProfiles.all { try Practitioners.save(profile, store: store, at: env.now()) }
        let console = CapturingConsole()
        let reader = try world.reader(answers)
        let signIn = ConsultSignIn(
            store: store,
            talk: Conversation(console: console, reader: reader),
            today: CivilTime.day(env.now()),
            comeBack: "microproject continue mp-golden"
        )
        let owner = try #require(CoRunProfiles.all.first { $0.id == c.owner })
        guard case .signedIn(let roster) = try signIn.signIn(type: c.type, owner: owner, given: c.given) else {
            throw CoRunGoldenError(message: "sign-in refused: \(console.output)\(console.errors)")
        }
        recordPath = world.folder + "/record.json"
        let loaded = try Interview.loadScript("priorities-consult", env: env, console: console)
        let outcome = try Interview.start(
            loaded: loaded,
            context: ["type": String(c.type.rawValue), "participant": "BR-7"],
            roster: roster,
            settings: InterviewSettings(answers: nil, record: recordPath, practitioner: c.owner),
            env: env,
            console: console,
            reader: reader
        )
        code = outcome.code.rawValue
        transcript = (console.output + console.errors).replacingOccurrences(of: world.folder, with: "<folder>")
        recordJSON = (try? String(contentsOfFile: recordPath, encoding: .utf8)) ?? ""
        recordMarkdown = (try? String(contentsOfFile: world.folder + "/record.md", encoding: .utf8)) ?? ""
        let row = try #require(try store.session(id: outcome.sessionID))
        audit = try Audit.lines(session: row, store: store, showSensitive: false).map(\.1)
    }
}

struct CoRunGoldenError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The practitioners of the consult tests, as profiles.
enum CoRunProfiles {
    static let linkTraining: Set<Pathway> = [.introduction, .foundations, .informedPractitioner, .linkTraining]
    static let leadTraining = linkTraining.union([.deepDive, .leadTraining])

    static func profile(
        _ id: String,
        _ name: String,
        _ level: LicenceLevel,
        consultant: Bool = false
    )
        -> PractitionerProfile
    {
        var p = PractitionerProfile(
            id: id,
            name: name,
            licence: Licence(level: level, expires: "2030-01-01"),
            completed: level == .link ? linkTraining : leadTraining,
            organisationalApproval: true
        )
        if consultant { p.seniorConsultant = true }
        return p
    }

    static let all = [
        profile("sam", "Sam Khan", .link),
        profile("ann", "Ann Lee", .leadPlus),
        profile("lee", "Lee Ward", .lead),
        profile("cal", "Cal Reed", .lead, consultant: true),
        profile("kit", "Kit Moss", .link),
    ]
}
