#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX helpers shared by the data home, the store and durable files. They use `lstat` so that a
/// symlink planted where a private file belongs is seen, not followed.
enum FileSystem {
    enum Kind: Equatable {
        case missing
        case directory
        case regularFile
        case symlink
        case other
    }

    static func kind(of path: String) -> (kind: Kind, mode: mode_t) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return (.missing, 0) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return (.directory, info.st_mode & 0o7777)
        case S_IFREG: return (.regularFile, info.st_mode & 0o7777)
        case S_IFLNK: return (.symlink, info.st_mode & 0o7777)
        default: return (.other, info.st_mode & 0o7777)
        }
    }

    /// The size in bytes of a regular file (not following a symlink); nil when it is missing or not a file.
    static func size(of path: String) -> Int64? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// The folder that holds `path`, so a temp file or a rename stays on the same file system.
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `mkdir -p` where every folder we create is 0700 whatever the umask. Existing folders are left
    /// alone: a record folder the person chose is theirs to set.
    static func makeFolders(_ path: String) throws {
        switch kind(of: path).kind {
        case .directory: return
        case .symlink:
            // A symlink to a folder is acceptable for parents the person set up (e.g. ~/.local).
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
            throw StoreError(
                .notADirectory,
                path: path,
                "\(path) is a symlink that does not lead to a folder. Remove it or choose another location."
            )
        case .regularFile, .other:
            throw StoreError(
                .notADirectory,
                path: path,
                "\(path) exists but is not a folder. Move it away or choose another location."
            )
        case .missing:
            break
        }
        let parentPath = parent(of: path)
        if parentPath != path, parentPath != "." { try makeFolders(parentPath) }
        if mkdir(path, 0o700) != 0 {
            let code = errno
            // Someone else (another run) may have made it a moment ago; that is fine.
            if code == EEXIST, kind(of: path).kind == .directory { return }
            throw StoreError(
                .cannotCreateFolder,
                path: path,
                "Could not create the folder \(path): \(errnoText(code)). Check that its parent exists and is writable."
            )
        }
        try setMode(0o700, of: path)
    }

    static func setMode(_ mode: mode_t, of path: String) throws {
        guard chmod(path, mode) == 0 else {
            let code = errno
            throw StoreError(
                .cannotSetPermissions,
                path: path,
                "Could not set permissions \(String(mode, radix: 8)) on \(path): \(errnoText(code)). "
                    + "Check that you own it."
            )
        }
    }

    /// Flushes a folder's entries (a rename, a new file) to disk; without it a power cut can undo the rename.
    static func syncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw StoreError(
                .writeFailed,
                path: path,
                "Could not open the folder \(path) to flush it: \(errnoText(code))."
            )
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            let code = errno
            throw StoreError(
                .writeFailed,
                path: path,
                "Could not flush the folder \(path) to disk: \(errnoText(code))."
            )
        }
    }
}
