import ArgumentParser
import PromptScripts
import RecordExport
import SessionStore
import TerminalIO

/// A command of microproject. It says only what it does with the world it is given; the one `run()` below builds
/// that world once (the environment and the console) and turns whatever it throws into a sentence for people and
/// its sysexits code, so no command repeats either.
protocol MicroprojectSubcommand: ParsableCommand {
    /// Does the command's work; returns the exit status (`ExitStatus.ok` when all went well).
    func run(in env: AppEnvironment, console: Console) throws -> ExitCode
}

extension MicroprojectSubcommand {
    func run() throws { try runReportingFailures() }

    /// Builds the world once, runs the command in it, and says any failure (`CommandFailure`).
    func runReportingFailures() throws {
        let console = StandardConsole()
        let code = try CommandFailure.exitCode(console: console) {
            try run(in: AppEnvironment.live(), console: console)
        }
        if code != ExitStatus.ok { throw code }
    }
}

/// The one mapping from a failure to what the person is told and the code the process exits with.
enum CommandFailure {
    /// Runs `body`; any error it throws is said on the console's error stream, as a sentence, and becomes its
    /// sysexits code. A `ValidationError` (a value that parsed but does not fit) and a `CleanExit` are rethrown
    /// to ArgumentParser, which words them the way it words `validate()`: the sentence, the command's usage line,
    /// exit 64 (0 for a clean exit).
    static func exitCode(console: Console, _ body: () throws -> ExitCode) throws -> ExitCode {
        do {
            return try body()
        } catch let error as ExitCode {
            return error
        } catch let error as ValidationError {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            if let failure = failure(for: error) {
                console.error(failure.message + "\n")
                return failure.code
            }
            console.error(
                "Something went wrong that microproject did not expect: \(error).\n"
                    + "Nothing more was done. Please report this message.\n"
            )
            return ExitStatus.software
        }
    }

    /// What to say and which code to exit with, for every kind of error the commands know; nil for one they do
    /// not (a bug: exit 70).
    static func failure(for error: Error) -> CLIError? {
        switch error {
        case let error as CLIError:
            return error
        case let error as StoreError:
            return CLIError(store: error)
        case let error as ScriptLoadError:
            return CLIError(
                message: "\(error)\nThe script has problems, so nothing was done. Run 'microproject lint' on it.",
                code: ExitStatus.dataError
            )
        case let error as AnswersFileError:
            return CLIError(
                message:
                    "The answers file '\(error.path)' cannot be read: \(error.reason). Check the path after --answers.",
                code: ExitStatus.notFound
            )
        case let error as WorkbookError:
            return CLIError(message: error.description, code: ExitStatus.cannotCreate)
        default:
            return nil
        }
    }
}
