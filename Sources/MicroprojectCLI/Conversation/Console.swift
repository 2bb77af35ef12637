import Foundation
import TerminalIO

/// Where the driver writes. A protocol so tests can read what a person would see.
protocol Console: AnyObject {
    func write(_ text: String)
    func error(_ text: String)
    var style: Style { get }
    var width: Int { get }
}

/// Standard output and standard error.
final class StandardConsole: Console {
    let style: Style
    let errorStyle: Style
    var width: Int { Terminal.width() }

    init() {
        style = Style.forStandardOutput()
        errorStyle = Style(isTerminal: isatty(2) == 1, environment: ProcessInfo.processInfo.environment)
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
