import GRDB

/// Every public operation goes through these, so SQLite's terse errors reach people as a `StoreError`
/// that names the action, the file and a next step.
extension SessionStore {
    func writing<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        // Once SQLite has reported damage, nothing more goes into that file.
        if let damage = health.damaged { throw damage }
        guard access == .write else {
            throw StoreError(
                .readOnly,
                path: databasePath,
                "Could not \(action): the store \(databasePath) was opened only to read. "
                    + "This is a bug in microproject; please report it."
            )
        }
        return try translatingErrors(action) {
            try dbQueue.writeWithoutTransaction { db in try Self.immediateTransaction(db) { try body(db) } }
        }
    }

    /// `BEGIN IMMEDIATE` (so two writers never overlap), the body, `COMMIT`, with the three statements
    /// prepared once per connection: GRDB's own transaction prepares them afresh every time, which for a
    /// one-answer transaction costs as much as the answer's own statements. Anything thrown rolls back.
    static func immediateTransaction<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
            let result = try body()
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return result
        } catch {
            // SQLite may already have rolled back (a full disk, an I/O error); the first error is the one told.
            if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
            throw error
        }
    }

    func reading<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        try translatingErrors(action) { try dbQueue.read(body) }
    }

    private func translatingErrors<T>(_ action: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            let message = error.message ?? "\(error.resultCode)"
            if error.isCorruption || message.hasPrefix("no such table") || message.hasPrefix("no such column") {
                let damage = StoreError(
                    .damaged,
                    path: databasePath,
                    "Could not \(action) in \(databasePath): \(message).\n"
                        + "The store is damaged, so nothing more will be written into it; it is kept as it is.\n"
                        + "Copy it somewhere safe, then ask your organisation's data lead for help, or restore a "
                        + "backup. The next time you start or run something, microproject keeps the damaged file "
                        + "aside and begins a new, empty store.",
                    detail: "SQLite reports: \(message)"
                )
                health.markDamaged(damage, queue: dbQueue)
                throw damage
            }
            throw StoreError(
                code(for: error),
                path: databasePath,
                "Could not \(action) in \(databasePath): \(message). " + advice(for: error)
            )
        }
    }

    private func code(for error: DatabaseError) -> StoreError.Code {
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: return .readOnly
        default: return .database
        }
    }

    private func advice(for error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "Another microproject is using the store; finish or close it and try again."
        case .SQLITE_FULL:
            return "The disk is full; free some space and try again."
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return "Check that the data folder and its files belong to you and are writable."
        default:
            return "If this keeps happening, please report it with this message."
        }
    }
}
