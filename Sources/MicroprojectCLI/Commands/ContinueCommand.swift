import ArgumentParser
import Foundation
import InterviewEngine
import PromptScripts
import SessionStore
import TerminalIO

/// `microproject continue ID`: picks a paused (or interrupted) session up where it stopped.
struct ContinueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "continue",
        abstract: "Carry on with a microproject (its stage that is due) or a paused session.",
        discussion: "Example: microproject continue k7q2xd   ('microproject list' shows your sessions)"
    )

    @Argument(help: ArgumentHelp("The session id.", valueName: "id"))
    var id: String

    @OptionGroup var options: InterviewOptions

    @Option(
        help: ArgumentHelp(
            "Reopen an earlier stage of a microproject to complete or correct it (focus, safety, plan, agreement, "
                + "reflection); its earlier answers stay in the audit trail, and closure checks again afterwards.",
            valueName: "stage"
        )
    )
    var revisit: String?

    func run() throws {
        try reporting {
            let env = AppEnvironment.live()
            if id.lowercased().hasPrefix("mp-") {
                return try MicroprojectRunner.continueMicroproject(
                    id: id.lowercased(),
                    settings: options.settings,
                    env: env,
                    console: StandardConsole(),
                    reader: nil,
                    revisit: revisit
                )
            }
            if revisit != nil {
                throw CLIError(
                    message: "--revisit reopens a stage of a microproject: give its id (mp-...).",
                    code: ExitStatus.usage
                )
            }
            return try Interview.resume(
                id: id,
                settings: options.settings,
                env: env,
                console: StandardConsole()
            )
        }
    }
}
