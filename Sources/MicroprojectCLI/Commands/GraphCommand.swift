import ArgumentParser
import PromptScripts

extension ScriptGraph.Format: ExpressibleByArgument {}

/// `microproject graph SCRIPT`: the flow as Graphviz DOT or Mermaid.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a script's flow as a Graphviz DOT or Mermaid picture.",
        discussion: "Example: microproject graph safety-check | dot -Tsvg > safety-check.svg"
    )

    @Argument(help: ArgumentHelp("The script: an id or a path.", valueName: "script"))
    var script: String

    @Option(name: .long, help: "dot (Graphviz) or mermaid.")
    var format: ScriptGraph.Format = .dot

    func run() throws {
        try reporting {
            let console = StandardConsole()
            let loaded = try Interview.loadScript(script, env: AppEnvironment.live(), console: console)
            console.write(ScriptGraph.render(loaded.script, format: format))
            return ExitStatus.ok
        }
    }
}
