#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the controlling terminal.
public enum Terminal {
    /// Width used when standard output is not a terminal or does not report a size.
    public static let defaultWidth = 80

    /// True when a person is at both ends: line editing and prompts only make sense then.
    public static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Columns of the terminal on `fileDescriptor`, or `defaultWidth` when it is not a terminal.
    /// Asked afresh each time, so output follows a window that was resized.
    public static func width(of fileDescriptor: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return defaultWidth
        }
        return Int(size.ws_col)
    }
}
