import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives the binary in a real terminal: a detached tmux session on a private server (its own socket in
/// the sandbox, no ~/.tmux.conf), 120x40. The pane runs a small wrapper that prints "EXIT=<code>" when the
/// program ends, then lingers so the pane can still be read.
final class E2ETmux: @unchecked Sendable {
    static var isInstalled: Bool { E2E.onPath("tmux") }

    let sandbox: E2ESandbox
    let socket = "s"
    let session = "mp"

    /// Starts `microproject ARGUMENTS` in the pane, `columns` wide.
    init(sandbox: E2ESandbox, arguments: [String], columns: Int = 120) async throws {
        self.sandbox = sandbox
        let wrapper = sandbox.path("tmux-run.sh")
        let env = sandbox.environment
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        // The wrapper ignores SIGINT so a Ctrl-C the program handles cannot end the pane's shell (libedit.md
        // gotcha 10); the program itself starts with the default disposition.
        let script = """
            #!/bin/sh
            trap '' INT
            ( trap - INT; umask 022; exec env -i PATH=\(q(env["PATH"]!)) HOME=\(q(sandbox.userHome)) \
            LANG=C.UTF-8 TERM="$TERM" NO_COLOR=1 MICROPROJECT_HOME=\(q(sandbox.dataHome)) \
            MICROPROJECT_PROMPTS=\(q(E2E.promptsPath)) \(q(sandbox.binary)) \(arguments.map(q).joined(separator: " ")) )
            echo "EXIT=$?"
            sleep 30

            """
        try script.write(toFile: wrapper, atomically: false, encoding: .utf8)
        chmod(wrapper, 0o700)
        let started = try await tmux(["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "40", wrapper])
        try #require(started.exitCode == 0, "tmux new-session failed: \(started.transcript)")
    }

    deinit {
        // Best effort: the private server and everything in it go. A plain fork/exec, waited for briefly.
        let tmuxArgv = argv(["kill-server"])
        let env = environment
        var pid = pid_t()
        let args = tmuxArgv.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in args + envp { free(pointer) } }
        if posix_spawn(&pid, tmuxArgv[0], nil, nil, args, envp) == 0 {
            var status: Int32 = 0
            var reaped = false
            for _ in 0..<100 {
                if waitpid(pid, &status, WNOHANG) == pid {
                    reaped = true
                    break
                }
                usleep(20_000)
            }
            if !reaped {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
            }
        }
    }

    /// tmux on the private socket. Run through bash, which first closes every descriptor above stderr: the
    /// server that new-session forks keeps what it inherits, and a test's pipe held open there would never
    /// see its end.
    private func argv(_ arguments: [String]) -> [String] {
        [
            "/bin/bash", "-c",
            #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done; exec tmux "$@""#,
            "tmux", "-L", socket, "-f", "/dev/null",
        ] + arguments
    }

    private var environment: [String: String] {
        var env = sandbox.environment
        env["TMUX_TMPDIR"] = sandbox.root.path
        env["TERM"] = "xterm-256color"
        return env
    }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> E2EResult {
        let tag = UUID().uuidString.prefix(8)
        let out = sandbox.path("tmux-out-\(tag)")
        let err = sandbox.path("tmux-err-\(tag)")
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        let code = try await E2ESpawn.run(
            argv(arguments),
            environment: environment,
            stdout: out,
            stderr: err,
            timeout: 5
        )
        return E2EResult(
            exitCode: code ?? -1,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            timedOut: code == nil
        )
    }

    /// Types text literally.
    func type(_ text: String) async throws {
        try await tmux(["send-keys", "-t", session, "-l", text])
    }

    /// Presses keys by tmux name: Enter, Left, Tab, C-c, C-d.
    func press(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", session] + keys)
    }

    /// The whole pane, scrollback included, wrapped lines joined.
    func screen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", session]).stdout
    }

    /// The whole pane, scrollback included, as the terminal shows it: a line the terminal folded is two lines.
    func rawScreen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-S", "-", "-t", session]).stdout
    }

    /// Resizes the window and waits long enough for tmux to pass the new size on to the program.
    func resize(columns: Int) async throws {
        let result = try await tmux(["resize-window", "-t", session, "-x", "\(columns)", "-y", "40"])
        try #require(result.exitCode == 0, "tmux resize-window failed: \(result.transcript)")
        await E2E.sleep(milliseconds: 300)
    }

    /// Polls the pane until `condition` holds; returns the last screen seen and whether it held.
    @discardableResult
    func waitFor(seconds: Double = 8, _ condition: (String) -> Bool) async throws -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        repeat {
            last = try await screen()
            if condition(last) { return (true, last) }
            await E2E.sleep(milliseconds: 40)
        } while Date() < deadline
        return (false, last)
    }

    /// The pane's lines, trailing spaces removed, trailing empty lines dropped.
    static func lines(_ screen: String) -> [String] {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " }).reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The last non-empty line: where the cursor's prompt is while the program waits for an answer.
    static func lastLine(_ screen: String) -> String { lines(screen).last ?? "" }

    /// Starts the binary in tmux and waits for question 1 of a fresh session at an empty prompt; returns the
    /// terminal and the session's id.
    static func atFirstQuestion(
        _ sandbox: E2ESandbox,
        _ arguments: [String],
        columns: Int = 120,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (tmux: E2ETmux, sessionID: String) {
        let t = try await E2ETmux(sandbox: sandbox, arguments: arguments, columns: columns)
        let (ok, screen) = try await t.waitFor { lastLine($0) == "practitioner>" && hasQuestion(1, in: $0) }
        try #require(ok, "question 1 never appeared:\n\(screen)", sourceLocation: sourceLocation)
        let id = try #require(E2E.sessionID(in: screen), "no session id:\n\(screen)", sourceLocation: sourceLocation)
        return (t, id)
    }

    static func hasQuestion(_ number: Int, in screen: String) -> Bool {
        lines(screen).contains { $0.hasPrefix("\(number). ") }
    }

    static func promptCount(_ screen: String) -> Int {
        lines(screen).filter { $0.hasPrefix("practitioner>") || $0.hasPrefix("participant>") }.count
    }
}
