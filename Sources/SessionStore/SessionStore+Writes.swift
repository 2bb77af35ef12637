import GRDB

extension SessionStore {
    /// Stores a new session and its opening events together, so a session never exists without them.
    /// Event sequence numbers must run 1, 2, 3… and belong to `row.id`.
    public func createSession(_ row: SessionRow, firstEvents: [EventRow]) throws {
        for (offset, event) in firstEvents.enumerated()
        where event.sessionID != row.id || event.seq != Int64(offset + 1) {
            throw StoreError(
                .invalidEvents,
                path: databasePath,
                "Could not create session \(row.id): its first events must belong to it and be numbered "
                    + "1, 2, 3…; event \(offset + 1) is seq \(event.seq) of session \(event.sessionID). "
                    + "This is a bug in microproject; please report it."
            )
        }
        try writing("create session \(row.id)") { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sessions WHERE id = ?)", arguments: [row.id])
                == true
            {
                throw StoreError(
                    .sessionExists,
                    path: databasePath,
                    "Could not create session \(row.id) in \(databasePath): a session with that id already exists. "
                        + "Start again to get a new id."
                )
            }
            try row.insert(db)
            for event in firstEvents { try event.insert(db) }
        }
    }

    /// Records one event and moves the session on, in one transaction: this is the durability contract,
    /// an answer and the new cursor are on disk together before the next prompt appears.
    ///
    /// `event.seq` must be exactly the last seq + 1. Checking it inside the (immediate) transaction turns
    /// two processes driving one session into a clear error instead of an interleaved trail.
    public func append(_ event: EventRow, status: String, cursor: String?, outcome: String?, updatedAt: Int64) throws {
        try writing("save event \(event.seq) of session \(event.sessionID)") { db in
            let last = try lastSeq(db, sessionID: event.sessionID)
            guard event.seq == last + 1 else {
                throw StoreError(
                    .sequenceMismatch,
                    path: databasePath,
                    "Could not save event \(event.seq) of session \(event.sessionID): the store's last event "
                        + "is \(last), so the next must be \(last + 1). Another microproject may be running this "
                        + "session; close it and resume here."
                )
            }
            try event.insert(db)
            // Prepared once per connection, like every statement of an answer's transaction.
            try db.cachedStatement(
                sql: "UPDATE sessions SET status = ?, cursor = ?, outcome = ?, updated_at = ? WHERE id = ?"
            ).execute(arguments: [status, cursor, outcome, updatedAt, event.sessionID])
        }
    }

    public func setRecordPath(sessionID: String, path: String) throws {
        try writing("set the record path of session \(sessionID)") { db in
            try db.execute(sql: "UPDATE sessions SET record_path = ? WHERE id = ?", arguments: [path, sessionID])
            guard db.changesCount == 1 else { throw unknownSession(sessionID) }
        }
    }

    /// The last seq of an existing session (0 when it has no events); throws if there is no such session.
    private func lastSeq(_ db: Database, sessionID: String) throws -> Int64 {
        let statement = try db.cachedStatement(
            sql: """
                SELECT EXISTS(SELECT 1 FROM sessions WHERE id = ?),
                       (SELECT MAX(seq) FROM events WHERE session_id = ?)
                """
        )
        let row = try Row.fetchOne(statement, arguments: [sessionID, sessionID])
        guard let row, row[0] == true else { throw unknownSession(sessionID) }
        let last: Int64? = row[1]
        return last ?? 0
    }

    func unknownSession(_ id: String) -> StoreError {
        StoreError(
            .unknownSession,
            path: databasePath,
            "There is no session \(id) in \(databasePath). List sessions to see the ids that exist."
        )
    }
}
