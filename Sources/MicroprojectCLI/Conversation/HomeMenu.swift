import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import SessionStore
import TerminalIO

/// One turn of the chat home's menu: shows it, carries out the choice, and comes back. Whatever it runs
/// (a profile, a microproject, a check) ends back here, paused or finished, so the person is never dropped
/// to the shell in the middle of things; only "Leave", Ctrl-D or Ctrl-C at the menu end the program.
struct HomeMenu {
    let env: AppEnvironment
    let talk: Conversation

    /// Nil to show the menu again; an exit code to leave with.
    func once() throws -> ExitCode? {
        let store = try env.openStore(reportingTo: talk.console)
        let profiles = try Practitioners.all(store: store)
        let waiting = try Home.waitingItems(env: env)
        // The profile stays first so the numbers never move once a profile exists.
        let options: [(key: String, label: String)] = [
            (
                "profile",
                profiles.isEmpty
                    ? "Set up your practitioner profile (do this first)" : "Add another practitioner profile"
            ),
            ("start", "Start a new microproject"),
            ("continue", "Carry on with one" + (waiting.isEmpty ? " (none waiting)" : " (\(waiting.count) waiting)")),
            ("check", "Run a suitability and safety check on its own"),
            ("list", "See everything so far"),
            ("export", "Export records for the tracker (a spreadsheet workbook)"),
            ("certification", "See certification evidence: gathered, and still to gather"),
            ("summary", "Write a programme summary for funders and leads"),
            ("help", "Help"),
            ("leave", "Leave"),
        ]
        talk.sayAfterBreak("What would you like to do?")
        guard let picked = talk.choose(nil, options: options, prompt: "choose>") else {
            talk.sayAfterBreak("Goodbye.")
            return ExitStatus.ok
        }
        do {
            return try carryOut(options[picked].key, store: store, profiles: profiles, waiting: waiting)
        } catch let refused as CLIError {
            // Said here, and the menu comes back: nothing has changed.
            talk.sayProblem(refused.message)
            return nil
        }
    }

    private func carryOut(
        _ key: String,
        store: SessionStore,
        profiles: [PractitionerProfile],
        waiting: [Home.Waiting]
    ) throws -> ExitCode? {
        let reader = talk.reader
        let console = talk.console
        let settings = InterviewSettings()
        switch key {
        case "profile":
            let loaded = try Interview.loadScript("practitioner-profile", env: env, console: console)
            let outcome = try Interview.start(
                loaded: loaded,
                context: [:],
                settings: InterviewSettings(practitioner: "new practitioner"),
                env: env,
                console: console,
                reader: reader,
                stage: "profile",
                vetAnswer: PractitionerQuestions.newIDCheck(store: store, interactive: true)
            )
            if let profile = Practitioners.profile(from: outcome.machine, today: CivilTime.day(env.now())) {
                try Practitioners.save(profile, store: store, at: env.now())
                console.write(Practitioners.describe(profile, today: CivilTime.day(env.now())))
            }
        case "start":
            guard !profiles.isEmpty else {
                talk.say(
                    "First, set up your practitioner profile (option 1), so the companion can check the entry "
                        + "requirements."
                )
                return nil
            }
            _ = try MicroprojectRunner.start(
                practitionerID: nil,
                settings: settings,
                env: env,
                console: console,
                reader: reader
            )
        case "continue":
            guard !waiting.isEmpty else {
                talk.say("There is nothing to carry on with yet.")
                return nil
            }
            let items = waiting.map { (key: $0.id, label: $0.label) }
            guard let n = talk.choose("Which one?", options: items, prompt: "which>") else { return nil }
            let item = waiting[n]
            if item.id.hasPrefix("mp-") {
                _ = try MicroprojectRunner.continueMicroproject(
                    id: item.id,
                    settings: settings,
                    env: env,
                    console: console,
                    reader: reader
                )
            } else {
                _ = try Interview.resume(id: item.id, settings: settings, env: env, console: console, reader: reader)
            }
        case "check":
            _ = try Interview.start(
                scriptName: "safety-check",
                context: [:],
                settings: settings,
                env: env,
                console: console,
                reader: reader
            )
        case "list":
            console.write(try Sessions.listing(env: env))
        case "export":
            talk.say("Every microproject goes into one workbook; an earlier export in the same folder is replaced.")
            runCommand(["export", "--all", "--format", "xlsx", "--force"])
        case "certification":
            guard !profiles.isEmpty else {
                talk.say("There is no practitioner profile yet: set one up first (option 1).")
                return nil
            }
            var who = profiles[0]
            if profiles.count > 1 {
                let options = profiles.map { (key: $0.id, label: "\($0.name) (\($0.id))") }
                guard let n = talk.choose("Whose evidence?", options: options, prompt: "practitioner>") else {
                    return nil
                }
                who = profiles[n]
            }
            runCommand(["certification", who.id])
        case "summary":
            talk.say("The summary has no participant codes or sensitive fields; an earlier one is replaced.")
            runCommand(["summary", "--force"])
        case "help":
            talk.say(
                "This companion walks you through Microproject Practice as a conversation, one step of the cycle at "
                    + "a time: focus, suitability and safety, type, plan, agreement, sessions, reflection and closure. "
                    + "Every answer is saved the moment you give it; you can stop between steps and carry on another "
                    + "day. During any question, type /help to see what you can do, or /concern if anything worries you."
            )
        default:
            talk.say("Goodbye.")
            return ExitStatus.ok
        }
        return nil
    }

    /// Runs one of the program's own commands, exactly as typed on the command line; whatever it says (and
    /// any refusal) is shown, then the menu comes back.
    private func runCommand(_ arguments: [String]) {
        do {
            var command = try MicroprojectCommand.parseAsRoot(arguments)
            try command.run()
        } catch is ExitCode {
            // The command has already said what happened and what to do.
        } catch {
            talk.sayProblem(MicroprojectCommand.message(for: error))
        }
    }
}
