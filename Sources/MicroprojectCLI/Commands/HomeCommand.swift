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
        let talk = Conversation(console: console, reader: try Interview.makeReader(nil))
        talk.say("Welcome to the Microproject Practice companion.", .bold)
        while true {
            guard let leave = try HomeMenu(env: env, talk: talk).once() else { continue }
            return leave
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
