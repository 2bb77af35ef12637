#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the SQLite file and its companions private whatever the umask was when they were made.
enum StoreFiles {
    static let companions = ["-wal", "-shm"]

    /// Creates the database file as 0600 before SQLite sees it (an empty file is a valid new database),
    /// and refuses a symlink in its place.
    static func createPrivately(_ path: String) throws {
        let fd = open(path, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { throw symlinkError(path) }
            throw StoreError(
                code == EACCES || code == EROFS || code == EPERM ? .readOnly : .cannotOpenStore,
                path: path,
                "Could not open the store \(path): \(errnoText(code)). Check that the folder is yours and writable."
            )
        }
        close(fd)
    }

    static func symlinkError(_ path: String) -> StoreError {
        StoreError(
            .cannotOpenStore,
            path: path,
            "The store \(path) is a symlink; microproject will not follow it. Remove the link."
        )
    }

    /// SQLite gives -wal and -shm the main file's mode, so fixing all three closes any gap left by a file
    /// made under an older, wider umask.
    static func restrict(_ path: String) throws {
        for file in [path] + companions.map({ path + $0 }) where FileSystem.kind(of: file).kind == .regularFile {
            try FileSystem.setMode(0o600, of: file)
        }
    }
}
