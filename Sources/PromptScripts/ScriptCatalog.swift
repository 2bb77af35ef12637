import Foundation

/// Finds the shipped scripts wherever the binary runs from, and resolves `run SCRIPT` to a file.
public enum ScriptCatalog {
    /// `MICROPROJECT_PROMPTS` wins; then `Prompts/` beside or above the executable (a build inside the
    /// repository), then `../share/microproject/Prompts` (an installed binary).
    public static func promptsFolder(environment: [String: String], executablePath: String) -> String? {
        if let custom = environment["MICROPROJECT_PROMPTS"], !custom.isEmpty { return custom }
        let fm = FileManager.default
        let exe = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        let installed = dir.appendingPathComponent("../share/microproject/Prompts").standardizedFileURL.path
        if fm.fileExists(atPath: installed) { return installed }
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Prompts")
            if fm.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// A path if it looks like one (has a slash or ends in .yaml), else an id looked up in the folder.
    public static func resolve(_ name: String, folder: String?) -> String? {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            return FileManager.default.fileExists(atPath: name) ? name : nil
        }
        guard let folder else { return nil }
        for ext in ["yaml", "yml"] {
            let path = (folder as NSString).appendingPathComponent("\(name).\(ext)")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Every script in a folder, sorted, for `lint` with no arguments.
    public static func scripts(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
