import ArgumentParser
import InterviewEngine
import PracticeRules

/// `microproject start`: begins a microproject with the focus definition.
struct StartCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract:
            "Start a microproject: focus, safety check, type, then plan, agreement, sessions, reflection and closure.",
        discussion: "Example: microproject start --practitioner sam"
    )

    @OptionGroup var options: InterviewOptions

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let practitioner = options.practitioner == "practitioner" ? nil : options.practitioner
        return try MicroprojectRunner.start(
            practitionerID: practitioner,
            settings: options.settings,
            env: env,
            console: console,
            reader: nil
        )
    }
}

/// `microproject pause ID --reason TEXT`.
struct PauseCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a microproject, with the reason; carry on later with 'continue'."
    )

    @Argument(help: ArgumentHelp("The microproject id (mp-...).", valueName: "id")) var id: MicroprojectID
    @Option(help: "Why it is paused, in a few words.") var reason: String

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let store = try env.openStore(reportingTo: console)
        guard var machine = try MicroprojectJournal.load(store: store, id: id.rawValue) else {
            throw CLIError(
                message: "There is no microproject '\(id)'. Type 'microproject list' to see them.",
                code: ExitStatus.notFound
            )
        }
        let journal = MicroprojectJournal(store: store, id: machine.project.id)
        try journal.record(
            .paused(reason: reason),
            on: &machine,
            actor: machine.project.practitionerID,
            at: env.now()
        )
        console.write(
            "Microproject \(machine.project.id) is paused: \(reason)\nTo carry on: microproject continue \(machine.project.id)\n"
        )
        return ExitStatus.ok
    }
}
