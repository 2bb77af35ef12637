import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable home of sessions and their audit trail: one SQLite file in the data folder.
///
/// The CLI is synchronous and single threaded, so one `DatabaseQueue` (one connection) is enough.
public struct SessionStore: Sendable {
    static let fileName = "microproject.sqlite"

    let dbQueue: DatabaseQueue
    /// Full path of the SQLite file, for messages.
    let databasePath: String
    /// Where a damaged store was moved to while opening, so the CLI can tell the person; nil normally.
    public private(set) var recoveredFrom: String?

    public init(folder: String) throws {
        // SQLite creates the -wal and -shm files itself with the umask's mode, and a journal or temp file
        // may appear later at any time; a 077 umask keeps each of them private from the moment it exists.
        umask(0o077)
        let path = folder + "/" + Self.fileName
        databasePath = path
        if DamagedStore.hasForeignHeader(path) {
            recoveredFrom = try DamagedStore.moveAside(path)
        }
        do {
            dbQueue = try Self.openAndMigrate(path)
        } catch let error as DatabaseError where error.isCorruption && recoveredFrom == nil {
            // Damage past the header only shows once SQLite reads it.
            let aside = try DamagedStore.moveAside(path)
            recoveredFrom = aside
            do {
                dbQueue = try Self.openAndMigrate(path)
            } catch let error as DatabaseError {
                throw StoreError.cannotOpen(path, error)
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path, error)
        }
        try StoreFiles.restrict(path)
    }

    private static func openAndMigrate(_ path: String) throws -> DatabaseQueue {
        try StoreFiles.createPrivately(path)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        do {
            try Schema.migrator.migrate(queue)
        } catch {
            // Close now so a damaged file can be renamed without an open handle writing to it.
            try? queue.close()
            throw error
        }
        return queue
    }

    private static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // A second process (another terminal) may hold the write lock briefly; wait rather than fail.
        config.busyMode = .timeout(5)
        // Set by hand, not with `journalMode = .wal`: GRDB's WAL setup switches to synchronous=NORMAL,
        // which can lose the last acknowledged answer on power loss.
        config.prepareDatabase { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode?.lowercased() == "wal" else {
                throw DatabaseError(message: "could not switch to WAL mode (got \(mode ?? "nothing"))")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }
}

extension DatabaseError {
    /// SQLite's words for "this is not (or no longer) a valid database file".
    var isCorruption: Bool {
        resultCode == .SQLITE_CORRUPT || resultCode == .SQLITE_NOTADB
    }
}

extension StoreError {
    static func cannotOpen(_ path: String, _ error: DatabaseError) -> StoreError {
        StoreError(
            .cannotOpenStore,
            path: path,
            "Could not open the store \(path): \(error.message ?? "\(error.resultCode)"). "
                + "Check that the folder is yours and writable, and that the disk is not full."
        )
    }
}
