import TextSafety

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads answers from a pipe or an answers file: no prompt, no echo, no editing, so a scripted run
/// produces exactly the same record every time. The driver echoes what it read.
///
/// It reads bytes itself rather than using `Swift.readLine()`, which accepts lines of any size and
/// repairs invalid UTF-8. Each line goes to `InputPolicy` as it came (a last line without a newline
/// still counts). A line longer than the limit is read to its end but only its first
/// `InputPolicy.maximumBytes + 1` bytes are kept, so a runaway line costs bounded memory, is refused as
/// too long (never cut and accepted), and cannot swallow the answers after it.
public final class PlainReader: LineReader {
    /// The bytes of one line kept for the check: the limit, and room for the CR of a CRLF line end.
    static let keptBytes = InputPolicy.maximumBytes + 1

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

    public func nextLine(prompt: String, completions: [String]) -> LineRead {
        guard let (bytes, total) = nextLineBytes() else { return .input(.endOfInput) }
        return InputPolicy.check(prefix: bytes, totalBytes: total).lineRead(bytes: bytes)
    }

    /// The next line without its LF: at most `keptBytes` of its bytes, and how many it had in all.
    /// nil at the end of input.
    private func nextLineBytes() -> (bytes: [UInt8], total: Int)? {
        var line: [UInt8] = []
        var total = 0
        var sawData = false
        while true {
            if position == buffer.count, !refill() {
                return sawData ? (line, total) : nil
            }
            sawData = true
            let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? buffer.count
            let room = max(Self.keptBytes - line.count, 0)
            line.append(contentsOf: buffer[position..<min(end, position + room)])
            total += end - position
            if let newline {
                position = newline + 1
                return (line, total)
            }
            position = buffer.count
        }
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
