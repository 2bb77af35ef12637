import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import PromptScripts
import TerminalIO

/// `microproject run SCRIPT`: runs one prompt script on its own.
struct RunCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one prompt script on its own (an id from Prompts/, or a path).",
        discussion: "Example: microproject run safety-check"
    )

    @Argument(
        help: ArgumentHelp("The script: an id such as safety-check, or a path to a .yaml file.", valueName: "script"),
        completion: Completions.scriptNames
    )
    var script: String

    @OptionGroup var options: InterviewOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The microproject type, for scripts that ask about it.", valueName: "n")
    )
    var type: MicroprojectType?

    @Option(name: .long, help: ArgumentHelp("The participant's pseudonymous code (never a name).", valueName: "code"))
    var participant: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A context value for the script, as name=value (repeatable), e.g. --context session=2.",
            valueName: "name=value"
        )
    )
    var context: [String] = []

    func validate() throws {
        for item in context {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ScriptContext.names.contains(parts[0]) else {
                throw ValidationError(
                    "--context takes name=value with one of these names: \(ScriptContext.names.joined(separator: ", "))."
                )
            }
            if ScriptContext.numeric.contains(parts[0]), Double(parts[1]) == nil {
                throw ValidationError("--context \(parts[0]) needs a number, e.g. --context \(parts[0])=2.")
            }
        }
    }

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        var context: [String: String] = [:]
        for item in self.context {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            context[parts[0]] = parts[1]
        }
        if let type {
            context["type"] = String(type.rawValue)
            // What a microproject of this type would be told; given on the command line, it wins.
            if context["type-title"] == nil { context["type-title"] = type.title }
            if context["tracker"] == nil { context["tracker"] = type.tracker.description }
        }
        if let participant { context["participant"] = participant }
        return try Interview.start(
            scriptName: script,
            context: context,
            settings: options.settings,
            env: env,
            console: console
        )
    }
}
