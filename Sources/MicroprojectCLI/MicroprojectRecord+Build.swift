import Foundation
import InterviewEngine
import PracticeRules
import RecordExport
import SessionStore

extension MicroprojectRecord {
    /// Builds the record by replaying the microproject's stage sessions from the store.
    static func build(
        machine: MicroprojectMachine,
        profile: PractitionerProfile,
        store: SessionStore
    ) throws -> MicroprojectRecord {
        let p = machine.project
        var stages: [StageRecord] = []
        for result in p.completed {
            guard let row = try store.session(id: result.sessionID) else { continue }
            let (loaded, entries) = try SessionJournal.load(store: store, row: row)
            let session = try Interview.replay(row: row, loaded: loaded, entries: entries)
            guard var record = session.captureRecord(sessionID: row.id) else { continue }
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
                    sessionID: row.id,
                    outcome: result.outcome,
                    record: record
                )
            )
        }
        let row = try store.microproject(id: p.id)
        let events = try store.microprojectEvents(id: p.id)
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
        return MicroprojectRecord(
            microprojectID: p.id,
            practitioner: PractitionerReference(
                id: profile.id,
                name: profile.name,
                licenceLevel: profile.licence?.level.rawValue
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
            startedAt: CivilTime.iso8601(row?.createdAt ?? 0),
            updatedAt: CivilTime.iso8601(events.last?.at ?? row?.updatedAt ?? 0),
            sensitiveFields: sensitive
        )
    }

}

extension MicroprojectRunner {
    /// Writes the complete record (JSON and Markdown) beside the session records.
    func writeRecord() throws {
        let record = try MicroprojectRecord.build(machine: machine, profile: profile, store: store)
        let path = (env.recordsFolder as NSString).appendingPathComponent("\(project.id).json")
        // The practitioner's own complete record keeps everything, like each stage's record beside it.
        let full = Disclosed(record, .everything)
        var data = try RecordWriter.encoder.encode(full)
        data.append(0x0A)
        do {
            try DurableFile.ensureFolder(env.recordsFolder)
            try DurableFile.write(data, to: path)
            try DurableFile.write(Data(full.markdown.utf8), to: String(path.dropLast(5)) + ".md")
        } catch let error as StoreError {
            throw CLIError(message: "The record could not be written: \(error)", code: ExitStatus.cannotCreate)
        }
        console.write("\nThe complete learning capture record is saved:\n  \(path)\n  \(String(path.dropLast(5))).md\n")
    }
}
