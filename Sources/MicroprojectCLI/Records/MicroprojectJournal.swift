import Foundation
import PracticeRules
import SessionStore

/// A microproject's own journal in the store; its state is the replay of these events.
struct MicroprojectJournal {
    let store: SessionStore
    let id: String

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// Creates the microproject with its `created` event, in one transaction.
    static func create(store: SessionStore, machine: MicroprojectMachine, actor: String, at time: Int64) throws {
        let p = machine.project
        let row = MicroprojectRow(
            id: p.id,
            practitionerID: p.practitionerID,
            status: p.status.rawValue,
            stage: p.due.rawValue,
            summaryJSON: try summary(p),
            createdAt: time,
            updatedAt: time
        )
        try store.createMicroproject(
            row,
            firstEvent: try eventRow(machine.journal[0], id: p.id, seq: 1, actor: actor, at: time)
        )
    }

    /// Applies an event to the machine and commits it in the same step; the machine is unchanged if either fails.
    /// Returns what changed and the action the machine says comes next.
    @discardableResult
    func record(
        _ event: MicroprojectEvent,
        on machine: inout MicroprojectMachine,
        actor: String,
        at time: Int64
    ) throws -> MicroprojectTransition {
        var next = machine
        let transition: MicroprojectTransition
        do {
            transition = try next.apply(event, at: time)
        } catch {
            throw CLIError(message: "That cannot happen now: \(error)", code: ExitStatus.usage)
        }
        try store.appendMicroprojectEvent(
            try Self.eventRow(event, id: id, seq: Int64(next.journal.count), actor: actor, at: time),
            status: transition.status.rawValue,
            stage: transition.due.rawValue,
            summaryJSON: try Self.summary(next.project)
        )
        machine = next
        return transition
    }

    /// Rebuilds the machine from the store.
    static func load(store: SessionStore, id: String) throws -> MicroprojectMachine? {
        guard try store.microproject(id: id) != nil else { return nil }
        let rows = try store.microprojectEvents(id: id)
        let events: [(MicroprojectEvent, Int64)] = try rows.map { row in
            guard let event = try? JSONDecoder().decode(MicroprojectEvent.self, from: Data(row.payload.utf8)) else {
                throw CLIError(
                    message: "Microproject \(id) has an event (\(row.seq)) that cannot be read.",
                    code: ExitStatus.dataError
                )
            }
            return (event, row.at)
        }
        do {
            return try MicroprojectMachine(id: id, replaying: events)
        } catch {
            throw CLIError(message: "Microproject \(id) could not be rebuilt: \(error)", code: ExitStatus.dataError)
        }
    }

    static func eventRow(
        _ event: MicroprojectEvent,
        id: String,
        seq: Int64,
        actor: String,
        at time: Int64
    ) throws
        -> MicroprojectEventRow
    {
        MicroprojectEventRow(
            microprojectID: id,
            seq: seq,
            kind: event.kind,
            actor: actor,
            at: time,
            payload: String(decoding: try encoder.encode(event), as: UTF8.self)
        )
    }

    /// What lists show without a replay. Never sensitive: type, participant code, planned end.
    static func summary(_ p: Microproject) throws -> String {
        var s: [String: String] = [:]
        if let t = p.type { s["type"] = String(t.rawValue) }
        if let code = p.participant { s["participant"] = code }
        if let end = p.plannedEnd { s["plannedEnd"] = end }
        if let reason = p.statusReason, !p.statusReasonSensitive { s["reason"] = reason }
        return String(decoding: try encoder.encode(s), as: UTF8.self)
    }
}
