import ArgumentParser
import Foundation
import InterviewEngine
import PromptScripts
import SessionStore
import TerminalIO

/// `microproject continue ID`: picks a paused (or interrupted) session up where it stopped.
struct ContinueCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "continue",
        abstract: "Carry on with a microproject (its stage that is due) or a paused session.",
        discussion: "Example: microproject continue k7q2xd   ('microproject list' shows your sessions)"
    )

    @Argument(
        help: ArgumentHelp("The microproject id (mp-...), or the id of a session run on its own.", valueName: "id")
    ) var id: WorkID

    @OptionGroup var options: InterviewOptions

    @Option(
        help: ArgumentHelp(
            "Reopen an earlier stage of a microproject to complete or correct it; its earlier answers stay in the "
                + "audit trail, and closure checks again afterwards.",
            valueName: "stage"
        )
    )
    var revisit: RevisitStage?

    func validate() throws {
        if case .session = id, revisit != nil {
            throw ValidationError("--revisit reopens a stage of a microproject: give its id (mp-...).")
        }
    }

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        switch id {
        case .microproject(let id):
            return try MicroprojectRunner.continueMicroproject(
                id: id.rawValue,
                settings: options.settings,
                env: env,
                console: console,
                reader: nil,
                revisit: revisit?.stage.rawValue
            )
        case .session(let id):
            return try Interview.resume(id: id.rawValue, settings: options.settings, env: env, console: console)
        }
    }
}
