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

    init(_ code: Code, path: String?, _ description: String) {
        self.code = code
        self.path = path
        self.description = description
    }
}
