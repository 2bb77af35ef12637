/// `--answers FILE` could not be opened; says which file and why, in the system's words.
public struct AnswersFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "cannot read answers file '\(path)': \(reason)" }
}
