import GRDB

extension SessionStore {
    // MARK: Practitioners

    /// Creates or replaces a practitioner's profile (a JSON document the CLI owns).
    public func savePractitioner(id: String, profileJSON: String, at time: Int64) throws {
        try writing("save practitioner \(id)") { db in
            try db.execute(
                sql: """
                    INSERT INTO practitioners (id, profile_json, created_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET profile_json = excluded.profile_json, updated_at = excluded.updated_at
                    """,
                arguments: [id, profileJSON, time, time]
            )
        }
    }

    public func practitionerJSON(id: String) throws -> String? {
        try reading("read practitioner \(id)") { db in
            try String.fetchOne(db, sql: "SELECT profile_json FROM practitioners WHERE id = ?", arguments: [id])
        }
    }

    /// Every profile as (id, JSON), in id order.
    public func practitionerJSONs() throws -> [(id: String, json: String)] {
        try reading("list practitioners") { db in
            try Row.fetchAll(db, sql: "SELECT id, profile_json FROM practitioners ORDER BY id").map {
                (id: $0["id"], json: $0["profile_json"])
            }
        }
    }

    // MARK: Microprojects

    /// Creates a microproject with its first journal entry, in one transaction.
    public func createMicroproject(_ row: MicroprojectRow, firstEvent: MicroprojectEventRow) throws {
        try writing("create microproject \(row.id)") { db in
            try db.execute(
                sql: """
                    INSERT INTO microprojects (id, practitioner_id, status, stage, summary_json, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row.id, row.practitionerID, row.status, row.stage, row.summaryJSON, row.createdAt, row.updatedAt,
                ]
            )
            try firstEvent.insert(db)
        }
    }

    /// Appends to a microproject's journal and updates its listed projection in the same transaction.
    public func appendMicroprojectEvent(
        _ event: MicroprojectEventRow,
        status: String,
        stage: String,
        summaryJSON: String
    ) throws {
        try writing("save event \(event.seq) of microproject \(event.microprojectID)") { db in
            let last =
                try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT MAX(seq) FROM microproject_events WHERE microproject_id = ?"),
                    arguments: [event.microprojectID]
                ) ?? 0
            guard event.seq == last + 1 else {
                throw StoreError(
                    .sequenceMismatch,
                    path: databasePath,
                    "Could not save event \(event.seq) of microproject \(event.microprojectID): the next must be "
                        + "\(last + 1). Another microproject command may be running; close it and try again."
                )
            }
            try event.insert(db)
            try db.cachedStatement(
                sql: "UPDATE microprojects SET status = ?, stage = ?, summary_json = ?, updated_at = ? WHERE id = ?"
            ).execute(arguments: [status, stage, summaryJSON, event.at, event.microprojectID])
        }
    }

    public func microproject(id: String) throws -> MicroprojectRow? {
        try reading("read microproject \(id)") { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(MicroprojectRow.columns) FROM microprojects WHERE id = ?",
                arguments: [id]
            )
            .map(MicroprojectRow.init(row:))
        }
    }

    /// Newest activity first.
    public func microprojects() throws -> [MicroprojectRow] {
        try reading("list microprojects") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(MicroprojectRow.columns) FROM microprojects ORDER BY updated_at DESC, id"
            )
            .map(MicroprojectRow.init(row:))
        }
    }

    public func microprojectEvents(id: String) throws -> [MicroprojectEventRow] {
        try reading("read the journal of microproject \(id)") { db in
            try Array(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT \(MicroprojectEventRow.columns) FROM microproject_events WHERE microproject_id = ?
                        ORDER BY seq
                        """,
                    arguments: [id]
                ).map(MicroprojectEventRow.init(row:))
            )
        }
    }

    /// The stage sessions of a microproject, oldest first.
    public func sessions(microprojectID: String) throws -> [SessionRow] {
        try reading("list the sessions of microproject \(microprojectID)") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(SessionRow.columns) FROM sessions WHERE microproject_id = ? ORDER BY created_at, rowid",
                arguments: [microprojectID]
            ).map(SessionRow.init(row:))
        }
    }
}

extension MicroprojectRow {
    /// The columns `init(row:)` reads, in its order.
    static let columns = "id, practitioner_id, status, stage, summary_json, created_at, updated_at"

    init(row: Row) {
        self.init(
            id: row[0],
            practitionerID: row[1],
            status: row[2],
            stage: row[3],
            summaryJSON: row[4],
            createdAt: row[5],
            updatedAt: row[6]
        )
    }
}

extension MicroprojectEventRow {
    /// The columns `init(row:)` reads, in its order.
    static let columns = "microproject_id, seq, kind, actor, at, payload"

    init(row: Row) {
        self.init(microprojectID: row[0], seq: row[1], kind: row[2], actor: row[3], at: row[4], payload: row[5])
    }

    func insert(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO microproject_events (microproject_id, seq, kind, actor, at, payload)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [microprojectID, seq, kind, actor, at, payload])
    }
}
