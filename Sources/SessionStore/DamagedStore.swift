#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moves a store SQLite cannot read out of the way. It is never deleted: it may hold the only copy of
/// someone's answers, and a specialist may still recover them.
enum DamagedStore {
    /// True when a non-empty file does not start with SQLite's magic header. Checked before SQLite opens
    /// it because SQLite, on closing a connection to such a file, deletes its -wal and -shm: the -wal could
    /// hold the last answers given.
    static func hasForeignHeader(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let magic = Array("SQLite format 3\0".utf8)
        var header = [UInt8](repeating: 0, count: magic.count)
        let count = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, magic.count) }
        return count > 0 && (count != magic.count || header != magic)
    }

    /// The error for a store SQLite cannot use. Its description is what a command that only reads says; a
    /// command that saves says its own words (from `detail`) before keeping the file aside.
    static func error(_ path: String, detail: String) -> StoreError {
        StoreError(
            .damaged,
            path: path,
            "The session store \(path) is damaged: \(detail).\n"
                + "Nothing was changed and nothing was moved: your earlier work is still in that file.\n"
                + "Copy it somewhere safe, then ask your organisation's data lead for help, or restore a backup.\n"
                + "The next time you start or run something, microproject keeps the damaged file aside and "
                + "begins a new, empty store.",
            detail: detail
        )
    }

    static func foreignHeader(_ path: String) -> StoreError {
        error(path, detail: "it does not begin like an SQLite database (its first bytes were overwritten)")
    }

    /// Returns the new path of the main file; its -wal and -shm keep their suffixes beside it so SQLite
    /// can still pair them up.
    static func moveAside(_ path: String, now: time_t = time(nil)) throws -> String {
        let aside = try freeName(for: path, stamp: utcStamp(now))
        // Companions first: a fresh database must never meet the old -wal, or SQLite could replay it.
        for suffix in StoreFiles.companions where FileSystem.kind(of: path + suffix).kind != .missing {
            try move(path + suffix, to: aside + suffix)
        }
        try move(path, to: aside)
        try FileSystem.syncFolder(FileSystem.parent(of: path))
        return aside
    }

    private static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            let code = errno
            throw StoreError(
                .cannotMoveAside,
                path: from,
                "The store \(from) is damaged and could not be moved aside to \(to): \(errnoText(code)). "
                    + "Move it away yourself (do not delete it) and run microproject again."
            )
        }
    }

    private static func freeName(for path: String, stamp: String) throws -> String {
        let base = path + ".corrupt-" + stamp
        var candidate = base
        var attempt = 1
        while [candidate, candidate + "-wal", candidate + "-shm"].contains(where: {
            FileSystem.kind(of: $0).kind != .missing
        }) {
            attempt += 1
            candidate = base + "-\(attempt)"
        }
        return candidate
    }

    /// `20250131T235959Z`: sortable, no colons (awkward in file names on some systems).
    static func utcStamp(_ seconds: time_t) -> String {
        var value = seconds
        var parts = tm()
        gmtime_r(&value, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }
}
