import ArgumentParser
import Foundation
import PromptScripts
import SessionStore

/// What the shells' Tab offers for ids and script names, read when Tab is pressed: the store only read (nothing
/// created, changed or moved), and any problem gives no suggestions rather than a message in the middle of the
/// person's command line.
enum Completions {
    /// Microproject ids that are not closed first, then the closed ones.
    static let microprojectIDs = CompletionKind.custom { _, _, prefix in
        matching(prefix, microprojects())
    }

    /// Microproject ids and the ids of sessions run on their own (stage sessions are internal).
    static let workIDs = CompletionKind.custom { _, _, prefix in
        matching(prefix, microprojects() + standaloneSessions())
    }

    /// The ids of sessions run on their own.
    static let sessionIDs = CompletionKind.custom { _, _, prefix in
        matching(prefix, standaloneSessions())
    }

    /// Practitioner profile ids.
    static let practitionerIDs = CompletionKind.custom { _, _, prefix in
        matching(prefix, read { try $0.practitionerJSONs().map(\.id) } ?? [])
    }

    /// The shipped scripts' ids (Prompts/*.yaml); a word with a slash completes as a path to a .yaml file.
    static let scriptNames = CompletionKind.custom { _, _, prefix in
        if prefix.contains("/") { return scriptFiles(prefix) }
        let folder = AppEnvironment.live().promptsFolder
        let ids = folder.map { ScriptCatalog.scripts(in: $0).map { ($0 as NSString).lastPathComponent } } ?? []
        return matching(prefix, ids.map { ($0 as NSString).deletingPathExtension })
    }

    private static func microprojects() -> [String] {
        let rows = read { try $0.microprojects() } ?? []
        return rows.filter { $0.status != "closed" }.map(\.id) + rows.filter { $0.status == "closed" }.map(\.id)
    }

    private static func standaloneSessions() -> [String] {
        (read { try $0.sessions() } ?? []).filter { $0.microprojectID == nil }.map(\.id)
    }

    /// Opens the store to read, only when there is one.
    private static func read<T>(_ body: (SessionStore) throws -> T) -> T? {
        let env = AppEnvironment.live()
        guard SessionStore.exists(in: env.dataHome),
            let store = try? SessionStore(folder: env.dataHome, access: .read)
        else { return nil }
        return try? body(store)
    }

    private static func matching(_ prefix: String, _ candidates: [String]) -> [String] {
        candidates.filter { $0.hasPrefix(prefix.lowercased()) }
    }

    /// Folders and .yaml files under the folder a partly typed path names.
    private static func scriptFiles(_ prefix: String) -> [String] {
        let typed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : (prefix as NSString).deletingLastPathComponent
        // Only a word with a slash gets here, so an empty folder is the root: "/et" or "/".
        let folder = typed.isEmpty ? "/" : typed
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard path.hasPrefix(prefix) else { return nil }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
            if isFolder.boolValue { return path + "/" }
            return name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? path : nil
        }
    }
}
