import Foundation
import InterviewEngine
import PromptScripts
import SessionStore

/// Everything a command takes from the world: environment, folders, clock and ids. Tests build their own.
struct AppEnvironment {
    var variables: [String: String]
    var dataHome: String
    var promptsFolder: String?
    var now: () -> Timestamp
    var makeID: () -> String

    static func live() -> AppEnvironment {
        let vars = ProcessInfo.processInfo.environment
        return AppEnvironment(
            variables: vars,
            dataHome: DataHome.resolve(environment: vars),
            promptsFolder: ScriptCatalog.promptsFolder(environment: vars, executablePath: executablePath()),
            now: { Timestamp((Date().timeIntervalSince1970 * 1000).rounded()) },
            makeID: randomSessionID
        )
    }

    /// The running binary's real path, so shipped scripts are found wherever it is run from.
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments.first ?? "microproject"
    }

    /// Six letters and digits without look-alikes (no 0/o, 1/l/i), easy to read out and type.
    static func randomSessionID() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return String((0..<6).map { _ in alphabet.randomElement()! })
    }

    var recordsFolder: String { (dataHome as NSString).appendingPathComponent("records") }

    /// Opens the store and tells the person if a damaged one had to be moved aside.
    func openStore(reportingTo console: Console) throws -> SessionStore {
        let store = try openStore()
        if let moved = store.recoveredFrom {
            console.error(
                "The session store was damaged, so it was moved aside to \(moved) and a new one was started.\n"
            )
        }
        return store
    }

    func openStore() throws -> SessionStore {
        do {
            try DataHome.prepare(dataHome)
            DurableFile.removeLeftovers(in: ["records", "exports", "exports/summary"].map { dataHome + "/" + $0 })
            return try SessionStore(folder: dataHome)
        } catch let error as StoreError {
            throw CLIError(message: error.description, code: ExitStatus.cannotCreate)
        }
    }

    /// Finds a script by id (in the prompts folder) or by path.
    func scriptPath(_ name: String) throws -> String {
        if let path = ScriptCatalog.resolve(name, folder: promptsFolder) { return path }
        let available =
            promptsFolder.map { ScriptCatalog.scripts(in: $0).map { ($0 as NSString).lastPathComponent } } ?? []
        var message = "No script called '\(name)' was found"
        message +=
            promptsFolder.map { " in \($0)." } ?? " (the Prompts folder was not found; set MICROPROJECT_PROMPTS)."
        if !available.isEmpty {
            message +=
                "\nScripts available: "
                + available.map { ($0 as NSString).deletingPathExtension }.joined(separator: ", ")
        }
        throw CLIError(message: message, code: ExitStatus.notFound)
    }
}
