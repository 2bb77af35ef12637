import GRDB

/// Column mapping kept internal, so the CLI sees plain value types and never needs to import GRDB.
extension SessionRow {
    /// The columns `init(row:)` reads, in its order: rows are read by position, not by name.
    static let columns = """
        id, script_id, script_version, script_hash, script_path, context_json, status, outcome, cursor, \
        created_at, updated_at, record_path, microproject_id, stage
        """

    /// A row of `SELECT \(columns) FROM sessions`.
    init(row: Row) {
        self.init(
            id: row[0],
            scriptID: row[1],
            scriptVersion: row[2],
            scriptHash: row[3],
            scriptPath: row[4],
            contextJSON: row[5],
            status: row[6],
            outcome: row[7],
            cursor: row[8],
            createdAt: row[9],
            updatedAt: row[10],
            recordPath: row[11],
            microprojectID: row[12],
            stage: row[13]
        )
    }

    func insert(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO sessions (id, script_id, script_version, script_hash, script_path, context_json,
                    status, outcome, cursor, created_at, updated_at, record_path, microproject_id, stage)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, scriptID, scriptVersion, scriptHash, scriptPath, contextJSON,
                status, outcome, cursor, createdAt, updatedAt, recordPath, microprojectID, stage,
            ]
        )
    }
}

extension EventRow {
    /// The columns `init(row:)` reads, in its order.
    static let columns = "session_id, seq, kind, actor, at, payload"

    /// A row of `SELECT \(columns) FROM events`: read by position, which for a journal of thousands of
    /// events is measurably quicker than looking each column up by name.
    init(row: Row) {
        self.init(sessionID: row[0], seq: row[1], kind: row[2], actor: row[3], at: row[4], payload: row[5])
    }

    func insert(_ db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO events (session_id, seq, kind, actor, at, payload) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [sessionID, seq, kind, actor, at, payload])
    }
}
