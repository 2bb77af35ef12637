import Foundation
import InterviewEngine
import Yams

/// A script read from a file, with the warnings lint shows.
public struct LoadedScript: Sendable {
    public var script: Script
    public var path: String
    /// The file's text, kept so a session can pin exactly what it started with.
    public var source: String
    public var warnings: [Diagnostic]
}

/// Reads prompt scripts. Checks everything at load time, so nothing goes wrong halfway through an interview.
public enum ScriptLoader {
    /// Hostile-file limits, checked before any YAML is decoded (Yams expands aliases without limit).
    public static let maxBytes = 512 * 1024
    public static let maxDepth = 32
    public static let nodeBudget = 100_000

    public static func load(path: String) throws -> LoadedScript {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScriptLoadError(diagnostics: [
                Diagnostic(
                    file: path,
                    line: 1,
                    column: 1,
                    severity: .error,
                    message: "cannot read the script file",
                    node: nil,
                    fix: "check the path and that the file is readable"
                )
            ])
        }
        return try load(data: data, path: path)
    }

    public static func load(data: Data, path: String) throws -> LoadedScript {
        let report = Reporter(file: path)
        guard data.count <= maxBytes else {
            report.add(
                .error,
                line: 1,
                column: 1,
                "the file is \(data.count) bytes, over the limit of \(maxBytes)",
                node: nil,
                fix: "split it into smaller scripts"
            )
            throw ScriptLoadError(diagnostics: report.diagnostics)
        }
        // The standard library's validating decoder: Foundation's took a tenth of the time of a large script's lint.
        guard var text = String(validating: data, as: UTF8.self) else {
            report.add(.error, line: 1, column: 1, "the file is not UTF-8 text", node: nil, fix: "save it as UTF-8")
            throw ScriptLoadError(diagnostics: report.diagnostics)
        }
        // A byte order mark is not text (Foundation's decoder dropped it too).
        if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
        report.source = SourceText(text)
        let script = parse(text: text, report: report, hash: SHA256.hex(data))
        let errors = report.diagnostics.filter { $0.severity == .error }
        let sorted = report.diagnostics.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        guard let script, errors.isEmpty else { throw ScriptLoadError(diagnostics: sorted) }
        return LoadedScript(script: script, path: path, source: text, warnings: sorted)
    }

    /// Parses already-read text; used for scripts pinned in a session's journal too.
    public static func load(source: String, path: String) throws -> LoadedScript {
        try load(data: Data(source.utf8), path: path)
    }

    static func parse(text: String, report: Reporter, hash: String) -> Script? {
        guard let (root, renamed) = compose(text, report: report) else { return nil }
        guard screen(root, renamed: renamed, source: report.source ?? SourceText(text), report: report) else {
            return nil
        }
        var builder = ScriptBuilder(report: report)
        return builder.build(root, hash: hash)
    }
}
