import Foundation
import InterviewEngine
import PromptScripts
import SessionStore

/// Keeps a session's journal in the store: every new entry is committed, with the new cursor, before the
/// driver shows anything else. This is the "nothing acknowledged is ever lost" contract.
final class SessionJournal {
    let store: SessionStore
    let sessionID: String
    private(set) var persisted: Int

    /// The first entry carries the script's full text, so the session replays against exactly the script
    /// it started with, even after the file changes.
    struct Payload: Codable {
        var event: JournalEvent
        var scriptSource: String?
    }

    init(store: SessionStore, sessionID: String, persisted: Int) {
        self.store = store
        self.sessionID = sessionID
        self.persisted = persisted
    }

    /// Creates the session with its `started` entry in one transaction.
    static func create(
        store: SessionStore,
        sessionID: String,
        loaded: LoadedScript,
        machine: InterviewStateMachine
    ) throws -> SessionJournal {
        let context = String(decoding: try encoder.encode(machine.context), as: UTF8.self)
        let first = machine.journal[0]
        let row = SessionRow(
            id: sessionID,
            scriptID: loaded.script.id,
            scriptVersion: loaded.script.version,
            scriptHash: loaded.script.contentHash,
            scriptPath: loaded.path,
            contextJSON: context,
            status: status(of: machine),
            outcome: machine.ending?.outcome.id,
            cursor: machine.currentPrompt?.key,
            createdAt: first.at,
            updatedAt: first.at
        )
        try store.createSession(row, firstEvents: [eventRow(first, sessionID: sessionID, scriptSource: loaded.source)])
        let journal = SessionJournal(store: store, sessionID: sessionID, persisted: 1)
        try journal.save(machine)
        return journal
    }

    /// Commits every entry the machine added since the last save.
    func save(_ machine: InterviewStateMachine) throws {
        while persisted < machine.journal.count {
            let entry = machine.journal[persisted]
            try store.append(
                Self.eventRow(entry, sessionID: sessionID, scriptSource: nil),
                status: Self.status(of: machine),
                cursor: machine.currentPrompt?.key,
                outcome: machine.ending?.outcome.id,
                updatedAt: entry.at
            )
            persisted += 1
        }
    }

    static func status(of machine: InterviewStateMachine) -> String {
        machine.ending != nil ? "finished" : machine.isPaused ? "paused" : "active"
    }

    static func eventRow(_ entry: JournalEntry, sessionID: String, scriptSource: String?) throws -> EventRow {
        let payload = String(
            decoding: try encoder.encode(Payload(event: entry.event, scriptSource: scriptSource)),
            as: UTF8.self
        )
        return EventRow(
            sessionID: sessionID,
            seq: Int64(entry.seq),
            kind: entry.event.kind,
            actor: entry.actor,
            at: entry.at,
            payload: payload
        )
    }

    /// Reads a session back: the pinned script and the journal entries.
    static func load(store: SessionStore, row: SessionRow) throws -> (LoadedScript, [JournalEntry]) {
        let rows = try store.events(sessionID: row.id)
        var entries: [JournalEntry] = []
        var source: String?
        for r in rows {
            guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(r.payload.utf8)) else {
                throw CLIError(
                    message: "Session \(row.id) has an event (\(r.seq)) that cannot be read. Nothing was changed.",
                    code: ExitStatus.dataError
                )
            }
            source = source ?? payload.scriptSource
            entries.append(JournalEntry(seq: Int(r.seq), at: r.at, actor: r.actor, event: payload.event))
        }
        guard let source else {
            throw CLIError(
                message: "Session \(row.id) has no pinned script. Nothing was changed.",
                code: ExitStatus.dataError
            )
        }
        do {
            return (try ScriptLoader.load(source: source, path: row.scriptPath), entries)
        } catch let error as ScriptLoadError {
            throw CLIError(
                message: "The script pinned in session \(row.id) no longer loads:\n\(error)",
                code: ExitStatus.dataError
            )
        }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}
