import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private temp file beside its final path, named `.name.tmp-XXXXXX` so it is hidden and traceable.
///
/// While it is being written it holds an exclusive `flock` (on a second descriptor, kept until the file is
/// renamed into place or removed), so a leftover from a killed process (the lock goes with the process) can
/// be told from one another process is still writing: `removeLeftovers` removes only unlocked ones.
final class TempFile {
    let path: String
    let target: String
    private var descriptor: Int32
    /// Holds the lock until `release`.
    private var lockDescriptor: Int32

    private init(path: String, target: String, descriptor: Int32, lockDescriptor: Int32) {
        self.path = path
        self.target = target
        self.descriptor = descriptor
        self.lockDescriptor = lockDescriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        release()
    }

    /// Lets go of the lock once the temp name no longer matters (renamed into place, or removed).
    func release() {
        if lockDescriptor >= 0 { close(lockDescriptor) }
        lockDescriptor = -1
    }

    /// `.NAME.tmp-XXXXXX` (six letters or digits) and nothing else: the only names `removeLeftovers` touches.
    static func isTempName(_ name: String, for target: String? = nil) -> Bool {
        let chars = Array(name)
        guard chars.count > 12, chars[0] == ".", name.dropLast(6).hasSuffix(".tmp-"),
            chars.suffix(6).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        let base = String(name.dropFirst().dropLast(11))
        guard !base.isEmpty else { return false }
        return target.map { base == $0 } ?? true
    }

    /// Removes the temp files a killed process left in `folder` (only our own naming pattern, only regular
    /// files of ours that no live process holds locked); with `target`, only those for that file name.
    /// They are 0600 but may hold private answers, so they are not left to pile up. Returns the paths removed.
    @discardableResult
    static func removeLeftovers(in folder: String, for target: String? = nil) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if isTempName(name, for: target) { names.append(name) }
        }
        closedir(dir)
        var removed: [String] = []
        for name in names {
            let path = folder + "/" + name
            if removeIfAbandoned(path) { removed.append(path) }
        }
        return removed
    }

    /// Takes the lock without waiting; if it is free nobody is writing the file, and it is removed, after
    /// checking the name still names the very file locked (never a symlink, never another owner's file).
    private static func removeIfAbandoned(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var held = stat()
        guard fstat(fd, &held) == 0, held.st_mode & S_IFMT == S_IFREG, held.st_uid == geteuid(),
            flock(fd, LOCK_EX | LOCK_NB) == 0
        else { return false }
        var named = stat()
        guard lstat(path, &named) == 0, named.st_dev == held.st_dev, named.st_ino == held.st_ino else { return false }
        return unlink(path) == 0
    }

    /// O_EXCL and O_NOFOLLOW make sure we open a file we just created, never one planted for us.
    static func create(near target: String) throws -> TempFile {
        let folder = FileSystem.parent(of: target)
        let name = FileSystem.lastComponent(of: target)
        var lastError: Int32 = 0
        for _ in 0..<16 {
            let candidate = folder + "/." + name + ".tmp-" + randomSuffix()
            let fd = open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                let lockFD = open(candidate, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                let file = TempFile(path: candidate, target: target, descriptor: fd, lockDescriptor: lockFD)
                var info = stat()
                // Another process's cleanup may have taken the file between its creation and the lock: then it
                // is gone (no links left) and a new name is tried.
                guard lockFD >= 0, flock(lockFD, LOCK_EX | LOCK_NB) == 0, fstat(fd, &info) == 0, info.st_nlink > 0
                else {
                    lastError = lockFD < 0 ? errno : EEXIST
                    file.discard()
                    continue
                }
                // The umask may have narrowed or (with odd ACLs) widened the mode; say exactly what we mean.
                guard fchmod(fd, 0o600) == 0 else {
                    let code = errno
                    file.discard()
                    throw StoreError(
                        .writeFailed,
                        path: target,
                        "Could not make the temporary file for \(target) private: \(errnoText(code))."
                    )
                }
                return file
            }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw StoreError(
            .writeFailed,
            path: target,
            "Could not create a temporary file in \(folder) to write \(target): \(errnoText(lastError)). "
                + "Check that the folder exists and is writable."
        )
    }

    func writeAll(_ data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var next = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = write(descriptor, next, remaining)
                if written < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    throw failure("Could not write", code)
                }
                next += written
                remaining -= written
            }
        }
    }

    func syncAndClose() throws {
        guard fsync(descriptor) == 0 else { throw failure("Could not flush to disk", errno) }
        let fd = descriptor
        descriptor = -1
        // close can report a deferred write error (e.g. on NFS); it means the data may not be there.
        guard close(fd) == 0 else { throw failure("Could not finish writing", errno) }
    }

    /// Removes the temp file after a failure so no partial copy of private data is left behind.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
        release()
    }

    private func failure(_ what: String, _ code: Int32) -> StoreError {
        StoreError(.writeFailed, path: target, "\(what) \(target): \(errnoText(code)). Check free disk space.")
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
