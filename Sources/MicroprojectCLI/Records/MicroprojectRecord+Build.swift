import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import PromptScripts
import RecordExport
import SessionStore

/// Everything a microproject's complete record is made of: its own journal and its stage sessions' journals,
/// read from the store here and only here. The record builder takes this value alone (never the store, never a
/// profile), so a record rebuilt at any later time, after any profile change, gives the same bytes.
struct MicroprojectJournals {
    struct StageSession {
        let row: SessionRow
        let loaded: LoadedScript
        let entries: [JournalEntry]
    }

    let machine: MicroprojectMachine
    /// When the microproject was created and when its last event was journaled.
    let createdAt: Int64
    let lastEventAt: Int64
    /// The stage sessions found, by session id.
    let sessions: [String: StageSession]

    static func load(store: SessionStore, machine: MicroprojectMachine) throws -> MicroprojectJournals {
        let id = machine.project.id
        let row = try store.microproject(id: id)
        let events = try store.microprojectEvents(id: id)
        var sessions: [String: StageSession] = [:]
        for result in machine.project.completed {
            guard let session = try store.session(id: result.sessionID) else { continue }
            let (loaded, entries) = try SessionJournal.load(store: store, row: session)
            sessions[session.id] = StageSession(row: session, loaded: loaded, entries: entries)
        }
        let created = row?.createdAt ?? events.first?.at ?? 0
        return MicroprojectJournals(
            machine: machine,
            createdAt: created,
            lastEventAt: events.last?.at ?? row?.updatedAt ?? created,
            sessions: sessions
        )
    }
}

/// A record as rebuilt, with what could not go into it. A stage whose session is missing is never skipped
/// quietly: `problems` says which, and the command that built it says so and exits 65.
struct BuiltRecord {
    var record: MicroprojectRecord
    var problems: [String]
}

extension MicroprojectRecord {
    /// Builds the record from the journals alone: the facts it uses (the profile as it was, each stage's
    /// answers, every time) are all journaled; nothing is read from the clock, the time zone or the locale.
    static func build(from journals: MicroprojectJournals) throws -> BuiltRecord {
        let p = journals.machine.project
        var stages: [StageRecord] = []
        var problems: [String] = []
        for result in p.completed {
            let what = "the session of \(result.stage.title.lowercased()) (\(result.sessionID))"
            guard let session = journals.sessions[result.sessionID] else {
                problems.append("\(p.id): \(what) is missing from the store, so its answers are not in the record.")
                continue
            }
            let machine = try Interview.replay(row: session.row, loaded: session.loaded, entries: session.entries)
            guard var record = machine.captureRecord(sessionID: session.row.id) else {
                problems.append("\(p.id): \(what) has no outcome in the store, so its answers are not in the record.")
                continue
            }
            if p.suggestion?.reasonSensitive ?? false, record.context["suggested-reason"] != nil,
                !(record.sensitiveContext ?? []).contains("suggested-reason")
            {
                // Sessions started before the context said so: the reason restates a sensitive answer.
                record.sensitiveContext = ((record.sensitiveContext ?? []) + ["suggested-reason"]).sorted()
            }
            stages.append(
                StageRecord(
                    stage: result.stage.rawValue,
                    title: result.stage.title,
                    sessionID: session.row.id,
                    outcome: result.outcome,
                    record: record
                )
            )
        }
        // Which fields hold sensitive values: the script's tag, carried to whatever restates the answer.
        var sensitive: [String] = []
        if p.statusReasonSensitive { sensitive.append("statusReason") }
        if p.suggestion?.reasonSensitive ?? false { sensitive.append("suggestedType.reason") }
        func tagged(_ result: StageResult?, as prefix: String) {
            guard let result else { return }
            let answers = stages.first { $0.sessionID == result.sessionID }?.record.answers
            for key in result.facts.keys.sorted() {
                let isSensitive = answers.map { a in a.contains { $0.key == key && $0.sensitive } } ?? true
                if isSensitive || result.isSensitive(key) && result.sensitiveKeys != nil {
                    sensitive.append("\(prefix).\(key)")
                }
            }
        }
        tagged(p.completed.last { $0.stage == .reflection && !$0.safetyStop }, as: "reflection")
        tagged(p.completed.last { $0.stage == .closure }, as: "closureChecklist")
        func reference(_ t: MicroprojectType, reason: String? = nil) -> TypeReference {
            TypeReference(number: t.rawValue, title: t.title, level: t.level.rawValue, reason: reason)
        }
        let snapshot = p.profileAsRecorded?.profile
        // Without a journaled profile (a microproject from before they were kept), the name its first stage
        // recorded; the licence is not known, and the record says so.
        let name = snapshot?.name ?? stages.lazy.compactMap { $0.record.context["practitioner"] }.first
        let record = MicroprojectRecord(
            microprojectID: p.id,
            practitioner: PractitionerReference(
                id: p.practitionerID,
                name: name ?? p.practitionerID,
                licenceLevel: snapshot?.licence?.level.rawValue
            ),
            profileAsRecorded: ProfileAsRecorded(
                practitioner: p.profileAsRecorded,
                consultTeam: p.consultTeamAsRecorded
            ),
            participant: p.participant,
            type: p.type.map { reference($0) },
            suggestedType: p.suggestion.map { reference($0.type, reason: $0.reason) },
            typeChangedFromSuggestion: p.type != nil && p.suggestion != nil && p.type != p.suggestion?.type,
            trackerLevel: p.trackerLevel?.rawValue,
            focusAreas: p.focusAreas,
            priorities: p.priorities,
            status: p.status.rawValue,
            statusReason: p.statusReason,
            plannedEnd: p.plannedEnd,
            sessionsPlanned: p.sessionsPlanned,
            sessionsLogged: p.sessionsLogged,
            safetyOutcome: p.completed.last { $0.stage == .safety }?.outcome,
            communityWheel: CommunityWheel(offered: p.communityWheelOffered, takenUp: p.communityWheelTakenUp),
            reflection: Closure.reflection(p),
            closureChecklist: p.completed.last { $0.stage == .closure }?.facts,
            escalations: p.escalations.map(EscalationEntry.init),
            stages: stages,
            startedAt: CivilTime.iso8601(journals.createdAt),
            updatedAt: CivilTime.iso8601(journals.lastEventAt),
            sensitiveFields: sensitive
        )
        var withPlan = record
        withPlan.backupSessionsPossible = p.backupSessionsPossible
        withPlan.fewerSessionsReason = p.fewerSessionsReason
        withPlan.longEndReason = p.longEndReason
        withPlan.supportDrawnOn = p.supportDrawnOn.isEmpty ? nil : p.supportDrawnOn
        withPlan.delivery = p.completed.contains { $0.stage == .plan } ? p.delivery : nil
        withPlan.endDateExtensions = p.endDateExtensions.isEmpty ? nil : p.endDateExtensions.map(ExtensionEntry.init)
        return BuiltRecord(record: withPlan, problems: problems)
    }

    /// Loads the journals of a microproject and builds its record.
    static func build(machine: MicroprojectMachine, store: SessionStore) throws -> BuiltRecord {
        try build(from: MicroprojectJournals.load(store: store, machine: machine))
    }
}

extension MicroprojectRunner {
    /// Writes the complete record (JSON and Markdown) beside the session records; 65 when a stage is missing.
    func writeRecord() throws -> ExitCode {
        let built = try MicroprojectRecord.build(machine: machine, store: store)
        let path = try DerivedRecords.write(built.record, env: env)
        console.write(
            "\nThe complete learning capture record is saved:\n  \(path)\n  \(DerivedRecords.markdownPath(path))\n"
        )
        return DerivedRecords.report(built.problems, console: console) ?? ExitStatus.ok
    }
}
