import Foundation
import Testing

@testable import SessionStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every test touches the process umask or the file system, and the umask is process-wide, so the
/// module's suites nest under one serialized parent instead of racing each other.
@Suite(.serialized) struct SessionStoreTests {}

/// A fresh folder per test, removed when the test is done.
final class TemporaryFolder {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/session-store-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        path = String(cString: made)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Permission bits of a path (not following a symlink).
func mode(_ path: String) -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0xFFFF }
    return info.st_mode & 0o777
}

/// Runs `body` under `mask`, then puts the previous umask back.
func withUmask<T>(_ mask: mode_t, _ body: () throws -> T) rethrows -> T {
    let previous = umask(mask)
    defer { umask(previous) }
    return try body()
}

func sampleSession(_ id: String = "s1", updatedAt: Int64 = 1_000) -> SessionRow {
    SessionRow(
        id: id,
        scriptID: "intake",
        scriptVersion: "1",
        scriptHash: "abc123",
        scriptPath: "/scripts/intake.yaml",
        contextJSON: "{}",
        status: "active",
        cursor: "q1",
        createdAt: 1_000,
        updatedAt: updatedAt
    )
}

func sampleEvent(_ sessionID: String = "s1", seq: Int64, kind: String = "answer") -> EventRow {
    EventRow(sessionID: sessionID, seq: seq, kind: kind, actor: "person", at: 1_000 + seq, payload: #"{"n":\#(seq)}"#)
}
