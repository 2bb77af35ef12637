import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import SessionStore
import TerminalIO
import TextSafety

/// `microproject audit ID`: the full trail, who did what and when, off-route answers and hand-overs included.
struct AuditCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the full trail of a microproject or session: who answered or changed what, and when.",
        discussion:
            "Sensitive answers, the words of concerns, pause reasons and escalation reviews are left out unless --show-sensitive is given."
    )

    @Argument(help: ArgumentHelp("A microproject id (mp-...) or a session id.", valueName: "id")) var id: WorkID
    @Flag(
        name: [.customLong("show-sensitive"), .customLong("include-sensitive")],
        help: "Show sensitive answers, the words of concerns and pause reasons."
    ) var showSensitive = false

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let store = try env.readStore()
        var lines: [(Int64, String)] = []
        switch id {
        case .microproject(let id):
            guard try store.microproject(id: id.rawValue) != nil else {
                throw CLIError(message: "There is no microproject '\(id)'.", code: ExitStatus.notFound)
            }
            for row in try store.microprojectEvents(id: id.rawValue) {
                lines.append(
                    (
                        row.at,
                        Audit.line(
                            at: row.at,
                            who: row.actor,
                            what: Audit.describe(microprojectEvent: row, showSensitive: showSensitive)
                        )
                    )
                )
            }
            for session in try store.sessions(microprojectID: id.rawValue) {
                lines += try Audit.lines(session: session, store: store, showSensitive: showSensitive)
            }
        case .session(let id):
            guard let session = try store.session(id: id.rawValue) else {
                throw CLIError(message: "There is no session or microproject '\(id)'.", code: ExitStatus.notFound)
            }
            lines = try Audit.lines(session: session, store: store, showSensitive: showSensitive)
        }
        let sorted = lines.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
        console.write(sorted.map(\.element.1).joined(separator: "\n") + "\n")
        return ExitStatus.ok
    }
}

enum Audit {
    /// "ann (lead)", or "answered by ann (lead), typed by sam (link)" for an answer typed with `/as`.
    static func answeredBy(_ a: CaptureRecord.RecordedAnswer, roster: Roster) -> String {
        func named(_ id: String) -> String {
            Sanitizer.visible(id) + (roster.member(id).map { " (\($0.role))" } ?? "")
        }
        guard let typist = a.enteredBy else { return named(a.answeredBy) }
        return "answered by \(named(a.answeredBy)), typed by \(named(typist))"
    }

    static func line(at time: Int64, who: String, what: String) -> String {
        Interview.friendly(CivilTime.iso8601(time)).dropLast(4)
            + String(CivilTime.iso8601(time).dropFirst(16).prefix(3))
            + "  " + (who.count < 22 ? who + String(repeating: " ", count: 22 - who.count) : who + "  ") + what
    }

    /// What stands in for a sensitive value in the trail.
    static func disclosure(_ showSensitive: Bool) -> Disclosure {
        .from(flag: showSensitive, rerun: "audit with --show-sensitive")
    }

    static func describe(microprojectEvent row: MicroprojectEventRow, showSensitive: Bool) -> String {
        let d = disclosure(showSensitive)
        guard let event = try? JSONDecoder().decode(MicroprojectEvent.self, from: Data(row.payload.utf8)) else {
            return "\(row.kind) (this entry cannot be read)"
        }
        switch event {
        case .created: return "started the microproject"
        case .stageCompleted(let r):
            return
                "completed \(r.stage.title.lowercased()): \(r.outcome)\(r.safetyStop ? " (safety stop)" : "") [session \(r.sessionID)]"
        case .eligibilityChecked(let missing):
            return missing.isEmpty
                ? "entry requirements met" : "entry requirements not met: " + missing.joined(separator: "; ")
        case .paused(let reason, let generated):
            return "paused: \(d.shown(Sanitizer.visible(reason), sensitive: generated != true))"
        case .resumed: return "resumed"
        case .reopened(let stage): return "reopened \(stage.title.lowercased()) to complete or correct it"
        case .endDateExtended(let to, let reason): return "extended the planned end date to \(to): \(reason)"
        case .movedToClosure: return "past the planned end date: moved on to reflection and closure"
        case .profileRecorded(let p):
            let licence = p.licence.map { "\($0.level.title) licence until \($0.expires)" } ?? "no licence"
            return "profile recorded as used\(p.role.map { " (consult role \($0))" } ?? ""): \(p.name) (\(p.id)), "
                + "\(licence), \(p.completed.count) pathway\(p.completed.count == 1 ? "" : "s") completed, "
                + "approval \(p.organisationalApproval ? "yes" : "no")"
        }
    }

    /// One line per journal entry of a session, with the question text and the answer (masked if sensitive).
    static func lines(session row: SessionRow, store: SessionStore, showSensitive: Bool) throws -> [(Int64, String)] {
        let (loaded, entries) = try SessionJournal.load(store: store, row: row)
        let machine = try Interview.replay(row: row, loaded: loaded, entries: entries)
        let onRoute = Set(machine.routeAnswers.map(\.key))
        let nodes = loaded.script.nodes.flatMap { n -> [InterviewEngine.Node] in
            if case .group(let g) = n.kind { return [n] + g.nodes }
            return [n]
        }
        func node(_ key: String) -> InterviewEngine.Node? {
            nodes.first { $0.id == key.split(separator: ".").last.map(String.init) }
        }
        let d = disclosure(showSensitive)
        let sensitiveKeys = Set(machine.routeAnswers.filter(\.sensitive).map(\.key))
        func shown(_ value: AnswerValue, key: String) -> String {
            let n = node(key)
            if (n?.sensitive == true || sensitiveKeys.contains(key)) && !showSensitive { return "(\(d.leftOut))" }
            return "\"" + Sanitizer.visible(value.display(for: n?.question?.type)) + "\""
        }
        let roles = machine.roster.members.reduce(into: [String: String]()) { $0[$1.id] = $1.role }
        func who(_ e: JournalEntry) -> String {
            var s = e.actor + (roles[e.actor].map { " (\($0))" } ?? "")
            if let typist = e.enteredBy { s += ", typed by \(typist)" }
            return s
        }
        // The question as it was asked, not its internal key ("priorities.1.priority").
        let asked = Dictionary(machine.routeAnswers.map { ($0.key, $0.question) }, uniquingKeysWith: { a, _ in a })
        func question(_ key: String) -> String {
            let repetition = key.split(separator: ".").dropLast().last.flatMap { Int($0) }
            // A question not on the route (a proposal not yet agreed) is named by its script text, its
            // repetition's number in place of {#}.
            let text =
                asked[key]
                ?? node(key).map { n in
                    repetition.map { n.text.replacingOccurrences(of: "{#}", with: String($0)) } ?? n.text
                }
                ?? key
            let number = repetition.flatMap { text.contains(String($0)) ? nil : " (number \($0))" } ?? ""
            return "\"" + Sanitizer.visible(text) + "\"" + number
        }
        let label = "[\(row.id) \(row.stage ?? row.scriptID)] "
        return entries.map { e in
            let what: String
            switch e.event {
            case .started(_, let roster):
                what =
                    "started \(loaded.script.title.lowercased())"
                    + (roster.members.isEmpty
                        ? "" : " with " + roster.members.map { "\($0.name) as \($0.role)" }.joined(separator: " and "))
            case .answered(let key, let value):
                what =
                    "answered \(question(key)): \(shown(value, key: key))"
                    + (onRoute.contains(key) ? "" : " (not in the final record)")
            case .proposed(let key, let value): what = "proposed for \(question(key)): \(shown(value, key: key))"
            case .agreed(let key): what = "agreed with the answer to \(question(key))"
            case .confirmed(let key): what = "kept the earlier answer to \(question(key))"
            case .wentBack: what = "went back"
            case .handedOver(let to): what = "handed over to \(to)"
            case .noteAdded(let text): what = "noted: \"\(Sanitizer.visible(text))\""
            case .concernRaised(let text):
                what =
                    showSensitive
                    ? "raised a concern: \"\(Sanitizer.visible(text))\"" : "raised a concern (\(d.leftOut))"
            case .concernAcknowledged: what = "acknowledged the concern guidance"
            case .paused(let reason): what = "paused (\(reason))"
            case .resumed: what = "resumed"
            }
            return (e.at, line(at: e.at, who: who(e), what: label + what))
        }
    }
}
