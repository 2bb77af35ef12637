import Foundation
import PromptScripts
import TerminalIO

/// Script diagnostics as standard error shows them: each with its source line and caret, coloured only when
/// standard error is a terminal (or `CLICOLOR_FORCE` asks, and `NO_COLOR` does not forbid), long lines cut to the
/// terminal's width.
enum DiagnosticPrinter {
    static func text(_ diagnostics: [Diagnostic]) -> String {
        let isTerminal = isatty(STDERR_FILENO) == 1
        let renderer = DiagnosticRenderer(
            colour: DiagnosticRenderer.colourWanted(
                isTerminal: isTerminal,
                environment: ProcessInfo.processInfo.environment
            ),
            width: isTerminal ? Terminal.width(of: STDERR_FILENO) : 100
        )
        return renderer.render(diagnostics)
    }
}
