import Foundation
import TerminalIO

/// Where the driver writes. A protocol so tests can read what a person would see.
protocol Console: AnyObject {
    func write(_ text: String)
    func error(_ text: String)
    var style: Style { get }
    var width: Int { get }
}

/// Standard output and standard error. On a terminal, a line wider than the window as it is now is folded
/// between words (`Terminal.fit`), whoever wrote it: the terminal would otherwise fold it mid-word.
final class StandardConsole: Console {
    let style: Style
    let errorStyle: Style
    var width: Int { Terminal.width() }
    private let outputIsTerminal = isatty(1) == 1
    private let errorIsTerminal = isatty(2) == 1

    init() {
        style = Style.forStandardOutput()
        errorStyle = Style(isTerminal: isatty(2) == 1, environment: ProcessInfo.processInfo.environment)
    }

    func write(_ text: String) {
        let shown = outputIsTerminal ? Terminal.fit(text, width: Terminal.width(of: 1)) : text
        FileHandle.standardOutput.write(Data(shown.utf8))
    }

    func error(_ text: String) {
        let shown = errorIsTerminal ? Terminal.fit(text, width: Terminal.width(of: 2)) : text
        FileHandle.standardError.write(Data(shown.utf8))
    }
}
