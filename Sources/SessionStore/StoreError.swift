/// A failure of the store or of a durable file write, phrased for the person at the terminal:
/// what happened, where, and what to do about it.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is, so the CLI can choose an exit status or a hint without parsing text.
    public enum Code: Sendable, Equatable {
        case folderIsSymlink
        case notADirectory
        case cannotCreateFolder
        case cannotSetPermissions
        case cannotOpenStore
        case cannotMoveAside
        /// SQLite cannot read the store (its header or a page inside is damaged, or a table is missing):
        /// nothing more is written into it.
        case damaged
        /// The data folder or the store cannot be written (permissions, a read-only disk).
        case readOnly
        /// Too little free space to save answers.
        case diskFull
        case database
        case sessionExists
        case unknownSession
        case sequenceMismatch
        case invalidEvents
        case targetIsSymlink
        case targetExists
        case targetNotRegularFile
        case writeFailed
    }

    public let code: Code
    /// The file or folder involved, when there is one.
    public let path: String?
    public let description: String
    /// For `.damaged`: what is wrong, in a few words ("SQLite reports: database disk image is malformed"),
    /// so the CLI can say it in a sentence of its own.
    public let detail: String?

    init(_ code: Code, path: String?, _ description: String, detail: String? = nil) {
        self.code = code
        self.path = path
        self.description = description
        self.detail = detail
    }
}
