import GRDB

/// Every public operation goes through these, so SQLite's terse errors reach people as a `StoreError`
/// that names the action, the file and a next step.
extension SessionStore {
    func writing<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        try translatingErrors(action) { try dbQueue.write(body) }
    }

    func reading<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        try translatingErrors(action) { try dbQueue.read(body) }
    }

    private func translatingErrors<T>(_ action: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(
                .database,
                path: databasePath,
                "Could not \(action) in \(databasePath): \(error.message ?? "\(error.resultCode)"). "
                    + advice(for: error)
            )
        }
    }

    private func advice(for error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "Another microproject is using the store; finish or close it and try again."
        case .SQLITE_FULL:
            return "The disk is full; free some space and try again."
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "The store is damaged. Copy it somewhere safe; the next start moves it aside and begins afresh."
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return "Check that the data folder and its files belong to you and are writable."
        default:
            return "If this keeps happening, please report it with this message."
        }
    }
}
