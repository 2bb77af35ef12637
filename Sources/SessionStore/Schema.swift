import GRDB

/// The store's tables. Migrations are append-only: a shipped migration is never edited, a new one is added.
enum Schema {
    /// Every table the store needs once all migrations have run.
    static let tables = ["sessions", "events", "practitioners", "microprojects", "microproject_events"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sessions (
                        id TEXT PRIMARY KEY NOT NULL,
                        script_id TEXT NOT NULL,
                        script_version TEXT NOT NULL,
                        script_hash TEXT NOT NULL,
                        script_path TEXT NOT NULL,
                        context_json TEXT NOT NULL,
                        status TEXT NOT NULL,
                        outcome TEXT,
                        cursor TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        record_path TEXT
                    );
                    CREATE INDEX sessions_by_update ON sessions(updated_at);
                    CREATE TABLE events (
                        session_id TEXT NOT NULL REFERENCES sessions(id),
                        seq INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        payload TEXT NOT NULL,
                        PRIMARY KEY (session_id, seq)
                    );
                    -- The audit trail is evidence: what was asked and answered stays, even off-route answers.
                    CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed'); END;
                    CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be deleted'); END;
                    """
            )
        }
        migrator.registerMigration("v2-microprojects") { db in
            try db.execute(
                sql: """
                    CREATE TABLE practitioners (
                        id TEXT PRIMARY KEY NOT NULL,
                        profile_json TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE TABLE microprojects (
                        id TEXT PRIMARY KEY NOT NULL,
                        practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
                        status TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        summary_json TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE TABLE microproject_events (
                        microproject_id TEXT NOT NULL REFERENCES microprojects(id),
                        seq INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        payload TEXT NOT NULL,
                        PRIMARY KEY (microproject_id, seq)
                    );
                    CREATE TRIGGER microproject_events_append_only_update BEFORE UPDATE ON microproject_events
                    BEGIN SELECT RAISE(ABORT, 'microproject events are append-only: an event cannot be changed'); END;
                    CREATE TRIGGER microproject_events_append_only_delete BEFORE DELETE ON microproject_events
                    BEGIN SELECT RAISE(ABORT, 'microproject events are append-only: an event cannot be deleted'); END;
                    ALTER TABLE sessions ADD COLUMN microproject_id TEXT REFERENCES microprojects(id);
                    ALTER TABLE sessions ADD COLUMN stage TEXT;
                    CREATE INDEX sessions_by_microproject ON sessions(microproject_id, created_at);
                    """
            )
        }
        return migrator
    }
}
