import ArgumentParser
import PracticeRules

/// `microproject consult mp-ID`: runs the priorities consult when it is the stage due.
struct ConsultCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "consult",
        abstract: "Run a microproject's priorities consult (Types 2 to 4), co-run at one keyboard.",
        discussion: """
            Each practitioner signs in by profile id; roles not given as options are asked for. Type 2: --link and \
            --lead-plus. Type 3: --lead (a Lead Plus may take it when delegated). Type 4: --lead and --consultant \
            (the practitioner recorded as the programme's senior consultant).
            Example: microproject consult mp-7nxfqq --link sam --lead-plus ann
            """
    )

    @Argument(help: ArgumentHelp("The microproject id (mp-...).", valueName: "id")) var id: MicroprojectID
    @Option(help: ArgumentHelp("The Link practitioner's id.", valueName: "id")) var link: PractitionerID?
    @Option(help: ArgumentHelp("The Lead practitioner's id.", valueName: "id")) var lead: PractitionerID?
    @Option(name: .customLong("lead-plus"), help: ArgumentHelp("The Lead Plus practitioner's id.", valueName: "id"))
    var leadPlus: PractitionerID?
    @Option(help: ArgumentHelp("The senior consultant's practitioner id.", valueName: "id")) var consultant:
        PractitionerID?
    @OptionGroup var options: InterviewOptions

    /// The roles given as options, by the role's name in the consult script.
    var roles: [String: String] {
        let given: [(String, PractitionerID?)] = [
            ("link", link), ("lead", lead), ("lead-plus", leadPlus), ("consultant", consultant),
        ]
        return given.reduce(into: [:]) { roles, role in roles[role.0] = role.1?.rawValue }
    }

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        try MicroprojectRunner.continueMicroproject(
            id: id.rawValue,
            settings: options.settings,
            env: env,
            console: console,
            reader: nil,
            consultRoles: roles,
            onlyConsult: true
        )
    }
}
