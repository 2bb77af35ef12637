import Foundation
import InterviewEngine
import PracticeRules
import SessionStore

/// The complete learning capture record of a microproject: the cycle's facts plus every stage's own record,
/// built from the journals alone, so building it again gives the same bytes.
struct MicroprojectRecord: Codable, Equatable {
    static let currentSchemaVersion = 1

    var schemaVersion = currentSchemaVersion
    var recordType = "microproject-record"
    var microprojectID: String
    var practitioner: PractitionerReference
    var participant: String?
    var type: TypeReference?
    var suggestedType: TypeReference?
    var typeChangedFromSuggestion: Bool
    var trackerLevel: String?
    var focusAreas: [String]
    var status: String
    var statusReason: String?
    var plannedEnd: String?
    var sessionsPlanned: Int?
    var sessionsLogged: Int
    var safetyOutcome: String?
    var communityWheel: CommunityWheel
    var reflection: [String: String]?
    var closureChecklist: [String: String]?
    var escalations: [Escalation]
    var stages: [StageRecord]
    var startedAt: String
    var updatedAt: String

    struct PractitionerReference: Codable, Equatable {
        var id: String
        var name: String
        var licenceLevel: String?
    }

    struct TypeReference: Codable, Equatable {
        var number: Int
        var title: String
        var level: String
        var reason: String?
    }

    struct CommunityWheel: Codable, Equatable {
        /// monthly-session, peer-learning, both or not-now, from the plan.
        var offered: String?
        /// yes, no or not-offered, from the closure checklist.
        var takenUp: String?
    }

    struct StageRecord: Codable, Equatable {
        var stage: String
        var title: String
        var sessionID: String
        var outcome: String
        var record: CaptureRecord
    }

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
            guard let record = session.captureRecord(sessionID: row.id) else { continue }
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
            status: p.status.rawValue,
            statusReason: p.statusReason,
            plannedEnd: p.plannedEnd,
            sessionsPlanned: p.sessionsPlanned,
            sessionsLogged: p.sessionsLogged,
            safetyOutcome: p.completed.last { $0.stage == .safety }?.outcome,
            communityWheel: CommunityWheel(offered: p.communityWheelOffered, takenUp: p.communityWheelTakenUp),
            reflection: Closure.reflection(p),
            closureChecklist: p.completed.last { $0.stage == .closure }?.facts,
            escalations: p.escalations,
            stages: stages,
            startedAt: CivilTime.iso8601(row?.createdAt ?? 0),
            updatedAt: CivilTime.iso8601(events.last?.at ?? row?.updatedAt ?? 0)
        )
    }

    var markdown: String {
        var out = "# Microproject \(microprojectID): learning capture record\n\n"
        out += "- **Practitioner:** \(CaptureRecord.inline(practitioner.name)) (\(practitioner.id))\n"
        out += "- **Participant code:** \(participant.map(CaptureRecord.inline) ?? "not yet given")\n"
        out += "- **Type:** \(type?.title ?? "not yet chosen")"
        if let s = suggestedType, typeChangedFromSuggestion { out += " (suggested: \(s.title))" }
        out +=
            "\n- **Tracker:** \(trackerLevel ?? "-")\n- **Status:** \(status)\(statusReason.map { ": " + CaptureRecord.inline($0) } ?? "")\n"
        out += "- **Planned end:** \(plannedEnd ?? "-")   **Sessions:** \(sessionsLogged) logged"
        out += sessionsPlanned.map { " of \($0) planned" } ?? ""
        out +=
            "\n- **Community Wheel:** offered \(communityWheel.offered ?? "-"), taken up \(communityWheel.takenUp ?? "-")\n"
        out += "- **Started:** \(startedAt)   **Last change:** \(updatedAt)\n"
        if !focusAreas.isEmpty {
            out += "\n## Focus areas\n\n" + focusAreas.map { "- \(CaptureRecord.inline($0))\n" }.joined()
        }
        if !escalations.isEmpty {
            out += "\n## Concerns and what was done\n\n"
            for e in escalations {
                out += "- During \(e.stage.title.lowercased()): \(CaptureRecord.inline(e.reason)). "
                out +=
                    e.decision.map { "Consulted \(CaptureRecord.inline(e.consulted ?? "-")); decision: \($0)." }
                    ?? "Not yet reviewed."
                out += "\n"
            }
        }
        if let reflection {
            out += "\n## Reflection\n\n"
            for item in Closure.reflectionItems {
                out +=
                    "- **\(item.title.prefix(1).uppercased() + item.title.dropFirst()):** \(CaptureRecord.inline(reflection[item.key] ?? "-"))\n"
            }
        }
        out += "\n## Stages\n\n"
        for s in stages { out += "- \(s.title): \(s.record.outcome.title) (session \(s.sessionID))\n" }
        return out
    }
}

extension MicroprojectRunner {
    /// Writes the complete record (JSON and Markdown) beside the session records.
    func writeRecord() throws {
        let record = try MicroprojectRecord.build(machine: machine, profile: profile, store: store)
        let path = (env.recordsFolder as NSString).appendingPathComponent("\(project.id).json")
        var data = try RecordWriter.encoder.encode(record)
        data.append(0x0A)
        do {
            try DurableFile.ensureFolder(env.recordsFolder)
            try DurableFile.write(data, to: path)
            try DurableFile.write(Data(record.markdown.utf8), to: String(path.dropLast(5)) + ".md")
        } catch let error as StoreError {
            throw CLIError(message: "The record could not be written: \(error)", code: ExitStatus.cannotCreate)
        }
        console.write("\nThe complete learning capture record is saved:\n  \(path)\n  \(String(path.dropLast(5))).md\n")
    }
}
