import ArgumentParser

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
}

/// An error that already knows what to tell the person and which code to exit with.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: ExitCode
    var description: String { message }
}
