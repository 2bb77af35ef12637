import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable home of sessions and their audit trail: one SQLite file in the data folder.
///
/// The CLI is synchronous and single threaded, so one `DatabaseQueue` (one connection) is enough.
///
/// Opening checks the whole file (`PRAGMA quick_check`), because SQLite notices a damaged page only when it
/// reads it: a store that opened fine could otherwise take new sessions into a malformed file. A damaged
/// store is never moved or changed here; the open throws `.damaged` and the CLI decides, after telling
/// the person, whether to keep it aside (`moveDamagedAside`) and start afresh.
public struct SessionStore: Sendable {
    /// What a command means to do with the store.
    public enum Access: Sendable {
        /// Commands that save: the folder must be writable with room to spare; the store is created if
        /// missing, checked and brought up to date.
        case write
        /// Commands that only look (list, show, export): nothing is created, changed or moved, and a store
        /// that cannot be written (a backup folder, a file of mode 0400) can still be read.
        case read
    }

    static let fileName = "microproject.sqlite"

    let dbQueue: DatabaseQueue
    /// Full path of the SQLite file, for messages.
    let databasePath: String
    public let access: Access
    let health = StoreHealth()

    /// Where the store lives in a data folder.
    public static func databasePath(in folder: String) -> String { folder + "/" + fileName }

    /// True when the data folder holds a store with something in it (an empty file is a new store), or
    /// something else where the store belongs (a link, a folder), which opening it will then refuse.
    public static func exists(in folder: String) -> Bool {
        let path = databasePath(in: folder)
        return FileSystem.kind(of: path).kind != .missing && FileSystem.size(of: path) != 0
    }

    public init(folder: String, access: Access = .write) throws {
        try self.init(folder: folder, access: access, checkIntegrity: true)
    }

    /// `checkIntegrity: false` exists only so the bench can measure what the check costs.
    @_spi(Bench) public init(folder: String, access: Access, checkIntegrity: Bool) throws {
        // SQLite creates the -wal and -shm files itself with the umask's mode, and a journal or temp file
        // may appear later at any time; a 077 umask keeps each of them private from the moment it exists.
        umask(0o077)
        let path = Self.databasePath(in: folder)
        databasePath = path
        switch access {
        case .write:
            dbQueue = try Self.openForWriting(folder: folder, path: path, checkIntegrity: checkIntegrity)
            self.access = .write
        case .read:
            (dbQueue, self.access) = try Self.openForReading(folder: folder, path: path, checkIntegrity: checkIntegrity)
        }
    }

    /// Checks, without opening SQLite, that answers could be saved in `folder`: it is writable, the store
    /// and its companions (if they exist) are writable, and the disk has room. Cheap enough to run before
    /// the first question even when the store itself is created only at the first answer.
    public static func checkWritable(folder: String) throws {
        try Preflight.checkWritable(folder: folder, store: databasePath(in: folder))
    }

    /// Keeps a damaged store (and its -wal and -shm) aside under a new name, never deleting anything, so a
    /// new store can start in its place. Returns the kept copy's path.
    public static func moveDamagedAside(folder: String) throws -> String {
        try DamagedStore.moveAside(databasePath(in: folder))
    }

    private static func openForWriting(folder: String, path: String, checkIntegrity: Bool) throws -> DatabaseQueue {
        try Preflight.checkWritable(folder: folder, store: path)
        // Before SQLite opens it: SQLite, on closing a connection to such a file, deletes its -wal and -shm,
        // and the -wal could hold the last answers given.
        if DamagedStore.hasForeignHeader(path) { throw DamagedStore.foreignHeader(path) }
        try StoreFiles.createPrivately(path)
        let queue = try open(path, configuration: writeConfiguration)
        do {
            if checkIntegrity { try verify(queue, path) }
            try Schema.migrator.migrate(queue)
            try checkTables(queue, path)
        } catch {
            // Never closed: closing the last connection checkpoints the WAL into the main file, which would
            // write into a store that is damaged or that we do not understand.
            StoreHealth.quarantine(queue)
            throw classify(error, path, action: "open")
        }
        try StoreFiles.restrict(path)
        return queue
    }

    private static func openForReading(
        folder: String,
        path: String,
        checkIntegrity: Bool
    ) throws -> (DatabaseQueue, Access) {
        switch FileSystem.kind(of: path).kind {
        case .missing:
            return (try emptyStore(), .read)
        case .symlink:
            throw StoreFiles.symlinkError(path)
        case .directory, .other:
            throw StoreError(
                .cannotOpenStore,
                path: path,
                "The store \(path) is not a file. Move it away, or set MICROPROJECT_HOME to another folder."
            )
        case .regularFile:
            break
        }
        // Nothing saved yet: an empty file is a new store, and reading it must not make it one.
        if FileSystem.size(of: path) == 0 { return (try emptyStore(), .read) }
        if DamagedStore.hasForeignHeader(path) { throw DamagedStore.foreignHeader(path) }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        // A WAL store needs its -shm; in a folder that cannot be written (a backup) or on a full disk SQLite
        // cannot make one, so a store with no unsaved WAL is then opened as immutable: read exactly as the
        // file is, without locks. Only then: without locks a writer's checkpoint could be read half done.
        let hasWAL = (FileSystem.size(of: path + "-wal") ?? 0) > 0
        func attempt(immutable: Bool) throws -> (DatabaseQueue, Bool) {
            let queue = try DatabaseQueue(path: immutable ? immutableURI(path) : path, configuration: config)
            if checkIntegrity { try verify(queue, path) }
            let complete = try queue.read { try Schema.migrator.hasCompletedMigrations($0) }
            if complete { try checkTables(queue, path) }
            return (queue, complete)
        }
        let queue: DatabaseQueue
        let complete: Bool
        do {
            let immutable = !Preflight.isWritable(folder) && !hasWAL
            do {
                (queue, complete) = try attempt(immutable: immutable)
            } catch let error as DatabaseError
                where !immutable && !hasWAL
                && [.SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_FULL].contains(error.resultCode)
            {
                (queue, complete) = try attempt(immutable: true)
            }
        } catch {
            throw classify(error, path, action: "open")
        }
        if complete { return (queue, .read) }
        // Made by an earlier version: bringing it up to date is a write, done once, when it can be.
        try queue.close()
        do {
            return (try openForWriting(folder: folder, path: path, checkIntegrity: checkIntegrity), .write)
        } catch let error as StoreError where error.code == .readOnly || error.code == .diskFull {
            throw StoreError(
                .readOnly,
                path: path,
                "The store \(path) was made by an earlier version of microproject and must be brought up to "
                    + "date before it can be read, which needs a folder you can write to. Nothing was changed. "
                    + "Copy the folder somewhere writable and point MICROPROJECT_HOME at the copy."
            )
        }
    }

    /// A store with nothing in it, in memory, for reading a data folder where nothing has been saved yet.
    private static func emptyStore() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return queue
    }

    private static func open(_ path: String, configuration: Configuration) throws -> DatabaseQueue {
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw classify(error, path, action: "open")
        }
    }

    /// Reads every page of the store. A few milliseconds for a store of 5,000 events (Scripts/bench).
    private static func verify(_ queue: DatabaseQueue, _ path: String) throws {
        let found = try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
        guard found != ["ok"] else { return }
        let first = found.first ?? "no answer"
        let more = found.count > 1 ? " (and \(found.count - 1) more problem\(found.count == 2 ? "" : "s"))" : ""
        throw DamagedStore.error(path, detail: "SQLite's check of the file found: \(first)\(more)")
    }

    /// A store whose tables were dropped or renamed would fail later with "no such table"; say so at open.
    private static func checkTables(_ queue: DatabaseQueue, _ path: String) throws {
        let present = try queue.read {
            Set(try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        }
        let missing = Schema.tables.filter { !present.contains($0) }
        guard !missing.isEmpty else { return }
        let names = missing.map { "'\($0)'" }.joined(separator: ", ")
        throw DamagedStore.error(
            path,
            detail: "\(missing.count == 1 ? "its table \(names) is" : "its tables \(names) are") missing"
        )
    }

    /// SQLite's open and read errors in words, with the kind the CLI maps to an exit status.
    static func classify(_ error: Error, _ path: String, action: String) -> Error {
        guard let error = error as? DatabaseError else { return error }
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return DamagedStore.error(path, detail: "SQLite reports: \(message)")
        case .SQLITE_FULL:
            return Preflight.diskFull(FileSystem.parent(of: path), free: nil)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return StoreError(
                .readOnly,
                path: path,
                "Could not \(action) the store \(path): \(message). Check that the data folder and its files "
                    + "belong to you and are writable, or set MICROPROJECT_HOME to a folder you can write to."
            )
        default:
            return StoreError.cannotOpen(path, error)
        }
    }

    /// `file:` URI with `immutable=1`, the path percent-encoded so `?`, `#` and `%` in it stay literal.
    static func immutableURI(_ path: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._~".utf8)
        var out = "file:"
        for byte in path.utf8 {
            if safe.contains(byte) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out + "?immutable=1"
    }

    private static var writeConfiguration: Configuration {
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
