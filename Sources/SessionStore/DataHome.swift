#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where microproject keeps its store, and making that folder private.
public enum DataHome {
    /// `MICROPROJECT_HOME` wins so tests and power users can point anywhere; then the XDG base directory
    /// spec (which says a relative `XDG_DATA_HOME` must be ignored); then its default under `HOME`.
    public static func resolve(environment: [String: String]) -> String {
        if let explicit = environment["MICROPROJECT_HOME"], !explicit.isEmpty {
            return explicit
        }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return xdg + "/microproject"
        }
        return homeFolder(environment: environment) + "/.local/share/microproject"
    }

    /// Creates the folder (and missing parents) as 0700, takes group and other access off an existing one, and refuses a
    /// symlink or a non-folder: answers can be personal, and a symlink could send them somewhere shared.
    public static func prepare(_ path: String) throws {
        let (kind, mode) = FileSystem.kind(of: path)
        switch kind {
        case .symlink:
            throw StoreError(
                .folderIsSymlink,
                path: path,
                "The data folder \(path) is a symlink. microproject keeps personal answers there and will "
                    + "not follow links. Replace it with a real folder, or set MICROPROJECT_HOME to one."
            )
        case .regularFile, .other:
            throw StoreError(
                .notADirectory,
                path: path,
                "The data folder \(path) exists but is not a folder. Move it away, or set MICROPROJECT_HOME "
                    + "to another location."
            )
        case .directory:
            // Takes away what others may do, and adds nothing: a folder made read-only (a backup) stays so.
            if mode & 0o077 != 0 { try FileSystem.setMode(mode & 0o700, of: path) }
        case .missing:
            try FileSystem.makeFolders(path)
        }
    }

    private static func homeFolder(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        // HOME can be missing under cron or `env -i`; the password database still knows.
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            return String(cString: dir)
        }
        return "/"
    }
}
