import GRDB

extension SessionStore {
    public func session(id: String) throws -> SessionRow? {
        try reading("read session \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT \(SessionRow.columns) FROM sessions WHERE id = ?", arguments: [id]).map(
                SessionRow.init(row:)
            )
        }
    }

    /// Newest activity first, which is what a "resume which one?" list wants.
    public func sessions() throws -> [SessionRow] {
        try reading("list sessions") { db in
            try Row.fetchAll(db, sql: "SELECT \(SessionRow.columns) FROM sessions ORDER BY updated_at DESC, id")
                .map(SessionRow.init(row:))
        }
    }

    public func events(sessionID: String) throws -> [EventRow] {
        try reading("read the events of session \(sessionID)") { db in
            // A cursor reads each row in place; `fetchAll` would copy every row before mapping it.
            try Array(
                Row.fetchCursor(
                    db,
                    sql: "SELECT \(EventRow.columns) FROM events WHERE session_id = ? ORDER BY seq",
                    arguments: [sessionID]
                ).map(EventRow.init(row:))
            )
        }
    }
}
