import ArgumentParser
import InterviewEngine
import PracticeRules

/// `microproject start`: begins a microproject with the focus definition.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract:
            "Start a microproject: focus, safety check, type, then plan, agreement, sessions, reflection and closure.",
        discussion: "Example: microproject start --practitioner sam"
    )

    @OptionGroup var options: InterviewOptions

    func run() throws {
        try reporting {
            let practitioner = options.practitioner == "practitioner" ? nil : options.practitioner
            return try MicroprojectRunner.start(
                practitionerID: practitioner,
                settings: options.settings,
                env: AppEnvironment.live(),
                console: StandardConsole(),
                reader: nil
            )
        }
    }
}

/// `microproject pause ID --reason TEXT`.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a microproject, with the reason; carry on later with 'continue'."
    )

    @Argument(help: "The microproject id (mp-...).") var id: String
    @Option(help: "Why it is paused, in a few words.") var reason: String

    func run() throws {
        try reporting {
            let env = AppEnvironment.live()
            let console = StandardConsole()
            let store = try env.openStore(reportingTo: console)
            guard var machine = try MicroprojectJournal.load(store: store, id: id.lowercased()) else {
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
}
