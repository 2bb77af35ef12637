import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import RecordExport
import SessionStore
import TerminalIO
import TextSafety

/// `show mp-ID`: where a microproject stands, in words.
enum MicroprojectShow {
    static func show(
        id: String,
        json: Bool,
        disclosure: Disclosure,
        store: SessionStore,
        env: AppEnvironment
    ) throws -> ExitCode {
        guard let machine = try MicroprojectJournal.load(store: store, id: id) else {
            throw CLIError(
                message: "There is no microproject '\(id)'. Type 'microproject list' to see them.",
                code: ExitStatus.notFound
            )
        }
        let p = machine.project
        let console = StandardConsole()
        // Records are derived data: a closed microproject whose record is missing gets it written again here.
        let ensured = try DerivedRecords.ensure(microproject: machine, store: store, env: env) {
            json ? console.error($0) : console.write($0)
        }
        // What leaves the program goes through the redactor: the status reason and the concerns' words too.
        let built = try MicroprojectRecord.build(machine: machine, store: store)
        let shown = Disclosed(built.record, disclosure)
        if json {
            var data = try RecordWriter.encoder.encode(shown)
            data.append(0x0A)
            console.write(String(decoding: data, as: UTF8.self))
            return DerivedRecords.report(built.problems, console: console) ?? ExitStatus.ok
        }
        let name =
            try p.profileAsRecorded?.profile.name ?? Practitioners.load(p.practitionerID, store: store)?.name
            ?? p.practitionerID
        var out = "Microproject \(p.id), run by \(name) (\(p.practitionerID))\n"
        out += "Status: \(p.status.rawValue)\(p.status == .escalated ? " (paused after a concern)" : "")"
        out += shown.record.statusReason.map { ": \(Sanitizer.visible($0))" } ?? ""
        out += "\nParticipant code: \(p.participant ?? "not yet given")\n"
        if let t = p.type {
            out += "Type: \(t.title) (\(t.level.rawValue) level), \(t.tracker.description)\n"
            out += "Delivery: \(t.deliveryModel)\n"
            if let consult = t.consult { out += "Consult: \(consult)\n" }
            let d = p.delivery
            var planned: [String] = []
            if let v = d.identifiedByLinkStaff { planned.append("identified by Link staff: \(v)") }
            if let v = d.fundedPilotInvitation { planned.append("invited into the funded pilot: \(v)") }
            if let v = d.sessionFormat { planned.append("sessions: \(v)") }
            if let v = d.pcnLiaison { planned.append("PCN Link staff liaison: \(v)") }
            if !planned.isEmpty { out += "Delivery as planned: \(planned.joined(separator: "; "))\n" }
            if t.allowsBackupSessions { out += "Backup sessions may be added to the plan.\n" }
        } else if let s = p.suggestion {
            out += "Suggested type: \(s.type.title) (not yet confirmed)\n"
        }
        if !p.focusAreas.isEmpty { out += "Focus areas: \(p.focusAreas.joined(separator: "; "))\n" }
        if let end = p.plannedEnd {
            let overdue = TimeLimit.isOverdue(p, today: CivilTime.day(env.now()))
            out +=
                "Planned end: \(end)\(overdue ? " (overdue: the date has passed; continue to extend it or close)" : "")\n"
            for e in p.endDateExtensions {
                out += "  Extended from \(e.from) to \(e.to): \(Sanitizer.visible(e.reason))\n"
            }
            if let reason = p.longEndReason {
                out += "  More than six months ahead because: \(Sanitizer.visible(reason))\n"
            }
        }
        out += "Sessions logged: \(p.sessionsLogged)\(p.sessionsPlanned.map { " of \($0) planned" } ?? "")"
        if let backup = p.backupSessionsPossible, backup > 0 {
            out +=
                "; up to \(backup) backup session\(backup == 1 ? "" : "s") if needed (\(p.backupSessionsLogged) logged)"
        }
        if p.sessionsPlanned != nil, !p.sessionsNotLogged.isEmpty, p.sessionsLogged > 0 {
            out += "\nPlanned sessions not logged yet: \(p.sessionsNotLogged.map(String.init).joined(separator: ", "))"
        }
        for (n, reason) in p.sessionsNotHeld.sorted(by: { $0.key < $1.key }) {
            out += "\nSession \(n) did not take place: \(Sanitizer.visible(reason))"
        }
        if let reason = p.fewerSessionsReason { out += "\nFewer than 6 sessions because: \(Sanitizer.visible(reason))" }
        out += "\n"
        if p.status != .closed { out += "Next: \(p.due.title)\n" }
        out += "\nStages completed:\n"
        if p.completed.isEmpty { out += "  none yet\n" }
        for r in p.completed {
            out +=
                "  \(r.stage.title): \(r.outcome)\(r.safetyStop ? " (safety stop)" : "")   [session \(r.sessionID)]\n"
        }
        let counted = Set(p.completed.map(\.sessionID))
        for row in try store.sessions(microprojectID: p.id) where !counted.contains(row.id) {
            out += "  In progress: \(row.stage ?? row.scriptID), \(row.status)   [session \(row.id)]\n"
        }
        for e in shown.record.escalations {
            out += "\nConcern during \(e.stage.title.lowercased()): \(Sanitizer.visible(e.reason))\n"
            out +=
                e.decision.map { "  Reviewed: consulted \(Sanitizer.visible(e.consulted ?? "-")); decision \($0).\n" }
                ?? "  Not yet reviewed.\n"
        }
        if p.status != .closed { out += "\nTo carry on: microproject continue \(p.id)\n" }
        if let ensured { out += "\nRecord: \(ensured.path)\n" }
        console.write(out)
        return DerivedRecords.report(built.problems, console: console) ?? ExitStatus.ok
    }
}
