import Foundation
import InterviewEngine
import TerminalIO

@testable import MicroprojectCLI

/// Captures what a person would see, without colour.
final class CapturingConsole: Console {
    var output = ""
    var errors = ""
    let style = Style(isTerminal: false, environment: [:])
    let width = 100
    func write(_ text: String) { output += text }
    func error(_ text: String) { errors += text }
}

/// A deterministic world: a fresh data folder, a clock that ticks a second per reading, fixed ids.
final class TestWorld {
    let folder: String
    private var tick: Timestamp = 1_795_942_800_000  // 2026-11-29T09:00:00Z
    private var ids: [String]

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let prompts = repoRoot.appendingPathComponent("Prompts").path
    static let fixtures = repoRoot.appendingPathComponent("Tests/MicroprojectCLITests/Fixtures").path

    init(ids: [String] = ["golden"]) {
        folder = NSTemporaryDirectory() + "mp-test-" + UUID().uuidString
        self.ids = ids
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    var env: AppEnvironment {
        AppEnvironment(
            variables: [:],
            dataHome: folder + "/home",
            promptsFolder: Self.prompts,
            now: { [unowned self] in
                tick += 1000
                return tick
            },
            makeID: { [unowned self] in ids.isEmpty ? "extra" : ids.removeFirst() }
        )
    }

    /// A plain reader over these lines, exactly as if piped in.
    func reader(_ lines: [String]) throws -> LineReader {
        let path = folder + "/answers-\(UUID().uuidString).txt"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return try PlainReader(path: path)
    }
}
