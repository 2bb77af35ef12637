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
        guard let text = String(data: data, encoding: .utf8) else {
            report.add(.error, line: 1, column: 1, "the file is not UTF-8 text", node: nil, fix: "save it as UTF-8")
            throw ScriptLoadError(diagnostics: report.diagnostics)
        }
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
        let root: Yams.Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                report.add(
                    .error,
                    line: 1,
                    column: 1,
                    "the file is empty",
                    node: nil,
                    fix: "start it with 'script: an-id'"
                )
                return nil
            }
            root = composed
        } catch let error as YamlError {
            report.add(
                .error,
                line: error.line,
                column: error.column,
                "this is not valid YAML: \(error.problem)",
                node: nil,
                fix: error.problem.contains("mapping values are not allowed")
                    ? "text containing ': ' must be in quotes, or written on the following lines after '>-'"
                    : "check indentation and quotes on this line"
            )
            return nil
        } catch {
            report.add(.error, line: 1, column: 1, "this is not valid YAML", node: nil, fix: "check the file's layout")
            return nil
        }
        var budget = nodeBudget
        guard withinLimits(root, depth: 0, budget: &budget, report: report) else { return nil }
        var builder = ScriptBuilder(report: report)
        return builder.build(root, hash: hash)
    }

    /// Counts nodes with a budget, so an alias bomb is refused in milliseconds instead of expanding.
    static func withinLimits(_ node: Yams.Node, depth: Int, budget: inout Int, report: Reporter) -> Bool {
        budget -= 1
        if budget < 0 {
            report.error(
                at: node,
                "the file has more than \(nodeBudget) YAML nodes (aliases count each time they are used)",
                node: nil,
                fix: "remove anchors and aliases (& and *) and split large scripts"
            )
            return false
        }
        if depth > maxDepth {
            report.error(
                at: node,
                "the file nests deeper than \(maxDepth) levels",
                node: nil,
                fix: "flatten the structure"
            )
            return false
        }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let s):
            return s.allSatisfy { withinLimits($0, depth: depth + 1, budget: &budget, report: report) }
        case .mapping(let m):
            return m.allSatisfy {
                withinLimits($0.key, depth: depth + 1, budget: &budget, report: report)
                    && withinLimits($0.value, depth: depth + 1, budget: &budget, report: report)
            }
        }
    }
}

extension YamlError {
    var line: Int {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    var column: Int {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.column
        default: 1
        }
    }

    var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "the field \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice"
        default:
            return "\(self)"
        }
    }
}
