#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads answers from a pipe or an answers file: no prompt, no echo, no editing, so a scripted run
/// produces exactly the same record every time. The driver echoes what it read.
///
/// It reads bytes itself rather than using `Swift.readLine()`, which accepts lines of any size:
/// a line longer than `maxLineBytes` is cut to that many bytes (at a character boundary) and the rest
/// of that line is read and discarded, so one runaway line costs bounded memory and cannot swallow
/// the answers after it. A CR before the LF is dropped, invalid UTF-8 becomes U+FFFD, and a last line
/// without a newline still counts.
public final class PlainReader: LineReader {
    /// The most bytes of one line that are kept.
    public static let maxLineBytes = 10_000

    public var isInteractive: Bool { false }

    private let fileDescriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var reachedEnd = false

    /// Reads from an already open descriptor (standard input by default), which stays open.
    public init(fileDescriptor: Int32 = STDIN_FILENO) {
        self.fileDescriptor = fileDescriptor
        self.ownsDescriptor = false
    }

    /// Reads the answers file at `path`; fails up front, with the reason, if it cannot be read.
    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw AnswersFileError(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw AnswersFileError(path: path, reason: String(cString: strerror(EISDIR)))
        }
        self.fileDescriptor = descriptor
        self.ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(fileDescriptor) }
    }

    public func readLine(prompt: String, completions: [String]) -> LineInput {
        guard var bytes = nextLineBytes() else { return .endOfInput }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    /// The bytes of the next line without its LF, at most `maxLineBytes` of them; nil at the end.
    private func nextLineBytes() -> [UInt8]? {
        var line: [UInt8] = []
        var truncated = false
        var sawData = false
        while true {
            if position == buffer.count, !refill() {
                return sawData ? finish(line, truncated: truncated) : nil
            }
            sawData = true
            let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? buffer.count
            let room = Self.maxLineBytes - line.count
            if end - position > room { truncated = true }
            line.append(contentsOf: buffer[position..<min(end, position + max(room, 0))])
            if let newline {
                position = newline + 1
                return finish(line, truncated: truncated)
            }
            position = buffer.count
        }
    }

    /// A cut line may end inside a multi-byte character; drop that partial character rather than
    /// turning it into U+FFFD.
    private func finish(_ line: [UInt8], truncated: Bool) -> [UInt8] {
        guard truncated, let lastStart = line.lastIndex(where: { $0 & 0xC0 != 0x80 }) else { return line }
        let lead = line[lastStart]
        let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return line.count - lastStart < expected ? Array(line[..<lastStart]) : line
    }

    /// Reads the next chunk; false at end of input or on a read error (both end the answers).
    private func refill() -> Bool {
        guard !reachedEnd else { return false }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer = Array(chunk[..<count])
                position = 0
                return true
            }
            if count < 0, errno == EINTR { continue }
            reachedEnd = true
            return false
        }
    }
}
