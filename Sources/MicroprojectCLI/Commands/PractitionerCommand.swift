import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules

/// `microproject practitioner ...`: profiles and what the entry requirements still need.
struct PractitionerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practitioner",
        abstract: "Set up and update practitioner profiles (training, licence, approval).",
        subcommands: [Add.self, Update.self, List.self, Show.self, LogPeerLearning.self]
    )

    /// Profile fields as options, shared by add and update.
    struct ProfileOptions: ParsableArguments {
        @Option(help: "Licence level: link, lead or lead-plus.") var licence: LicenceLevel?
        @Option(
            name: .customLong("licence-expires"),
            help: ArgumentHelp("Last day the licence is valid.", valueName: "YYYY-MM-DD")
        ) var licenceExpires: CalendarDay?
        @Option(
            help: ArgumentHelp(
                "A pathway or training completed (repeatable): \(Pathway.allCases.map(\.rawValue).joined(separator: ", ")).",
                valueName: "pathway"
            )
        )
        var completed: [Pathway] = []
        @Option(
            help: ArgumentHelp(
                "Confirm a practice readiness item today (repeatable): principles (understanding of I Matter "
                    + "principles), boundaries (awareness of relational, non-clinical boundaries), reflection "
                    + "(ability to reflect on practice in structured ways).",
                valueName: "item"
            )
        )
        var readiness: [ReadinessItem] = []
        @Flag(help: "Organisational approval under the Enhanced Practice licence is in place.") var approved = false
        @Flag(name: .customLong("not-approved"), help: "Organisational approval is not (or no longer) in place.")
        var notApproved = false
        @Flag(
            name: .customLong("senior-consultant"),
            help: "This practitioner is the programme's senior consultant, who co-runs Type 4 consults."
        )
        var seniorConsultant = false
        @Flag(
            name: .customLong("not-senior-consultant"),
            help: "Remove the senior consultant mark (this practitioner no longer co-runs Type 4 consults)."
        )
        var notSeniorConsultant = false

        func validate() throws {
            if seniorConsultant && notSeniorConsultant {
                throw ValidationError("Use --senior-consultant or --not-senior-consultant, not both.")
            }
            if approved && notApproved { throw ValidationError("Use --approved or --not-approved, not both.") }
        }

        func apply(to profile: inout PractitionerProfile, today: String) throws {
            for item in readiness where profile.readinessConfirmed(item) == nil {
                profile.practiceReadiness = (profile.practiceReadiness ?? [:]).merging([item.rawValue: today]) { a, _ in
                    a
                }
            }
            if let licence {
                guard let expires = licenceExpires?.text ?? profile.licence?.expires else {
                    throw CLIError(
                        message: "A licence needs its expiry date: add --licence-expires YYYY-MM-DD.",
                        code: ExitStatus.usage
                    )
                }
                profile.licence = Licence(level: licence, expires: expires)
            } else if let licenceExpires {
                guard let level = profile.licence?.level else {
                    throw CLIError(
                        message: "Say which licence this date is for: add --licence link, lead or lead-plus.",
                        code: ExitStatus.usage
                    )
                }
                profile.licence = Licence(level: level, expires: licenceExpires.text)
            }
            profile.completed.formUnion(completed)
            if approved { profile.organisationalApproval = true }
            if notApproved { profile.organisationalApproval = false }
            if seniorConsultant { profile.seniorConsultant = true }
            if notSeniorConsultant { profile.seniorConsultant = nil }
        }
    }

    struct Add: MicroprojectSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a practitioner profile: with options, or by answering a few questions.",
            discussion:
                "Example: microproject practitioner add --id sam --name 'Sam Khan' --licence link --licence-expires 2027-08-31 --completed introduction --completed foundations --approved"
        )

        @Option(help: "A short id: 2 to 20 letters, digits or hyphens.") var id: PractitionerID?
        @Option(help: "The name to show on records.") var name: String?
        @OptionGroup var profile: ProfileOptions
        @Option(help: ArgumentHelp("Answer the profile questions from this file.", valueName: "file")) var answers:
            String?

        func validate() throws {
            if (id == nil) != (name == nil) {
                throw ValidationError("Give both --id and --name, or neither to answer questions.")
            }
        }

        func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
            let store = try env.openStore(reportingTo: console)
            var new: PractitionerProfile
            var confirmation = "Saved.\n"
            if let id, let name {
                new = PractitionerProfile(id: id.rawValue, name: name)
                try profile.apply(to: &new, today: CivilTime.day(env.now()))
            } else {
                let loaded = try Interview.loadScript("practitioner-profile", env: env, console: console)
                let reader = try Interview.makeReader(answers)
                let outcome = try Interview.start(
                    loaded: loaded,
                    context: [:],
                    settings: InterviewSettings(answers: answers, practitioner: "new practitioner"),
                    env: env,
                    console: console,
                    reader: reader,
                    stage: "profile",
                    vetAnswer: PractitionerQuestions.newIDCheck(store: store, interactive: reader.isInteractive)
                )
                guard outcome.machine.ending?.outcome.id == "saved",
                    let made = Practitioners.profile(from: outcome.machine, today: CivilTime.day(env.now()))
                else {
                    console.write(
                        "The profile was not saved. Your answers so far are kept in session \(outcome.sessionID).\n"
                    )
                    return outcome.code == ExitStatus.ok ? ExitStatus.ok : outcome.code
                }
                new = made
                confirmation = ""  // the interview's outcome has said it is saved
            }
            if try Practitioners.load(new.id, store: store) != nil {
                throw CLIError(
                    message:
                        "A practitioner '\(new.id)' already exists. Change it with 'microproject practitioner update \(new.id) ...'.",
                    code: ExitStatus.cannotCreate
                )
            }
            let saved = try Practitioners.save(new, store: store, at: env.now())
            console.write(
                confirmation + Practitioners.describe(saved, today: CivilTime.day(env.now()))
                    + Practitioners.expiredNote(saved, today: CivilTime.day(env.now()))
            )
            return ExitStatus.ok
        }
    }

    struct Update: MicroprojectSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Record new training, a licence or approval.",
            discussion: "Example: microproject practitioner update sam --completed deep-dive --completed lead-training"
        )
        @Argument(help: ArgumentHelp("The practitioner id.", valueName: "id")) var id: PractitionerID
        @OptionGroup var profile: ProfileOptions

        func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
            let store = try env.openStore(reportingTo: console)
            var existing = try Practitioners.choose(id.rawValue, store: store)
            try profile.apply(to: &existing, today: CivilTime.day(env.now()))
            let saved = try Practitioners.save(existing, store: store, at: env.now())
            console.write(
                "Saved.\n" + Practitioners.describe(saved, today: CivilTime.day(env.now()))
                    + Practitioners.expiredNote(saved, today: CivilTime.day(env.now()))
            )
            return ExitStatus.ok
        }
    }

    struct List: MicroprojectSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List practitioner profiles.")
        func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
            let (all, unreadable) = try Practitioners.everyone(store: try env.readStore())
            if all.isEmpty && unreadable.isEmpty {
                console.write("No practitioner profiles yet. Add yours with: microproject practitioner add\n")
            }
            for p in all {
                console.write(
                    "\(p.id)  \(p.name)  \(p.licence.map { "\($0.level.title) licence to \($0.expires)" } ?? "no licence recorded")"
                        + (p.seniorConsultant == true ? "  senior consultant" : "") + "\n"
                )
            }
            guard !unreadable.isEmpty else { return ExitStatus.ok }
            let total = all.count + unreadable.count
            console.write(
                "\(total) practitioner profile\(total == 1 ? "" : "s"), \(unreadable.count) of which cannot be read.\n"
            )
            for (id, reason) in unreadable {
                console.error("The profile '\(id)' cannot be read (\(reason)).\n")
            }
            console.error(
                "Nothing was changed. Ask your organisation's data lead to look at the store in \(env.dataHome).\n"
            )
            return ExitStatus.dataError
        }
    }

    struct Show: MicroprojectSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a profile and what each level still needs."
        )
        @Argument(help: ArgumentHelp("The practitioner id.", valueName: "id")) var id: PractitionerID
        func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
            let p = try Practitioners.choose(id.rawValue, store: try env.readStore())
            console.write(Practitioners.describe(p, today: CivilTime.day(env.now())))
            return ExitStatus.ok
        }
    }

    struct LogPeerLearning: MicroprojectSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "log-peer-learning",
            abstract: "Record a peer learning or reflective discussion session you attended."
        )
        @Argument(help: ArgumentHelp("The practitioner id.", valueName: "id")) var id: PractitionerID
        @Option(help: ArgumentHelp("The day it took place (default today).", valueName: "YYYY-MM-DD")) var date:
            CalendarDay?

        func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
            let store = try env.openStore(reportingTo: console)
            var p = try Practitioners.choose(id.rawValue, store: store)
            p.peerLearning.append(date?.text ?? CivilTime.day(env.now()))
            try Practitioners.save(p, store: store, at: env.now())
            console.write(
                "Recorded. \(p.name) has \(p.peerLearning.count) peer learning session\(p.peerLearning.count == 1 ? "" : "s") on record.\n"
            )
            return ExitStatus.ok
        }
    }
}
