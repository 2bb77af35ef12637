import ArgumentParser
import PracticeRules

/// `microproject consult mp-ID`: runs the priorities consult when it is the stage due.
struct ConsultCommand: ParsableCommand {
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

    @Argument(help: "The microproject id (mp-...).") var id: String
    @Option(help: ArgumentHelp("The Link practitioner's id.", valueName: "id")) var link: String?
    @Option(help: ArgumentHelp("The Lead practitioner's id.", valueName: "id")) var lead: String?
    @Option(name: .customLong("lead-plus"), help: ArgumentHelp("The Lead Plus practitioner's id.", valueName: "id"))
    var leadPlus: String?
    @Option(help: ArgumentHelp("The senior consultant's practitioner id.", valueName: "id")) var consultant: String?
    @OptionGroup var options: InterviewOptions

    func run() throws {
        try reporting {
            var roles: [String: String] = [:]
            roles["link"] = link?.lowercased()
            roles["lead"] = lead?.lowercased()
            roles["lead-plus"] = leadPlus?.lowercased()
            roles["consultant"] = consultant?.lowercased()
            return try MicroprojectRunner.continueMicroproject(
                id: id.lowercased(),
                settings: options.settings,
                env: AppEnvironment.live(),
                console: StandardConsole(),
                reader: nil,
                consultRoles: roles,
                onlyConsult: true
            )
        }
    }
}
