import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared helpers for the end-to-end tests: they run the built `microproject` binary as a separate process,
/// each test in its own temporary folders, and never wait on a child without a deadline.
enum E2E {
    /// The repository root: Tests/MicroprojectCLITests/EndToEnd/<this file> is four levels below it.
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    static var binaryPath: String { repoRoot.appendingPathComponent(".build/debug/microproject").path }
    static var promptsPath: String { repoRoot.appendingPathComponent("Prompts").path }

    /// The built binary, or a test failure that says how to get it.
    static func binary() throws -> String {
        let path = binaryPath
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "The microproject binary is missing at \(path): run `swift build` first."
        )
        return path
    }

    /// The answers that reach the "suitable" outcome, one line each, as a person would type them.
    static let suitableRoute = [
        "How mornings go between a parent and their child",
        // safety-worry, crisis, safeguarding-process, clinical, mental-health, investigation
        "no", "no", "no", "no", "no", "no",
        "1",  // need-level: general
        "1, 2",  // circumstances
        "yes",  // voluntary
        "no",  // unsure
        "/skip",  // anything-else
    ]

    /// Whether a program is on PATH.
    static func onPath(_ name: String) -> Bool {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":")
        return dirs.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    /// The session id from the first line: "Title  (session abc123)".
    static func sessionID(in output: String) -> String? {
        guard let range = output.range(of: #"\(session ([a-z0-9]{6})\)"#, options: .regularExpression) else {
            return nil
        }
        return String(output[range].dropFirst("(session ".count).dropLast())
    }

    /// The id in "microproject continue ID".
    static func continueHint(in output: String) -> String? {
        guard let range = output.range(of: #"microproject continue [a-z0-9]{6}\b"#, options: .regularExpression)
        else { return nil }
        return String(output[range].suffix(6))
    }

    /// In `show` output, the answer printed on the line after the question that starts with `question`,
    /// without its "[who, when]" tail.
    static func shownAnswer(in show: String, question: String) -> String? {
        let lines = show.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(question) }),
            i + 1 < lines.count
        else { return nil }
        var answer = lines[i + 1]
        if let tail = answer.range(of: "   [", options: .backwards) { answer = String(answer[..<tail.lowerBound]) }
        return answer.trimmingCharacters(in: .whitespaces)
    }

    /// Unix permission bits of a file or folder.
    static func mode(_ path: String) -> Int? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return Int(st.st_mode & 0o777)
    }

    static func octal(_ mode: Int?) -> String { mode.map { String($0, radix: 8) } ?? "missing" }

    /// Blocks until the deadline without holding a cooperative thread.
    static func sleep(milliseconds: Int) async {
        try? await Task.sleep(nanoseconds: UInt64(milliseconds) * 1_000_000)
    }

    /// Polls `condition` every 25 ms until it holds or `seconds` pass.
    static func poll(seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            await sleep(milliseconds: 25)
        }
        return condition()
    }
}

/// A learning capture record read back from JSON.
struct E2ERecord {
    let json: [String: Any]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        json = try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any],
            "record is not a JSON object"
        )
    }

    var outcomeID: String? { (json["outcome"] as? [String: Any])?["id"] as? String }
    var outcome: [String: Any] { json["outcome"] as? [String: Any] ?? [:] }
    var answers: [[String: Any]] { json["answers"] as? [[String: Any]] ?? [] }
    var keys: [String] { answers.compactMap { $0["key"] as? String } }
    var concerns: [[String: Any]] { json["concerns"] as? [[String: Any]] ?? [] }

    func answer(_ key: String) -> [String: Any]? { answers.first { $0["key"] as? String == key } }
    /// The stored value: String, Bool (JSON true/false), [String], or nil for null / absent.
    func value(_ key: String) -> Any? {
        guard let v = answer(key)?["value"], !(v is NSNull) else { return nil }
        return v
    }
    func string(_ key: String) -> String? { value(key) as? String }
    func bool(_ key: String) -> Bool? {
        guard let n = value(key) as? NSNumber else { return nil }
        return n.boolValue
    }
    func strings(_ key: String) -> [String]? { value(key) as? [String] }
}

/// What a finished run left behind.
struct E2EResult {
    let exitCode: Int32
    let stdout: String
    let stderr: String
    let timedOut: Bool
    var output: String { stdout + stderr }
    /// For failure messages.
    var transcript: String {
        "exit \(exitCode)\(timedOut ? " (timed out, killed)" : "")\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
    }
}

/// One test's world: a temporary folder holding the data folder (MICROPROJECT_HOME, not created, so the
/// program makes it), a fake $HOME, and scratch files. Removed when the sandbox goes away.
final class E2ESandbox: @unchecked Sendable {
    let root: URL
    let binary: String

    /// MICROPROJECT_HOME.
    var dataHome: String { root.appendingPathComponent("data").path }
    /// $HOME for the child, to check nothing (history files) lands there.
    var userHome: String { root.appendingPathComponent("home").path }
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }
    func recordPath(id: String) -> String { "\(dataHome)/records/\(id).json" }

    init() throws {
        binary = try E2E.binary()
        // Short names: a tmux socket path lives in here too and must stay under ~100 bytes.
        let name = "mp-e2e-" + String(UUID().uuidString.prefix(8)).lowercased()
        root = URL(fileURLWithPath: "/tmp").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: userHome, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// A clean environment: nothing leaks from the developer's own (XDG_DATA_HOME, a real HOME).
    var environment: [String: String] {
        let parent = ProcessInfo.processInfo.environment
        return [
            "PATH": parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": userHome,
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "NO_COLOR": "1",
            "MICROPROJECT_HOME": dataHome,
            "MICROPROJECT_PROMPTS": E2E.promptsPath,
        ]
    }

    /// Builds a Process that runs the binary under `umask 022` (the test process's umask is not ours to
    /// trust: other suites change it).
    func makeProcess(_ arguments: [String]) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", #"umask 022; exec "$0" "$@""#, binary] + arguments
        p.environment = environment
        p.currentDirectoryURL = root
        return p
    }

    /// Runs the binary with `lines` as stdin (each followed by a newline) and waits at most `timeout`
    /// seconds; a child still running then is killed and the result says so.
    func run(_ arguments: [String], lines: [String] = [], timeout: Double = 60) async throws -> E2EResult {
        try await run(arguments, input: lines.map { $0 + "\n" }.joined(), timeout: timeout)
    }

    func run(_ arguments: [String], input: String, timeout: Double = 60) async throws -> E2EResult {
        try await execute(makeProcess(arguments), input: input, timeout: timeout)
    }

    /// Runs the binary with exactly these bytes as stdin (which need not be UTF-8).
    func run(_ arguments: [String], bytes: [UInt8], timeout: Double = 60) async throws -> E2EResult {
        try await execute(makeProcess(arguments), data: Data(bytes), timeout: timeout)
    }

    /// Runs any prepared Process with `input` as stdin, at most `timeout` seconds; a child still running
    /// then is killed and the result says so.
    func execute(_ process: Process, input: String = "", timeout: Double) async throws -> E2EResult {
        try await execute(process, data: Data(input.utf8), timeout: timeout)
    }

    func execute(_ process: Process, data: Data, timeout: Double) async throws -> E2EResult {
        let tag = UUID().uuidString.prefix(8)
        let inPath = path("stdin-\(tag)")
        let outPath = path("stdout-\(tag)")
        let errPath = path("stderr-\(tag)")
        // Files rather than pipes: no deadlock on a full pipe, no SIGPIPE when the child stops reading early.
        FileManager.default.createFile(atPath: inPath, contents: data)
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { for p in [inPath, outPath, errPath] { try? FileManager.default.removeItem(atPath: p) } }

        let stdin = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        let finished = await E2E.poll(seconds: timeout) { !process.isRunning }
        if !finished {
            kill(process.processIdentifier, SIGKILL)
            _ = await E2E.poll(seconds: 5) { !process.isRunning }
        }
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return E2EResult(
            exitCode: process.isRunning ? -1 : process.terminationStatus,
            stdout: out,
            stderr: err,
            timedOut: !finished
        )
    }

    /// Starts the binary with stdin and stdout as pipes this test controls.
    func start(_ arguments: [String]) throws -> E2ELiveProcess {
        try E2ELiveProcess(process: makeProcess(arguments))
    }

    /// Every regular file under `folder`, recursively.
    func files(under folder: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = "\(folder)/\(rel)"
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { out.append(full) }
        }
        return out
    }

    /// Checks the data folder is 0700 and every file in it (SQLite main file, WAL, shm, records) 0600.
    func expectPrivateDataFolder(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            E2E.mode(dataHome) == 0o700,
            "data folder \(dataHome) is \(E2E.octal(E2E.mode(dataHome)))",
            sourceLocation: sourceLocation
        )
        let files = self.files(under: dataHome)
        #expect(
            files.contains { $0.hasSuffix("/microproject.sqlite") },
            "no store in \(files)",
            sourceLocation: sourceLocation
        )
        for file in files {
            #expect(
                E2E.mode(file) == 0o600,
                "\(file) is \(E2E.octal(E2E.mode(file))), expected 600",
                sourceLocation: sourceLocation
            )
        }
        var isDir: ObjCBool = false
        let records = "\(dataHome)/records"
        if FileManager.default.fileExists(atPath: records, isDirectory: &isDir), isDir.boolValue {
            #expect(
                E2E.mode(records) == 0o700,
                "records folder is \(E2E.octal(E2E.mode(records)))",
                sourceLocation: sourceLocation
            )
        }
    }
}

/// A running child whose stdin we write line by line and whose output we collect as it comes.
final class E2ELiveProcess: @unchecked Sendable {
    let process: Process
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()
    private var reader: Thread?

    fileprivate init(process: Process) throws {
        // A write to a child that has just died must fail with EPIPE, not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        self.process = process
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let fd = output.fileHandleForReading.fileDescriptor
        let thread = Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
                if n > 0 {
                    lock.lock()
                    buffer.append(contentsOf: chunk[0..<n])
                    lock.unlock()
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
        }
        reader = thread
        thread.start()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var pid: Int32 { process.processIdentifier }

    /// Everything printed so far (stdout and stderr together).
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Types one line.
    func send(line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    func closeInput() throws { try input.fileHandleForWriting.close() }

    /// Waits for text the program prints, at most `seconds`.
    func waitFor(seconds: Double = 8, _ condition: (String) -> Bool) async -> Bool {
        await E2E.poll(seconds: seconds) { condition(text) }
    }

    /// Whether a line starting "N. " (question number N) has been printed.
    func hasQuestion(_ number: Int) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix("\(number). ") }
    }

    func killHard() async -> Bool {
        kill(process.processIdentifier, SIGKILL)
        return await E2E.poll(seconds: 5) { !process.isRunning }
    }

    /// Waits for the child to end; kills it if it has not ended in time. Nil when it had to be killed.
    func waitForExit(seconds: Double = 10) async -> Int32? {
        if await E2E.poll(seconds: seconds, { !process.isRunning }) { return process.terminationStatus }
        _ = await killHard()
        return nil
    }
}

/// A bare posix_spawn for helpers that must start with a clean slate: no blocked signals (the Swift
/// concurrency threads that run tests block SIGINT, and Foundation's Process passes that mask on) and the
/// default action for the terminal signals. Used for tmux, whose panes inherit what the server had.
enum E2ESpawn {
    static let resetSignals: [Int32] = [
        SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD, SIGWINCH,
    ]

    /// Runs `argv` with stdin from /dev/null and stdout/stderr to the given files; waits at most `timeout`
    /// seconds, then kills it. Returns the exit code, or nil when it had to be killed.
    static func run(
        _ argv: [String],
        environment: [String: String],
        stdout: String,
        stderr: String,
        timeout: Double
    ) async throws -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in resetSignals { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let args = argv.map { strdup($0) } + [nil]
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in args + env { free(pointer) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, args, env)
        try #require(rc == 0, "posix_spawn \(argv[0]) failed: \(String(cString: strerror(rc)))")

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { return nil }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return nil
            }
            await E2E.sleep(milliseconds: 10)
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -(status & 0x7f)
    }
}
