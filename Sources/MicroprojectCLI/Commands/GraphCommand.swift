import ArgumentParser
import PromptScripts

/// `microproject graph SCRIPT`: the flow as Graphviz DOT or Mermaid.
struct GraphCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a script's flow as a Graphviz DOT or Mermaid picture.",
        discussion: "Example: microproject graph safety-check | dot -Tsvg > safety-check.svg"
    )

    @Argument(
        help: ArgumentHelp("The script: an id or a path.", valueName: "script"),
        completion: Completions.scriptNames
    )
    var script: String

    @Option(name: .long, help: "dot (Graphviz) or mermaid.")
    var format: ScriptGraph.Format = .dot

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let loaded = try Interview.loadScript(script, env: env, console: console)
        console.write(ScriptGraph.render(loaded.script, format: format))
        return ExitStatus.ok
    }
}
