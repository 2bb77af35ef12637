import ArgumentParser
import Foundation
import InterviewEngine
import TerminalIO

/// `microproject` with no arguments: the chat home on a terminal, usage otherwise.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "The chat home: start, continue, list, help.",
        shouldDisplay: false
    )

    func run() throws {
        guard Terminal.isInteractive else {
            StandardConsole().error(MicroprojectCommand.helpMessage() + "\n")
            throw ExitStatus.usage
        }
        try reporting { try Home.run(env: AppEnvironment.live(), console: StandardConsole()) }
    }
}

enum Home {
    static func run(env: AppEnvironment, console: Console) throws -> ExitCode {
        let reader = try Interview.makeReader(nil)
        console.write(console.style.bold("Welcome to the Microproject Practice companion.") + "\n")
        while true {
            let open = (try? env.openStore().sessions().filter { $0.status != "finished" }) ?? []
            console.write(
                """

                What would you like to do?
                  1) Start a suitability and safety check
                  2) Continue a session\(open.isEmpty ? " (none waiting)" : " (\(open.count) waiting)")
                  3) See your sessions
                  4) Help
                  5) Leave

                """
            )
            let words = ["start", "continue", "list", "help", "leave"]
            guard case .line(let raw) = reader.readLine(prompt: "choose> ", completions: words) else {
                console.write("\nGoodbye.\n")
                return ExitStatus.ok
            }
            switch Sanitizer.cleanAnswer(raw).lowercased() {
            case "1", "start":
                return try Interview.start(
                    scriptName: "safety-check",
                    context: [:],
                    settings: InterviewSettings(),
                    env: env,
                    console: console,
                    reader: reader
                )
            case "2", "continue":
                guard !open.isEmpty else {
                    console.write("There is nothing to continue yet.\n")
                    continue
                }
                for (i, row) in open.enumerated() {
                    console.write(
                        "  \(i + 1)) \(row.id)  \(row.scriptID), last saved \(Interview.friendly(CivilTime.iso8601(row.updatedAt)))\n"
                    )
                }
                guard case .line(let pick) = reader.readLine(prompt: "which> ", completions: open.map(\.id)) else {
                    continue
                }
                let text = Sanitizer.cleanAnswer(pick).lowercased()
                let chosen =
                    Int(text).flatMap { open.indices.contains($0 - 1) ? open[$0 - 1] : nil }
                    ?? open.first { $0.id == text }
                guard let chosen else {
                    console.write("That is not one of the sessions listed.\n")
                    continue
                }
                return try Interview.resume(
                    id: chosen.id,
                    settings: InterviewSettings(),
                    env: env,
                    console: console,
                    reader: reader
                )
            case "3", "list":
                console.write(try Sessions.listing(env: env))
            case "4", "help":
                console.write(
                    """
                    This companion walks you through Microproject Practice as a conversation. Every answer is
                    saved as soon as you give it. Type /help during an interview to see what you can do.
                    Commands: microproject run SCRIPT, continue ID, list, show ID, lint, graph SCRIPT.

                    """
                )
            case "5", "leave", "quit", "exit", "/quit":
                console.write("Goodbye.\n")
                return ExitStatus.ok
            default:
                console.write("Please type a number from 1 to 5.\n")
            }
        }
    }
}
