import ArgumentParser
import Foundation
import Testing

@testable import MicroprojectCLI
@testable import PromptScripts
@testable import SessionStore
@testable import TerminalIO

/// The one command layer: typed values refused with a sentence as they are parsed, option values that name what is
/// allowed, an unknown command named with the list, and every failure mapped to its sentence and sysexits code.
@Suite struct CommandLayerTests {
    /// What ArgumentParser would print for these arguments, or nil when they parse.
    static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try MicroprojectCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return MicroprojectCommand.message(for: error)
        }
    }

    // MARK: Typed ids

    @Test func microprojectIDsAreCheckedForTheirShapeAndReadInSmallLetters() throws {
        #expect(try MicroprojectID(checking: "MP-R9JGMX").rawValue == "mp-r9jgmx")
        for wrong in ["r9jgmx", "mp-r9jg", "mp-r9jgmxx", "mp-r9 gmx", "mp-", "mp-r9jgm!"] {
            #expect(throws: ArgumentShapeError.self, "\(wrong)") { try MicroprojectID(checking: wrong) }
            #expect(MicroprojectID(argument: wrong) == nil, "\(wrong)")
        }
    }

    @Test func aWorkIDIsAMicroprojectOrASessionRunOnItsOwn() throws {
        #expect(try WorkID(checking: "mp-r9jgmx") == .microproject(try MicroprojectID(checking: "mp-r9jgmx")))
        #expect(try WorkID(checking: "TX45XN") == .session(try SessionID(checking: "tx45xn")))
        let refusal = try #require(Self.refusal(["continue", "tx45"]))
        #expect(refusal.contains("The value 'tx45' is invalid for '<id>'"), "\(refusal)")
        #expect(refusal.contains("a microproject id (mp- and six letters or digits"), "\(refusal)")
        #expect(refusal.contains("'microproject list' shows them"), "\(refusal)")
        // An mp- id of the wrong shape is said as a microproject id, not as a session id.
        let mp = try #require(Self.refusal(["show", "mp-12"]))
        #expect(mp.contains("a microproject id is mp- and six letters or digits, like mp-r9jgmx"), "\(mp)")
    }

    @Test func practitionerIDsTakeTwoToTwentyLettersDigitsOrHyphens() throws {
        #expect(try PractitionerID(checking: "Sam-K").rawValue == "sam-k")
        for wrong in ["s", String(repeating: "a", count: 21), "sam k", "sam_k", "sâm"] {
            #expect(throws: ArgumentShapeError.self, "\(wrong)") { try PractitionerID(checking: wrong) }
        }
        let refusal = try #require(Self.refusal(["consult", "mp-r9jgmx", "--link", "s"]))
        #expect(refusal.contains("--link <id>"), "\(refusal)")
        #expect(refusal.contains("a practitioner id is 2 to 20 letters, digits or hyphens, like sam-k"), "\(refusal)")
        #expect(Self.refusal(["practitioner", "add", "--id", "x y", "--name", "X"])?.contains("like sam-k") == true)
    }

    @Test func daysMustBeRealDays() throws {
        #expect(try CalendarDay(checking: "2028-02-29").text == "2028-02-29")
        let refusal = try #require(Self.refusal(["summary", "--since", "2027-02-30"]))
        #expect(refusal.contains("February 2027 has 28 days"), "\(refusal)")
        let shape = try #require(Self.refusal(["export", "--all", "--since", "last week"]))
        #expect(shape.contains("a day is written YYYY-MM-DD, like 2027-08-31"), "\(shape)")
    }

    @Test func revisitTakesOnlyTheStagesTheMachineReopens() throws {
        #expect(try RevisitStage(checking: "Plan").stage == .plan)
        let refusal = try #require(Self.refusal(["continue", "mp-r9jgmx", "--revisit", "type-decision"]))
        #expect(refusal.contains("type-decision cannot be reopened"), "\(refusal)")
        #expect(refusal.contains("focus, safety, plan, agreement, reflection"), "\(refusal)")
        let unknown = try #require(Self.refusal(["continue", "mp-r9jgmx", "--revisit", "lunch"]))
        #expect(unknown.contains("there is no such stage"), "\(unknown)")
        // A session run on its own has no stages.
        let session = try #require(Self.refusal(["continue", "tx45xn", "--revisit", "plan"]))
        #expect(session.contains("--revisit reopens a stage of a microproject"), "\(session)")
    }

    // MARK: Option values

    @Test func enumOptionsRefuseOtherValuesNamingTheAllowedOnes() throws {
        let cases: [(arguments: [String], allowed: String)] = [
            (["export", "--all", "--format", "pdf"], "'json', 'csv', 'md' or 'xlsx'"),
            (["export", "--all", "--status", "open"], "'active', 'paused', 'escalated' or 'closed'"),
            (["export", "--all", "--type", "7"], "'1', '2', '3' or '4'"),
            (["run", "safety-check", "--type", "0"], "'1', '2', '3' or '4'"),
            (["export", "--all", "--detail", "some"], "'tracker' and 'full'"),
            (["certification", "sam", "--format", "html"], "'md' and 'json'"),
            (["graph", "safety-check", "--format", "svg"], "'dot' and 'mermaid'"),
            (["practitioner", "update", "sam", "--licence", "gold"], "'link', 'lead' or 'lead-plus'"),
            (["practitioner", "update", "sam", "--readiness", "calm"], "'principles', 'boundaries' or 'reflection'"),
        ]
        for (arguments, allowed) in cases {
            let refusal = try #require(Self.refusal(arguments), "\(arguments) parsed")
            #expect(refusal.contains("Please provide one of \(allowed)"), "\(arguments): \(refusal)")
        }
        #expect(Self.refusal(["export", "--all", "--format", "markdown"]) == nil)
    }

    @Test func theCompletionScriptsOfferTheValuesOfEnumOptions() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = MicroprojectCommand.completionScript(for: try #require(CompletionShell(rawValue: shell)))
            for values in [
                "json csv md xlsx", "active paused escalated closed", "focus safety plan agreement reflection",
            ] {
                let words = values.split(separator: " ").map(String.init)
                #expect(
                    script.split(separator: "\n").contains { line in words.allSatisfy { line.contains($0) } },
                    "\(shell): no line offers \(values)"
                )
            }
            // Ids and script names are asked of the program when Tab is pressed.
            #expect(script.contains("---completion"), "\(shell)")
        }
    }

    // MARK: The root command

    @Test func anUnknownCommandIsNamedWithTheCommandsThereAre() throws {
        let text = try #require(UnknownCommand.message(for: ["frobnicate"], root: MicroprojectCommand.self))
        #expect(text.hasPrefix("'frobnicate' is not a microproject command."), "\(text)")
        for command in ["start", "continue", "export", "practitioner", "lint"] { #expect(text.contains(command)) }
        let list = try #require(text.split(separator: "\n").first { $0.hasPrefix("The commands are: ") })
        #expect(!list.contains("home"), "the hidden alias is listed: \(text)")
        let slip = try #require(UnknownCommand.message(for: ["contineu", "mp-r9jgmx"], root: MicroprojectCommand.self))
        #expect(slip.contains("Did you mean 'continue'?"), "\(slip)")
        let nested = try #require(UnknownCommand.message(for: ["practitioner", "ad"], root: MicroprojectCommand.self))
        #expect(nested.contains("'ad' is not a command of 'microproject practitioner'. Did you mean 'add'?"))
        #expect(nested.contains("add, update, list, show, log-peer-learning"), "\(nested)")
        let help = try #require(UnknownCommand.message(for: ["help", "frobnicate"], root: MicroprojectCommand.self))
        #expect(help.hasPrefix("'frobnicate' is not a microproject command."), "\(help)")
        let known: [[String]] = [
            ["home"], ["help"], ["help", "start"], ["help", "practitioner", "add"], ["--version"],
            ["practitioner", "add", "--id", "sam"], [],
        ]
        for known in known {
            #expect(UnknownCommand.message(for: known, root: MicroprojectCommand.self) == nil, "\(known)")
        }
    }

    @Test func theVersionIsOneConstant() {
        #expect(MicroprojectCommand.configuration.version == "microproject \(MicroprojectVersion.current)")
    }

    // MARK: Failures

    @Test func everyKindOfFailureHasItsSentenceAndCode() {
        let store = StoreError(.readOnly, path: "/x", "The folder /x is read-only.")
        #expect(CommandFailure.failure(for: store)?.code == ExitStatus.cannotCreate)
        #expect(CommandFailure.failure(for: store)?.message == "The folder /x is read-only.")
        #expect(CommandFailure.failure(for: StoreError(.unknownSession, path: nil, "no"))?.code == ExitStatus.notFound)
        #expect(CommandFailure.failure(for: StoreError(.damaged, path: nil, "bad"))?.code == ExitStatus.ioError)
        let cli = CLIError(message: "Refused.", code: ExitStatus.refused)
        #expect(CommandFailure.failure(for: cli)?.code == ExitStatus.refused)
        let script = ScriptLoadError(diagnostics: [
            Diagnostic(file: "a.yaml", line: 3, column: 5, severity: .error, message: "bad", node: nil, fix: nil)
        ])
        #expect(CommandFailure.failure(for: script)?.code == ExitStatus.dataError)
        #expect(CommandFailure.failure(for: script)?.message.contains("a.yaml:3:5") == true)
        let answers = AnswersFileError(path: "/no/file", reason: "No such file or directory")
        #expect(CommandFailure.failure(for: answers)?.code == ExitStatus.notFound)
        #expect(CommandFailure.failure(for: answers)?.message.contains("/no/file") == true)
    }

    @Test func anUnexpectedErrorIsSaidAndExits70() throws {
        struct Surprise: Error {}
        let console = CapturingConsole()
        let code = try CommandFailure.exitCode(console: console) { throw Surprise() }
        #expect(code == ExitStatus.software)
        #expect(console.errors.contains("Something went wrong that microproject did not expect"), "\(console.errors)")
        #expect(console.errors.contains("Please report this message."), "\(console.errors)")
        let said = CapturingConsole()
        #expect(
            try CommandFailure.exitCode(console: said) { throw CLIError(message: "No.", code: ExitStatus.usage) }
                == ExitStatus.usage
        )
        #expect(said.errors == "No.\n")
        // ArgumentParser words its own, with the usage line.
        #expect(throws: ValidationError.self) {
            try CommandFailure.exitCode(console: said) { throw ValidationError("Say what.") }
        }
    }
}
