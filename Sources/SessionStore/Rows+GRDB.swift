import GRDB

/// Column mapping kept internal, so the CLI sees plain value types and never needs to import GRDB.
extension SessionRow {
    init(row: Row) {
        self.init(
            id: row["id"],
            scriptID: row["script_id"],
            scriptVersion: row["script_version"],
            scriptHash: row["script_hash"],
            scriptPath: row["script_path"],
            contextJSON: row["context_json"],
            status: row["status"],
            outcome: row["outcome"],
            cursor: row["cursor"],
            createdAt: row["created_at"],
            updatedAt: row["updated_at"],
            recordPath: row["record_path"],
            microprojectID: row["microproject_id"],
            stage: row["stage"]
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
    init(row: Row) {
        self.init(
            sessionID: row["session_id"],
            seq: row["seq"],
            kind: row["kind"],
            actor: row["actor"],
            at: row["at"],
            payload: row["payload"]
        )
    }

    func insert(_ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO events (session_id, seq, kind, actor, at, payload) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [sessionID, seq, kind, actor, at, payload]
        )
    }
}
