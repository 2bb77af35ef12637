#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One way of reading answers, so the driver is the same for a person at a terminal and for a script.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (interactive readers only) and reads one line.
    /// - Parameter completions: the words Tab may complete to for this prompt
    ///   (choice labels, numbers, slash commands); plain readers ignore them.
    func readLine(prompt: String, completions: [String]) -> LineInput

    /// Whether a person is typing, so the driver knows to echo answers read from a file.
    var isInteractive: Bool { get }
}

/// Picks the reader: line editing only for a person at a terminal, plain reading for pipes and
/// `--answers FILE`, which keeps scripted runs deterministic.
public func makeLineReader(answersFile: String?) throws -> LineReader {
    if let answersFile {
        return try PlainReader(path: answersFile)
    }
    if Terminal.isInteractive {
        return EditlineReader()
    }
    return PlainReader()
}
