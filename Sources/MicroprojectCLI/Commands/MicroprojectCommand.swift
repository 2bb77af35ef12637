import ArgumentParser
import Foundation
import SessionStore

/// `microproject`: the root command.
public struct MicroprojectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "microproject",
        abstract: "A guided, chat-style companion for I Matter Microproject Practice.",
        discussion: """
            On a terminal with no arguments it opens the chat home. Your answers are saved as you go; \
            pause at any time and carry on with 'microproject continue ID'.

            Environment: MICROPROJECT_HOME (where sessions and records are kept), MICROPROJECT_PROMPTS \
            (a folder of scripts to use instead of the shipped ones), NO_COLOR (turns colour off).
            """,
        subcommands: [
            HomeCommand.self, StartCommand.self, ContinueCommand.self, ConsultCommand.self, PauseCommand.self,
            AuditCommand.self, ListCommand.self, ExportCommand.self, CertificationCommand.self, SummaryCommand.self,
            ShowCommand.self, RunCommand.self, PractitionerCommand.self, LintCommand.self, GraphCommand.self,
        ],
        defaultSubcommand: HomeCommand.self
    )

    public init() {}

    public static func entrypoint() {
        // One input policy for every argument, before any command can echo or store one (exit 65).
        if let problem = ArgumentCheck.problem(in: ArgumentCheck.processArguments) {
            StandardConsole().error(problem + "\n")
            Foundation.exit(ExitStatus.dataError.rawValue)
        }
        main()
    }
}

/// Options every interviewing command shares.
struct InterviewOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Read answers from this file, one line per answer, exactly as typed.", valueName: "file")
    )
    var answers: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the learning capture record (JSON) here; a Markdown summary goes beside it.",
            valueName: "file"
        )
    )
    var record: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Who is answering: a practitioner id (for microprojects) or a name.", valueName: "id")
    )
    var practitioner: String = "practitioner"

    var settings: InterviewSettings {
        InterviewSettings(answers: answers, record: record, practitioner: practitioner)
    }
}

/// What an interview needs from the command line, as plain values.
struct InterviewSettings {
    var answers: String?
    var record: String?
    var practitioner = "practitioner"
}

/// Prints every failure for people, as a sentence, and exits with its sysexits code: never Swift's bare
/// "Error: ..." with exit 1.
func reporting(_ body: () throws -> ExitCode) throws {
    let code: ExitCode
    do {
        code = try body()
    } catch let error as CLIError {
        StandardConsole().error(error.message + "\n")
        throw error.code
    } catch let error as StoreError {
        let failure = CLIError(store: error)
        StandardConsole().error(failure.message + "\n")
        throw failure.code
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        StandardConsole().error(
            "Something went wrong that microproject did not expect: \(error).\n"
                + "Nothing more was done. Please report this message.\n"
        )
        throw ExitStatus.software
    }
    if code != .success { throw code }
}
