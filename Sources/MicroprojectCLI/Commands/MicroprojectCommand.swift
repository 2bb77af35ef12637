import ArgumentParser
import Foundation
import TerminalIO

/// The version of microproject: `microproject --version`, and the footer of the man page Scripts/install makes.
public enum MicroprojectVersion {
    public static let current = "0.9.0"
}

/// `microproject`: the root command. With no command, on a terminal, it is the chat home.
public struct MicroprojectCommand: MicroprojectSubcommand {
    public static let configuration = CommandConfiguration(
        commandName: "microproject",
        abstract: "A guided, chat-style companion for I Matter Microproject Practice.",
        usage: """
            microproject                        (the chat home, on a terminal)
            microproject <command> [<options>]
            """,
        discussion: """
            On a terminal with no arguments it opens the chat home. Your answers are saved as you go; \
            pause at any time and carry on with 'microproject continue ID'.

            Environment: MICROPROJECT_HOME (where sessions and records are kept), MICROPROJECT_PROMPTS \
            (a folder of scripts to use instead of the shipped ones), NO_COLOR (turns colour off).
            """,
        version: "microproject \(MicroprojectVersion.current)",
        subcommands: [
            StartCommand.self, ContinueCommand.self, ConsultCommand.self, PauseCommand.self, AuditCommand.self,
            ListCommand.self, ExportCommand.self, CertificationCommand.self, SummaryCommand.self, ShowCommand.self,
            RunCommand.self, PractitionerCommand.self, LintCommand.self, GraphCommand.self, HomeCommand.self,
        ]
    )

    public init() {}

    /// Public because the root command is; the same one `run()` every command has.
    public func run() throws { try runReportingFailures() }

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        try Self.openHome(env: env, console: console)
    }

    /// The chat home on a terminal; elsewhere (a pipe, a script) the help, on standard error, and exit 64.
    static func openHome(env: AppEnvironment, console: Console) throws -> ExitCode {
        guard Terminal.isInteractive else {
            console.error(helpMessage() + "\n")
            return ExitStatus.usage
        }
        return try Home.run(env: env, console: console)
    }

    public static func entrypoint() {
        let console = StandardConsole()
        // One input policy for every argument, before any command can echo or store one (exit 65).
        if let problem = ArgumentCheck.problem(in: ArgumentCheck.processArguments) {
            console.error(problem + "\n")
            Foundation.exit(ExitStatus.dataError.rawValue)
        }
        // A word where a command belongs that is none: say so and list them, rather than the usage of another.
        if let unknown = UnknownCommand.message(for: Array(CommandLine.arguments.dropFirst()), root: Self.self) {
            console.error(unknown + "\n")
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        main()
    }
}

/// Options every interviewing command shares.
struct InterviewOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Read answers from this file, one line per answer, exactly as typed.", valueName: "file"),
        completion: .file()
    )
    var answers: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the learning capture record (JSON) here; a Markdown summary goes beside it.",
            valueName: "file"
        ),
        completion: .file(extensions: ["json"])
    )
    var record: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Who is answering: a practitioner id (for microprojects) or a name.", valueName: "id"),
        completion: Completions.practitionerIDs
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
