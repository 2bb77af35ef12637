import ArgumentParser
import Foundation
import InterviewEngine
import PromptScripts

/// `microproject lint [PATH...]`: checks scripts, printing `file:line:col: error: ...`.
struct LintCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check prompt scripts for mistakes.",
        discussion: "With no paths it checks every script in the Prompts folder. Exits 65 if any script has errors."
    )

    @Argument(
        help: ArgumentHelp("Script files or folders to check, or the ids of shipped scripts.", valueName: "path"),
        completion: Completions.scriptNames
    )
    var paths: [String] = []

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let files = try Lint.files(paths, env: env)
        let result = Lint.check(files)
        if !result.diagnostics.isEmpty {
            console.error(DiagnosticPrinter.text(result.diagnostics) + "\n")
        }
        console.write(result.summary + "\n")
        return result.errors > 0 ? ExitStatus.dataError : ExitStatus.ok
    }
}

enum Lint {
    struct Result {
        var diagnostics: [Diagnostic] = []
        var scripts = 0
        var nodes = 0
        var questions = 0
        var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

        var summary: String {
            if let summary = DiagnosticRenderer.summary(diagnostics, scripts: scripts) { return summary + "." }
            return
                "ok: \(scripts) script\(scripts == 1 ? "" : "s"), \(nodes) nodes, \(questions) questions, \(warnings) warning\(warnings == 1 ? "" : "s")."
        }
    }

    static func files(_ paths: [String], env: AppEnvironment) throws -> [String] {
        if paths.isEmpty {
            guard let folder = env.promptsFolder else {
                throw CLIError(
                    message:
                        "The Prompts folder was not found. Name the scripts to check, or set MICROPROJECT_PROMPTS.",
                    code: ExitStatus.notFound
                )
            }
            return ScriptCatalog.scripts(in: folder)
        }
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            // A shipped script by its id, as `run` and `graph` take it.
            if !FileManager.default.fileExists(atPath: path),
                let script = ScriptCatalog.resolve(path, folder: env.promptsFolder)
            {
                out.append(script)
                continue
            }
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw CLIError(message: "\(path): no such file or folder.", code: ExitStatus.notFound)
            }
            out += isDir.boolValue ? ScriptCatalog.scripts(in: path) : [path]
        }
        return out
    }

    static func check(_ files: [String]) -> Result {
        var result = Result()
        for file in files {
            result.scripts += 1
            do {
                let loaded = try ScriptLoader.load(path: file)
                result.diagnostics += loaded.warnings
                let all = loaded.script.nodes.flatMap { n -> [InterviewEngine.Node] in
                    if case .group(let g) = n.kind { return [n] + g.nodes }
                    return [n]
                }
                result.nodes += all.count
                result.questions += all.filter { $0.question != nil }.count
            } catch let error as ScriptLoadError {
                result.diagnostics += error.diagnostics
            } catch {
                result.diagnostics.append(
                    Diagnostic(
                        file: file,
                        line: 1,
                        column: 1,
                        severity: .error,
                        message: "\(error)",
                        node: nil,
                        fix: nil
                    )
                )
            }
        }
        return result
    }
}
