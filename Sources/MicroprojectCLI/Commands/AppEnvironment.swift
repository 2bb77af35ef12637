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
    /// The stores this command has opened, so one run opens and checks each only once.
    let opened = OpenedStores()

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

    /// The store for a command that saves. A damaged store is reported first, then kept aside (never
    /// deleted) and a new one started in its place; every other problem stops the command with its reason.
    func openStore(reportingTo console: Console) throws -> SessionStore {
        try openStoreSaying(console).store
    }

    /// As `openStore`, and whether the person was told that a damaged store was kept aside.
    private func openStoreSaying(_ console: Console) throws -> (store: SessionStore, startedAfresh: Bool) {
        if let store = opened.store(for: dataHome), store.access == .write { return (store, false) }
        do {
            try prepareDataHome()
            removeLeftoverTempFiles()
            var startedAfresh = false
            let store: SessionStore
            do {
                store = try SessionStore(folder: dataHome, access: .write)
            } catch let error as StoreError where error.code == .damaged {
                store = try startAfresh(after: error, console: console)
                startedAfresh = true
            }
            opened.keep(store, for: dataHome)
            return (store, startedAfresh)
        } catch let error as StoreError {
            throw CLIError(store: error)
        }
    }

    func openStore() throws -> SessionStore {
        try openStore(reportingTo: StandardConsole())
    }

    /// The store for a command that only looks (list, show, export). Nothing is created, changed or moved:
    /// a damaged store is reported with where it is and what to do, and a read-only one (a backup) is read.
    func readStore() throws -> SessionStore {
        if let store = opened.store(for: dataHome) { return store }
        do {
            let store = try SessionStore(folder: dataHome, access: .read)
            removeLeftoverTempFiles()
            opened.keep(store, for: dataHome)
            return store
        } catch let error as StoreError {
            throw CLIError(store: error)
        }
    }

    /// Before the first question of a new session: could its answers be saved? A quick look at the folder,
    /// the store file and the free space says so now (exit 73 if not), without opening SQLite.
    func checkCanSave(console: Console) throws {
        guard opened.store(for: dataHome)?.access != .write else { return }
        do {
            try prepareDataHome()
            try SessionStore.checkWritable(folder: dataHome)
        } catch let error as StoreError {
            throw CLIError(store: error)
        }
    }

    /// Once the first question is on screen, before the first answer is read: opens an existing store, and
    /// so checks it (`PRAGMA quick_check`, a few milliseconds the person spends reading the question). True
    /// when the person was just told that it was damaged and has been kept aside, so the question they have
    /// not answered yet is worth showing again. A new store is only made at the first answer.
    func openBeforeFirstAnswer(console: Console) throws -> Bool {
        guard opened.store(for: dataHome)?.access != .write, SessionStore.exists(in: dataHome) else { return false }
        return try openStoreSaying(console).startedAfresh
    }

    /// Temp files a killed write left behind (0600, and they may hold sensitive text) go at the next start;
    /// a complete file, or one another process is still writing, is never touched.
    private func removeLeftoverTempFiles() {
        _ = DurableFile.removeLeftovers(in: ["records", "exports", "exports/summary"].map { dataHome + "/" + $0 })
    }

    /// Makes the data folder, saying where it was meant to be when that fails.
    private func prepareDataHome() throws {
        do {
            try DataHome.prepare(dataHome)
        } catch let error as StoreError {
            throw CLIError(
                message: error.description + "\nmicroproject keeps your answers in \(dataHome), so nothing could "
                    + "be saved. Set MICROPROJECT_HOME to a folder you can write to.",
                code: ExitStatus.cannotCreate
            )
        }
    }

    /// Says what is wrong, keeps the damaged file aside, says where it is, and opens a new store.
    private func startAfresh(after damage: StoreError, console: Console) throws -> SessionStore {
        let path = damage.path ?? SessionStore.databasePath(in: dataHome)
        console.error(
            "The session store \(path) is damaged: \(damage.detail ?? damage.description).\n"
                + "Nothing more will be written into it.\n"
        )
        let kept = try SessionStore.moveDamagedAside(folder: dataHome)
        console.error(
            "Your earlier work is kept, unchanged, in\n  \(kept)\n"
                + "A new, empty store has been started in its place, so you can carry on. To get the earlier "
                + "work back, ask your organisation's data lead for help, or restore a backup.\n"
        )
        return try SessionStore(folder: dataHome, access: .write)
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

/// The stores one command has opened, by data folder. The CLI is single threaded.
final class OpenedStores: @unchecked Sendable {
    private var stores: [String: SessionStore] = [:]

    func store(for folder: String) -> SessionStore? { stores[folder] }
    func keep(_ store: SessionStore, for folder: String) { stores[folder] = store }
}
