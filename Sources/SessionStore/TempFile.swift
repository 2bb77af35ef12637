import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private temp file beside its final path, named `.name.tmp-XXXXXX` so it is hidden and traceable.
final class TempFile {
    let path: String
    let target: String
    private var descriptor: Int32

    private init(path: String, target: String, descriptor: Int32) {
        self.path = path
        self.target = target
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
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
                let file = TempFile(path: candidate, target: target, descriptor: fd)
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
    }

    private func failure(_ what: String, _ code: Int32) -> StoreError {
        StoreError(.writeFailed, path: target, "\(what) \(target): \(errnoText(code)). Check free disk space.")
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
