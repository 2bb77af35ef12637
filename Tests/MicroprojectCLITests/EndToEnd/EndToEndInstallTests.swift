import Foundation
import Testing

@testable import MicroprojectCLI

/// `Scripts/install` into a temporary prefix, as a person would install it, then the installed program used as they
/// would: its manual through `man -l`, its prompts found from another folder, its completions. It installs the
/// built debug binary (`--binary`): a release build here would take minutes, and SwiftPM cannot build while
/// `swift test` runs; Scripts/test runs the real release install once before the tests.
@Suite(
    "End to end: Scripts/install",
    .serialized,
    .enabled(
        if: E2EInstall.manualToolIsBuilt,
        "swift-argument-parser's generate-manual is not built yet: Scripts/test (or any Scripts/install) builds it"
    )
)
struct EndToEndInstallTests {
    @Test("installs the program, prompts, manual and completions under --prefix; uninstall removes them, no data")
    func installIntoAPrefix() async throws {
        let sandbox = try E2ESandbox()
        let prefix = sandbox.path("prefix")
        let installed = try await E2EInstall.run(["--prefix", prefix, "--binary", sandbox.binary], in: sandbox)
        #expect(installed.exitCode == 0, "\(installed.transcript)")
        #expect(installed.stdout.contains("Installed microproject \(MicroprojectVersion.current)"))

        let program = "\(prefix)/bin/microproject"
        #expect(FileManager.default.isExecutableFile(atPath: program), "\(installed.transcript)")
        let prompts = "\(prefix)/share/microproject/Prompts"
        let shipped = try FileManager.default.contentsOfDirectory(atPath: E2E.promptsPath).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(!shipped.isEmpty)
        for script in shipped + ["README.md"] {
            #expect(FileManager.default.fileExists(atPath: "\(prompts)/\(script)"), "\(script) is not installed")
        }

        // The manual renders, and names the commands and the version.
        let page = "\(prefix)/share/man/man1/microproject.1"
        let man = try await E2EInstall.shell(
            // No hyphenation or justification, so each word is printed whole.
            ["man", "--nh", "--nj", "-l", page],
            in: sandbox,
            environment: sandbox.environment.merging(["MANPAGER": "cat", "MANWIDTH": "100"]) { $1 }
        )
        #expect(man.exitCode == 0, "\(man.transcript)")
        let rendered = man.stdout
        for text in [
            "microproject", "start", "continue", "consult", "export", "certification", "practitioner", "lint",
            "MICROPROJECT_HOME", "microproject \(MicroprojectVersion.current)",
        ] {
            #expect(rendered.contains(text), "the manual does not name '\(text)':\n\(rendered.prefix(2000))")
        }

        // Completions for the three shells; bash's is valid bash and asks the program for ids.
        let bash = "\(prefix)/share/bash-completion/completions/microproject"
        let zsh = "\(prefix)/share/zsh/site-functions/_microproject"
        let fish = "\(prefix)/share/fish/vendor_completions.d/microproject.fish"
        for file in [bash, zsh, fish] {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            #expect(text.contains("---completion"), "\(file) is missing or does not complete ids")
        }
        let syntax = try await E2EInstall.shell(["bash", "-n", bash], in: sandbox)
        #expect(syntax.exitCode == 0, "\(syntax.transcript)")
        #expect((try? String(contentsOfFile: zsh, encoding: .utf8))?.hasPrefix("#compdef microproject") == true)

        // The installed program finds its own prompts from any folder, with no MICROPROJECT_PROMPTS.
        var away = sandbox.environment
        away["MICROPROJECT_PROMPTS"] = nil
        for arguments in [["lint"], ["lint", "safety-check"], ["graph", "safety-check"]] {
            let result = try await E2EInstall.shell([program] + arguments, in: sandbox, from: "/", environment: away)
            #expect(result.exitCode == 0, "\(arguments): \(result.transcript)")
        }
        let lint = try await E2EInstall.shell([program, "lint"], in: sandbox, from: "/", environment: away)
        #expect(lint.stdout.contains("ok: \(shipped.count) scripts"), "\(lint.transcript)")
        let run = try await E2EInstall.shell(
            [program, "run", "safety-check"],
            in: sandbox,
            from: "/",
            environment: away,
            input: "Mornings\n/pause\n"
        )
        #expect(run.exitCode == 75, "\(run.transcript)")
        #expect(run.stdout.contains("Suitability and safety check"), "\(run.transcript)")

        // Uninstall removes what install put there; anything else in share/microproject (with the default prefix,
        // the data folder) stays.
        let kept = "\(prefix)/share/microproject/microproject.sqlite"
        #expect(FileManager.default.createFile(atPath: kept, contents: Data("not ours".utf8)))
        let removed = try await E2EInstall.run(["--uninstall", "--prefix", prefix], in: sandbox)
        #expect(removed.exitCode == 0, "\(removed.transcript)")
        for file in [program, page, bash, zsh, fish, prompts] {
            #expect(!FileManager.default.fileExists(atPath: file), "\(file) is still there after --uninstall")
        }
        #expect(FileManager.default.fileExists(atPath: kept), "uninstall removed a file it did not install")
    }

    @Test("--help says what it installs and where; an unknown option exits 64")
    func help() async throws {
        let sandbox = try E2ESandbox()
        let help = try await E2EInstall.run(["--help"], in: sandbox)
        #expect(help.exitCode == 0, "\(help.transcript)")
        for text in ["--prefix DIR", "~/.local", "share/man/man1/microproject.1", "--uninstall"] {
            #expect(help.stdout.contains(text), "\(help.transcript)")
        }
        let wrong = try await E2EInstall.run(["--prefx", "/tmp/x"], in: sandbox)
        #expect(wrong.exitCode == 64, "\(wrong.transcript)")
        #expect(wrong.stderr.contains("'--prefx' is not an option"), "\(wrong.transcript)")
    }
}

enum E2EInstall {
    static var script: String { E2E.repoRoot.appendingPathComponent("Scripts/install").path }

    /// The plugin's tool, which `Scripts/install --binary` runs without SwiftPM.
    static var manualToolIsBuilt: Bool {
        FileManager.default.isExecutableFile(
            atPath: E2E.repoRoot.appendingPathComponent(".build/debug/generate-manual-tool").path
        )
    }

    static func run(_ arguments: [String], in sandbox: E2ESandbox) async throws -> E2EResult {
        try await shell(["/bin/bash", script] + arguments, in: sandbox)
    }

    /// Runs a program (looked up on PATH) from `folder` in `environment` (by default the sandbox's).
    static func shell(
        _ argv: [String],
        in sandbox: E2ESandbox,
        from folder: String? = nil,
        environment: [String: String]? = nil,
        input: String = ""
    ) async throws -> E2EResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.environment = environment ?? sandbox.environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder ?? sandbox.root.path)
        return try await sandbox.execute(process, input: input, timeout: 120)
    }
}
