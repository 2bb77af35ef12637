import ArgumentParser
import SessionStore

/// The sysexits codes of the command-line contract (design section 3).
public enum ExitStatus {
    /// Reached an end of the script (any outcome, a safety stop included).
    public static let ok = ExitCode(0)
    public static let usage = ExitCode(64)
    /// Invalid script or data.
    public static let dataError = ExitCode(65)
    public static let notFound = ExitCode(66)
    public static let cannotCreate = ExitCode(73)
    public static let ioError = ExitCode(74)
    /// Paused before the end: progress is saved.
    public static let paused = ExitCode(75)
    /// Refused by an entry or eligibility rule.
    public static let refused = ExitCode(77)
    /// Something microproject did not expect: a bug to report.
    public static let software = ExitCode(70)
}

/// An error that already knows what to tell the person and which code to exit with.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: ExitCode
    var description: String { message }
}

extension CLIError {
    /// A store or file failure with the exit status for its kind: 73 when nothing can be created or saved
    /// there (read-only, full, not a folder), 74 when a file could not be read or written (a damaged store).
    init(store error: StoreError) {
        message = error.description
        switch error.code {
        case .readOnly, .diskFull, .folderIsSymlink, .notADirectory, .cannotCreateFolder, .cannotSetPermissions,
            .cannotOpenStore, .sessionExists, .targetIsSymlink, .targetExists, .targetNotRegularFile:
            code = ExitStatus.cannotCreate
        case .unknownSession:
            code = ExitStatus.notFound
        case .invalidEvents:
            code = ExitStatus.software
        case .damaged, .cannotMoveAside, .database, .sequenceMismatch, .writeFailed:
            code = ExitStatus.ioError
        }
    }
}
