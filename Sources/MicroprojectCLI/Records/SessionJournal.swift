import Foundation
import InterviewEngine
import PromptScripts
import SessionStore

/// Keeps a session's journal in the store: every new entry is committed, with the new cursor, before the
/// driver shows anything else. This is the "nothing acknowledged is ever lost" contract.
///
/// A new session touches the store only when its first real event arrives (an answer, a note, a pause),
/// so the first question appears without waiting for the disk; nothing has been typed before then.
final class SessionJournal {
    let sessionID: String
    private(set) var persisted: Int
    private let openStore: () throws -> SessionStore
    private var opened: SessionStore?
    /// Set until the session row exists.
    private var pending: Pending?

    struct Pending {
        var loaded: LoadedScript
        var microprojectID: String?
        var stage: String?
        /// Where its record goes, when that was given (`run --record PATH`), kept with the session from the start
        /// so a record whose write failed is written again in the same place.
        var recordPath: String?
    }

    /// The first entry carries the script's full text, so the session replays against exactly the script
    /// it started with, even after the file changes.
    /// Stored flat: the event's own fields, plus `scriptSource` on the first entry only.
    struct Payload: Encodable {
        var event: JournalEvent
        var scriptSource: String?
        var enteredBy: String?

        enum CodingKeys: String, CodingKey { case scriptSource, enteredBy }

        func encode(to encoder: Encoder) throws {
            try event.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(scriptSource, forKey: .scriptSource)
            try c.encodeIfPresent(enteredBy, forKey: .enteredBy)
        }
    }

    /// One stored event read back: the event's fields and who typed it, at the same level.
    struct StoredEvent: Decodable {
        var event: JournalEvent
        var enteredBy: String?

        init(event: JournalEvent, enteredBy: String?) {
            self.event = event
            self.enteredBy = enteredBy
        }

        init(from decoder: Decoder) throws {
            event = try JournalEvent(from: decoder)
            enteredBy = try decoder.container(keyedBy: Payload.CodingKeys.self)
                .decodeIfPresent(String.self, forKey: .enteredBy)
        }
    }

    /// Reads only the pinned script from the first entry.
    struct PinnedScript: Decodable {
        var scriptSource: String?
    }

    private init(sessionID: String, persisted: Int, openStore: @escaping () throws -> SessionStore, pending: Pending?) {
        self.sessionID = sessionID
        self.persisted = persisted
        self.openStore = openStore
        self.pending = pending
    }

    /// A session not yet in the store.
    static func fresh(
        sessionID: String,
        loaded: LoadedScript,
        microprojectID: String? = nil,
        stage: String? = nil,
        recordPath: String? = nil,
        openStore: @escaping () throws -> SessionStore
    ) -> SessionJournal {
        SessionJournal(
            sessionID: sessionID,
            persisted: 0,
            openStore: openStore,
            pending: Pending(loaded: loaded, microprojectID: microprojectID, stage: stage, recordPath: recordPath)
        )
    }

    /// A session already in the store with `persisted` entries.
    static func existing(store: SessionStore, sessionID: String, persisted: Int) -> SessionJournal {
        let journal = SessionJournal(sessionID: sessionID, persisted: persisted, openStore: { store }, pending: nil)
        journal.opened = store
        return journal
    }

    var store: SessionStore {
        get throws {
            if let opened { return opened }
            let store = try openStore()
            opened = store
            return store
        }
    }

    /// True once the session exists in the store.
    var isStored: Bool { pending == nil }

    /// Commits every entry the machine added since the last save, with where the last step left the interview
    /// (its status and open question), so nothing is asked of the machine again.
    func save(_ step: Step, of machine: InterviewStateMachine) throws {
        try save(machine, status: step.status, cursor: step.cursor)
    }

    /// The same, for a machine that took no step since it started (an interview that ended before anyone typed).
    func save(_ machine: InterviewStateMachine) throws {
        let status: InterviewStatus =
            machine.ending.map { .finished(outcome: $0.outcome.id) }
            ?? (machine.isPaused ? .paused : machine.awaitingAcknowledgement != nil ? .acknowledging : .asking)
        try save(machine, status: status, cursor: machine.currentPrompt?.key)
    }

    private func save(_ machine: InterviewStateMachine, status: InterviewStatus, cursor: String?) throws {
        guard persisted < machine.journal.count else { return }
        let outcome: String?
        if case .finished(let id) = status { outcome = id } else { outcome = nil }
        if let pending {
            // Only "started" so far: nothing a person did is waiting to be saved.
            guard machine.journal.count > 1 || outcome != nil else { return }
            try create(machine, pending, status: Self.name(of: status), cursor: cursor, outcome: outcome)
            return
        }
        let store = try self.store
        while persisted < machine.journal.count {
            let entry = machine.journal[persisted]
            try store.append(
                Self.eventRow(entry, sessionID: sessionID, scriptSource: nil),
                status: Self.name(of: status),
                cursor: cursor,
                outcome: outcome,
                updatedAt: entry.at
            )
            persisted += 1
        }
    }

    /// Creates the session with every entry so far, in one transaction.
    private func create(
        _ machine: InterviewStateMachine,
        _ pending: Pending,
        status: String,
        cursor: String?,
        outcome: String?
    ) throws {
        let context = String(decoding: try Self.encoder.encode(machine.context), as: UTF8.self)
        let first = machine.journal[0]
        let last = machine.journal[machine.journal.count - 1]
        let row = SessionRow(
            id: sessionID,
            scriptID: pending.loaded.script.id,
            scriptVersion: pending.loaded.script.version,
            scriptHash: pending.loaded.script.contentHash,
            scriptPath: pending.loaded.path,
            contextJSON: context,
            status: status,
            outcome: outcome,
            cursor: cursor,
            createdAt: first.at,
            updatedAt: last.at,
            recordPath: pending.recordPath,
            microprojectID: pending.microprojectID,
            stage: pending.stage
        )
        let events = try machine.journal.map { entry in
            try Self.eventRow(
                entry,
                sessionID: sessionID,
                scriptSource: entry.seq == 1 ? pending.loaded.source : nil
            )
        }
        try store.createSession(row, firstEvents: events)
        self.pending = nil
        persisted = machine.journal.count
    }

    /// The store's word for a status: a session waiting for an acknowledgement is still active.
    static func name(of status: InterviewStatus) -> String {
        switch status {
        case .finished: "finished"
        case .paused: "paused"
        case .asking, .acknowledging: "active"
        }
    }

    static func eventRow(_ entry: JournalEntry, sessionID: String, scriptSource: String?) throws -> EventRow {
        EventRow(
            sessionID: sessionID,
            seq: Int64(entry.seq),
            kind: entry.event.kind,
            actor: entry.actor,
            at: entry.at,
            payload: try JournalPayload.json(entry, scriptSource: scriptSource)
        )
    }

    /// Reads a session back: the pinned script and the journal entries.
    static func load(store: SessionStore, row: SessionRow) throws -> (LoadedScript, [JournalEntry]) {
        let rows = try store.events(sessionID: row.id)
        var events: [StoredEvent] = []
        events.reserveCapacity(rows.count)
        let source: String?
        do {
            // Read directly where the entry is one `JournalPayload` reads; the decoder takes the rest (the
            // started entry) and says exactly what is wrong with a damaged one.
            for r in rows {
                if let (event, enteredBy) = JournalPayload.read(r.payload) {
                    events.append(StoredEvent(event: event, enteredBy: enteredBy))
                } else {
                    events.append(try JSONDecoder().decode(StoredEvent.self, from: Data(r.payload.utf8)))
                }
            }
            source = try rows.first.flatMap {
                try JournalPayload.pinnedScript($0.payload)
                    ?? JSONDecoder().decode(PinnedScript.self, from: Data($0.payload.utf8)).scriptSource
            }
        } catch {
            throw CLIError(
                message: "Session \(row.id) has an event that cannot be read (\(error)). Nothing was changed.",
                code: ExitStatus.dataError
            )
        }
        var entries: [JournalEntry] = []
        entries.reserveCapacity(rows.count)
        for (r, event) in zip(rows, events) {
            entries.append(
                JournalEntry(seq: Int(r.seq), at: r.at, actor: r.actor, event: event.event, enteredBy: event.enteredBy)
            )
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
