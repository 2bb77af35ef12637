import ArgumentParser
import Foundation
import InterviewEngine
import TerminalIO
import TextSafety

/// `microproject home`: the chat home, as `microproject` alone opens it (kept for those who type it; not listed).
struct HomeCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "Open the chat home, as 'microproject' alone does on a terminal.",
        shouldDisplay: false
    )

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        try MicroprojectCommand.openHome(env: env, console: console)
    }
}

/// A menu in plain words that leads anywhere a new practitioner needs to go, without reading the docs.
enum Home {
    struct Waiting {
        var id: String
        var label: String
    }

    static func run(env: AppEnvironment, console: Console) throws -> ExitCode {
        let reader = try Interview.makeReader(nil)
        console.write(console.style.bold("Welcome to the Microproject Practice companion.") + "\n")
        while true {
            let store = try env.openStore(reportingTo: console)
            let profiles = try Practitioners.all(store: store)
            let waiting = try waitingItems(env: env)
            var options: [(key: String, label: String)] = []
            // The profile stays first so the numbers never move once a profile exists.
            options.append(
                (
                    "profile",
                    profiles.isEmpty
                        ? "Set up your practitioner profile (do this first)" : "Add another practitioner profile"
                )
            )
            options.append(("start", "Start a new microproject"))
            options.append(
                (
                    "continue",
                    "Carry on with one" + (waiting.isEmpty ? " (none waiting)" : " (\(waiting.count) waiting)")
                )
            )
            options.append(("check", "Run a suitability and safety check on its own"))
            options.append(("list", "See everything so far"))
            options.append(("help", "Help"))
            options.append(("leave", "Leave"))
            console.write("\nWhat would you like to do?\n")
            for (i, o) in options.enumerated() { console.write("  \(i + 1)) \(o.label)\n") }
            guard
                case .line(let raw) = reader.readLine(
                    prompt: "choose> ",
                    completions: options.map(\.key),
                    console: console
                )
            else {
                console.write("\nGoodbye.\n")
                return ExitStatus.ok
            }
            let text = Sanitizer.cleanAnswer(raw).lowercased()
            let chosen =
                Int(text).flatMap { options.indices.contains($0 - 1) ? options[$0 - 1].key : nil }
                ?? options.first { $0.key == text }?.key
            let settings = InterviewSettings()
            switch chosen {
            case "profile":
                let loaded = try Interview.loadScript("practitioner-profile", env: env, console: console)
                let outcome = try Interview.start(
                    loaded: loaded,
                    context: [:],
                    settings: InterviewSettings(practitioner: "new practitioner"),
                    env: env,
                    console: console,
                    reader: reader,
                    stage: "profile"
                )
                if let profile = Practitioners.profile(from: outcome.machine, today: CivilTime.day(env.now())) {
                    if try Practitioners.load(profile.id, store: store) != nil {
                        console.write(
                            "A profile '\(profile.id)' already exists; it was not changed. Use 'microproject practitioner update'.\n"
                        )
                    } else {
                        try Practitioners.save(profile, store: store, at: env.now())
                        console.write(Practitioners.describe(profile, today: CivilTime.day(env.now())))
                    }
                } else if outcome.code != ExitStatus.ok {
                    return outcome.code
                }
            case "start":
                guard !profiles.isEmpty else {
                    console.write(
                        "First, set up your practitioner profile (option 1), so the companion can check the entry requirements.\n"
                    )
                    continue
                }
                var who: String?
                if profiles.count > 1 {
                    console.write("Who is running it? " + profiles.map(\.id).joined(separator: ", ") + "\n")
                    guard
                        case .line(let pick) = reader.readLine(
                            prompt: "practitioner> ",
                            completions: profiles.map(\.id),
                            console: console
                        )
                    else { continue }
                    who = Sanitizer.cleanAnswer(pick)
                }
                return try MicroprojectRunner.start(
                    practitionerID: who,
                    settings: settings,
                    env: env,
                    console: console,
                    reader: reader
                )
            case "continue":
                guard !waiting.isEmpty else {
                    console.write("There is nothing to carry on with yet.\n")
                    continue
                }
                for (i, w) in waiting.enumerated() { console.write("  \(i + 1)) \(w.label)\n") }
                guard
                    case .line(let pick) = reader.readLine(
                        prompt: "which> ",
                        completions: waiting.map(\.id),
                        console: console
                    )
                else {
                    continue
                }
                let p = Sanitizer.cleanAnswer(pick).lowercased()
                guard
                    let item = Int(p).flatMap({ waiting.indices.contains($0 - 1) ? waiting[$0 - 1] : nil })
                        ?? waiting.first(where: { $0.id == p })
                else {
                    console.write("That is not one of those listed.\n")
                    continue
                }
                if item.id.hasPrefix("mp-") {
                    return try MicroprojectRunner.continueMicroproject(
                        id: item.id,
                        settings: settings,
                        env: env,
                        console: console,
                        reader: reader
                    )
                }
                return try Interview.resume(id: item.id, settings: settings, env: env, console: console, reader: reader)
            case "check":
                return try Interview.start(
                    scriptName: "safety-check",
                    context: [:],
                    settings: settings,
                    env: env,
                    console: console,
                    reader: reader
                )
            case "list":
                console.write(try Sessions.listing(env: env))
            case "help":
                console.write(
                    """
                    This companion walks you through Microproject Practice as a conversation, one step of the
                    cycle at a time: focus, suitability and safety, type, plan, agreement, sessions, reflection
                    and closure. Every answer is saved the moment you give it; you can stop between steps and
                    carry on another day. During any question, type /help to see what you can do, or /concern
                    if anything worries you.

                    """
                )
            case "leave":
                console.write("Goodbye.\n")
                return ExitStatus.ok
            default:
                console.write("Please type a number from 1 to \(options.count).\n")
            }
        }
    }

    /// Microprojects not closed, then sessions run on their own that have not finished.
    static func waitingItems(env: AppEnvironment) throws -> [Waiting] {
        let store = try env.readStore()
        var out: [Waiting] = []
        for m in try store.microprojects() where m.status != "closed" {
            let summary = (try? JSONDecoder().decode([String: String].self, from: Data(m.summaryJSON.utf8))) ?? [:]
            out.append(
                Waiting(
                    id: m.id,
                    label:
                        "\(m.id)  microproject\(summary["participant"].map { " with \($0)" } ?? ""), \(m.status), next: \(m.stage)"
                )
            )
        }
        for r in try store.sessions() where r.microprojectID == nil && r.status != "finished" && r.stage == nil {
            out.append(
                Waiting(
                    id: r.id,
                    label:
                        "\(r.id)  \(r.scriptID) on its own, last saved \(Interview.friendly(CivilTime.iso8601(r.updatedAt)))"
                )
            )
        }
        return out
    }
}
