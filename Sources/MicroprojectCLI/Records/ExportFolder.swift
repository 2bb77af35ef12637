import Foundation
import SessionStore

/// Where exports go: a real folder (never a symlink), created 0700, with every file written 0600 through
/// `DurableFile`, never over an existing file without `--force`, and never outside the folder.
struct ExportFolder {
    let path: String
    let force: Bool

    init(_ given: String, force: Bool) throws {
        // "link/" would make lstat follow the link; look at the name itself.
        var path = given
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw CLIError(
                    message:
                        "\(path) is a symbolic link; exports are never written through links. Choose a real folder.",
                    code: ExitStatus.cannotCreate
                )
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw CLIError(
                    message: "\(path) is a file, not a folder. --out takes a folder for the export files.",
                    code: ExitStatus.cannotCreate
                )
            }
        } else {
            do {
                try DurableFile.ensureFolder(path)
            } catch {
                throw CLIError(message: "Cannot create the folder \(path): \(error)", code: ExitStatus.cannotCreate)
            }
        }
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
        self.force = force
    }

    /// The full path of a file in the folder; refuses names that would land anywhere else.
    func file(_ name: String) throws -> String {
        let target = URL(fileURLWithPath: path).appendingPathComponent(name).standardizedFileURL.path
        guard !name.contains("/"), name != "..", name != ".", !name.isEmpty,
            (target as NSString).deletingLastPathComponent == path
        else {
            throw CLIError(
                message: "Refused to write '\(name)': it would land outside \(path).",
                code: ExitStatus.cannotCreate
            )
        }
        return target
    }

    /// Writes one file and returns its path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        try write(name) { sink in try sink(data) }
    }

    /// Writes one file chunk by chunk, so a large export never sits in memory whole.
    @discardableResult
    func write(_ name: String, _ produce: (_ sink: (Data) throws -> Void) throws -> Void) throws -> String {
        let target = try file(name)
        do {
            try DurableFile.write(to: target, overwrite: force, produce)
        } catch let error as StoreError where error.code == .targetExists {
            throw CLIError(
                message: "\(target) already exists. Add --force to replace it, or choose another --out folder.",
                code: ExitStatus.cannotCreate
            )
        } catch let error as StoreError {
            throw CLIError(message: "\(error)", code: ExitStatus.cannotCreate)
        }
        return target
    }
}
