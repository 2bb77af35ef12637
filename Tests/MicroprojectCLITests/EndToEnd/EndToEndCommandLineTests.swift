import Foundation
import Testing

@testable import MicroprojectCLI

/// The command line as a person meets it, through the built binary: the version, a mistyped command, typed ids and
/// option values refused with what they should be, and Tab completion of ids and script names.
@Suite("End to end: the command line")
struct EndToEndCommandLineTests {
    @Test("--version prints the one version and exits 0")
    func version() async throws {
        let sandbox = try E2ESandbox()
        let result = try await sandbox.run(["--version"])
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.stdout == "microproject \(MicroprojectVersion.current)\n", "\(result.transcript)")
    }

    @Test("an unknown command is named, the commands are listed, exit 64, and no other command's usage is shown")
    func unknownCommand() async throws {
        let sandbox = try E2ESandbox()
        let result = try await sandbox.run(["frobnicate"])
        #expect(result.exitCode == 64, "\(result.transcript)")
        #expect(result.stderr.contains("'frobnicate' is not a microproject command."), "\(result.transcript)")
        #expect(result.stderr.contains("start, continue, consult, pause"), "\(result.transcript)")
        let list = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("The commands are: ") })
        #expect(!list.contains("home"), "the hidden alias is offered: \(result.transcript)")
        #expect(!result.output.contains("microproject home"), "\(result.transcript)")
        #expect(!result.output.contains("Usage:"), "another command's usage is shown: \(result.transcript)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.dataHome), "an unknown command made the data folder")

        let nested = try await sandbox.run(["practitioner", "remove", "sam"])
        #expect(nested.exitCode == 64, "\(nested.transcript)")
        #expect(nested.stderr.contains("'remove' is not a command of 'microproject practitioner'"))
        #expect(nested.stderr.contains("add, update, list, show, log-peer-learning"), "\(nested.transcript)")

        // An unknown option at the top says the root's own usage, not a hidden command's.
        let option = try await sandbox.run(["--frobnicate"])
        #expect(option.exitCode == 64, "\(option.transcript)")
        #expect(option.stderr.contains("Usage: microproject "), "\(option.transcript)")
        #expect(!option.output.contains("microproject home"), "\(option.transcript)")
    }

    @Test("the chat home is the root command's own: alone or as 'home', off a terminal it shows the help, exit 64")
    func homeOffATerminal() async throws {
        let sandbox = try E2ESandbox()
        for arguments in [[], ["home"]] {
            let result = try await sandbox.run(arguments)
            #expect(result.exitCode == 64, "\(arguments): \(result.transcript)")
            #expect(result.stderr.contains("On a terminal with no arguments it opens the chat home"), "\(arguments)")
            #expect(result.stderr.contains("microproject <command> [<options>]"), "\(result.transcript)")
            #expect(!result.output.contains("microproject home"), "\(result.transcript)")
        }
    }

    @Test("typed ids and option values are refused before anything is opened, saying what they should be (exit 64)")
    func typedValues() async throws {
        let sandbox = try E2ESandbox()
        let cases: [(arguments: [String], says: String)] = [
            (["show", "mp-12"], "a microproject id is mp- and six letters or digits, like mp-r9jgmx"),
            (["continue", "nope"], "give a microproject id (mp- and six letters or digits"),
            (["audit", "x"], "or the id of a session run on its own (six letters or digits, like tx45xn)"),
            (["pause", "k7q2xd", "--reason", "away"], "a microproject id is mp- and six letters or digits"),
            (["practitioner", "show", "s"], "a practitioner id is 2 to 20 letters, digits or hyphens"),
            (["consult", "mp-7nxfqq", "--lead", "a b"], "a practitioner id is 2 to 20 letters"),
            (["export", "--all", "--format", "pdf"], "Please provide one of 'json', 'csv', 'md' or 'xlsx'."),
            (
                ["export", "--all", "--status", "done"],
                "Please provide one of 'active', 'paused', 'escalated' or 'closed'."
            ),
            (["export", "--type", "5"], "Please provide one of '1', '2', '3' or '4'."),
            (["continue", "mp-7nxfqq", "--revisit", "closure"], "closure cannot be reopened; the stages that can are"),
            (["practitioner", "log-peer-learning", "sam", "--date", "2026-02-29"], "February 2026 has 28 days"),
        ]
        for (arguments, says) in cases {
            let result = try await sandbox.run(arguments)
            #expect(result.exitCode == 64, "\(arguments): \(result.transcript)")
            #expect(result.stderr.contains(says), "\(arguments): \(result.transcript)")
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.dataHome), "a refused value made the data folder")
    }

    @Test("Tab completes practitioner ids, microproject and session ids from the store, and the shipped script names")
    func completions() async throws {
        let sandbox = try E2ESandbox()
        // An empty store: nothing to offer, and nothing said.
        let none = try await sandbox.run(Self.complete(["practitioner", "show"], word: ""))
        #expect(none.exitCode == 0, "\(none.transcript)")
        #expect(none.output.isEmpty, "\(none.transcript)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.dataHome), "completion made the data folder")

        for id in ["sam", "sal", "ann"] {
            let add = try await sandbox.run(["practitioner", "add", "--id", id, "--name", id.capitalized])
            #expect(add.exitCode == 0, "\(add.transcript)")
        }
        let run = try await sandbox.run(["run", "safety-check"], lines: ["Mornings", "/pause"])
        let session = try #require(E2E.sessionID(in: run.stdout), "\(run.transcript)")

        let practitioners = try await sandbox.run(Self.complete(["practitioner", "show"], word: "sa"))
        #expect(practitioners.stdout.split(separator: "\n").sorted() == ["sal", "sam"], "\(practitioners.transcript)")
        let lead = try await sandbox.run(Self.complete(["consult", "mp-7nxfqq", "--lead"], word: "", option: "--lead"))
        #expect(lead.stdout.split(separator: "\n").sorted() == ["ann", "sal", "sam"], "\(lead.transcript)")
        let sessions = try await sandbox.run(Self.complete(["continue"], word: ""))
        #expect(sessions.stdout.split(separator: "\n").contains(Substring(session)), "\(sessions.transcript)")
        let scripts = try await sandbox.run(Self.complete(["run"], word: "saf"))
        #expect(scripts.stdout == "safety-check\n", "\(scripts.transcript)")
    }

    /// The arguments a shell's completion script passes when Tab is pressed after `words`, on `word`.
    static func complete(_ words: [String], word: String, option: String? = nil) -> [String] {
        let command = words.prefix { !$0.hasPrefix("-") && !$0.hasPrefix("mp-") }
        let line = ["microproject"] + words + [word]
        return ["---completion"] + command + [
            "--", option ?? "positional@0", String(line.count - 1), String(word.count),
        ]
            + line
    }
}
