#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The colour decision for one output stream, made once so every piece of output agrees.
public struct Style: Sendable {
    /// Whether ANSI colour and weight codes are emitted at all.
    public let isEnabled: Bool

    /// Colour only on a terminal, and never when `NO_COLOR` holds a non-empty value (no-color.org)
    /// or `TERM` is `dumb` (a terminal that cannot render escapes).
    public init(isTerminal: Bool, environment: [String: String]) {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        isEnabled = isTerminal && !noColor && !dumb
    }

    /// The style for standard output, from `isatty(1)` and the process environment.
    public static func forStandardOutput() -> Style {
        var environment: [String: String] = [:]
        for name in ["NO_COLOR", "TERM"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return Style(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    }

    public func bold(_ text: String) -> String { apply("1", text) }
    public func dim(_ text: String) -> String { apply("2", text) }
    /// Question text and choice numbers.
    public func accent(_ text: String) -> String { apply("36", text) }
    public func warning(_ text: String) -> String { apply("33", text) }
    public func error(_ text: String) -> String { apply("31", text) }
    public func success(_ text: String) -> String { apply("32", text) }

    /// For libedit prompts: the same styling with the escapes marked as non-printing, so the cursor
    /// lands in the right column. Pass the already styled prompt, e.g. `promptSafe(bold("> "))`.
    public func promptSafe(_ styled: String) -> String {
        isEnabled ? PromptMarkup.markingEscapes(styled) : styled
    }

    private func apply(_ code: String, _ text: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
