#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Can answers be saved here? Checked before the first question, so nobody types an answer that then
/// cannot be kept. No SQLite: a few system calls.
enum Preflight {
    /// Below this much free space a new session is refused: SQLite's WAL grows by whole pages with every
    /// answer, and an answer that cannot be saved must not be asked for.
    static let minimumFreeBytes: UInt64 = 1 << 20

    static func checkWritable(folder: String, store path: String, minimumFree: UInt64 = minimumFreeBytes) throws {
        guard isWritable(folder) else {
            throw StoreError(
                .readOnly,
                path: folder,
                "The data folder \(folder) cannot be written to, so nothing you answer could be saved. "
                    + "Make it writable (chmod u+w \(folder)), or set MICROPROJECT_HOME to a folder you can "
                    + "write to. A backup kept read-only can still be looked at with 'microproject list' and "
                    + "'microproject show ID'."
            )
        }
        switch FileSystem.kind(of: path).kind {
        case .symlink: throw StoreFiles.symlinkError(path)
        case .directory, .other:
            throw StoreError(
                .cannotOpenStore,
                path: path,
                "The store \(path) is not a file. Move it away, or set MICROPROJECT_HOME to another folder."
            )
        case .missing, .regularFile: break
        }
        for file in [path] + StoreFiles.companions.map({ path + $0 })
        where FileSystem.kind(of: file).kind == .regularFile && !isWritable(file) {
            throw StoreError(
                .readOnly,
                path: file,
                "The store file \(file) is read-only, so nothing you answer could be saved. Make it writable "
                    + "(chmod u+w \(file)), or set MICROPROJECT_HOME to another folder. A read-only copy can "
                    + "still be looked at with 'microproject list' and 'microproject show ID'."
            )
        }
        var info = statvfs()
        if statvfs(folder, &info) == 0 {
            let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
            if free < minimumFree { throw diskFull(folder, free: free) }
        }
    }

    /// Writable by us and meant to be: root may write anywhere, but a folder or file with no write bit
    /// (a backup made read-only) is treated as read-only for root too.
    static func isWritable(_ path: String) -> Bool {
        access(path, W_OK) == 0 && FileSystem.kind(of: path).mode & 0o222 != 0
    }

    static func diskFull(_ folder: String, free: UInt64?) -> StoreError {
        let left = free.map { " (\($0 / 1024) KB free)" } ?? ""
        return StoreError(
            .diskFull,
            path: folder,
            "The disk that holds \(folder) is full\(left), so nothing you answer could be saved. "
                + "Free some space, or set MICROPROJECT_HOME to a folder on another disk, and try again."
        )
    }
}
