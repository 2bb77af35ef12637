import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that they are private and either fully there or not there at all.
///
/// Foundation's `.atomic` on Linux creates 0644 files, turns an existing 0600 file into 0644, never fsyncs
/// the folder and can leave world-readable temp copies after a kill, so this is done by hand:
/// temp file 0600 in the same folder, write, fsync, rename (or link), fsync the folder.
public enum DurableFile {
    public static func write(_ data: Data, to path: String, overwrite: Bool = true) throws {
        try write(to: path, overwrite: overwrite) { sink in try sink(data) }
    }

    /// The same, for output too large to hold at once: `produce` is handed a sink and writes chunk by chunk.
    public static func write(
        to path: String,
        overwrite: Bool = true,
        _ produce: (_ sink: (Data) throws -> Void) throws -> Void
    ) throws {
        switch FileSystem.kind(of: path).kind {
        case .symlink:
            throw StoreError(
                .targetIsSymlink,
                path: path,
                "Refusing to write \(path): it is a symlink, and following it could put private answers "
                    + "somewhere else. Remove the link or choose another file name."
            )
        case .directory, .other:
            throw StoreError(
                .targetNotRegularFile,
                path: path,
                "Refusing to write \(path): something that is not a regular file is already there. "
                    + "Choose another file name."
            )
        case .regularFile where !overwrite:
            throw StoreError(
                .targetExists,
                path: path,
                "Refusing to write \(path): the file already exists. Choose another name or remove it first."
            )
        case .regularFile, .missing:
            break
        }

        let folder = FileSystem.parent(of: path)
        // Copies of this file a killed write left behind go before a new one is made.
        TempFile.removeLeftovers(in: folder, for: FileSystem.lastComponent(of: path))
        let temp = try TempFile.create(near: path)
        do {
            try produce { chunk in try temp.writeAll(chunk) }
            try temp.syncAndClose()
            try publish(temp.path, at: path, overwrite: overwrite)
            temp.release()
        } catch {
            temp.discard()
            throw error
        }
        try FileSystem.syncFolder(folder)
    }

    /// Removes the temp files (`.NAME.tmp-XXXXXX`) that a killed write left in these folders: only that exact
    /// naming pattern, only regular files of ours, and only those no live process is writing (a writer holds
    /// a lock on its temp file until it is renamed into place; the lock goes when the process dies). A
    /// complete file is never touched. Missing folders are fine. Returns the paths removed.
    @discardableResult
    public static func removeLeftovers(in folders: [String]) -> [String] {
        folders.flatMap { TempFile.removeLeftovers(in: $0) }
    }

    /// `mkdir -p` with 0700 for every folder created, e.g. the folder a record is exported into.
    public static func ensureFolder(_ path: String) throws {
        try FileSystem.makeFolders(path)
    }

    /// Moves the finished temp file into place. Without overwrite, `link` is used instead of `rename`
    /// because it fails if the name appeared meanwhile, where `rename` would silently replace it.
    private static func publish(_ tempPath: String, at path: String, overwrite: Bool) throws {
        if overwrite {
            guard rename(tempPath, path) == 0 else {
                let code = errno
                throw StoreError(.writeFailed, path: path, "Could not replace \(path): \(errnoText(code)).")
            }
            return
        }
        guard link(tempPath, path) == 0 else {
            let code = errno
            if code == EEXIST {
                throw StoreError(
                    .targetExists,
                    path: path,
                    "Refusing to write \(path): the file already exists. Choose another name or remove it first."
                )
            }
            throw StoreError(.writeFailed, path: path, "Could not create \(path): \(errnoText(code)).")
        }
        unlink(tempPath)
    }
}
