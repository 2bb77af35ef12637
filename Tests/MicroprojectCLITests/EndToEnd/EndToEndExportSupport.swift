import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers for the export end-to-end tests: a Type 1 microproject taken to closure, python3 as the
/// independent reader of what the export wrote, and file facts (bytes, inode, mode).
enum ExportE2E {
    static let participant = "BR-014"

    /// `sam`, a Link practitioner, as the export brief sets him up.
    static func addSam(_ sandbox: E2ESandbox, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let r = try await sandbox.run([
            "practitioner", "add", "--id", "sam", "--name", "Sam Khan", "--licence", "link", "--licence-expires",
            "2030-08-31", "--completed", "introduction", "--completed", "foundations", "--completed",
            "informed-practitioner", "--completed", "link-training", "--approved", "--readiness", "principles",
            "--readiness", "boundaries", "--readiness", "reflection",
        ])
        try #require(r.exitCode == 0, "practitioner add: \(r.transcript)", sourceLocation: sourceLocation)
    }

    /// The answers of Fixtures/type1-closure.answers, the plan's end date kept in the future.
    static func type1Answers() throws -> [String] {
        let fixture = E2E.repoRoot.appendingPathComponent("Tests/MicroprojectCLITests/Fixtures/type1-closure.answers")
        var lines = try String(contentsOf: fixture, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        for (i, line) in lines.enumerated()
        where line.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
            && (line < today || line > MP.endDate)
        {
            lines[i] = MP.endDate
        }
        return lines
    }

    /// Adds `sam` and takes a Type 1 microproject to closure; returns its id.
    static func closedType1(
        _ sandbox: E2ESandbox,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws
        -> String
    {
        try await addSam(sandbox, sourceLocation: sourceLocation)
        let result = try await sandbox.run(["start"], lines: try type1Answers())
        try #require(result.exitCode == 0, "start: \(result.transcript)", sourceLocation: sourceLocation)
        let id = try #require(MP.id(in: result.stdout), "no microproject id", sourceLocation: sourceLocation)
        try #require(
            FileManager.default.fileExists(atPath: sandbox.recordPath(id: id)),
            "no complete record after closure: \(result.transcript)",
            sourceLocation: sourceLocation
        )
        return id
    }

    /// The bytes of a file, nil when it cannot be read.
    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The inode of a path (not following a link), to tell a replaced file from one left alone.
    static func inode(_ path: String) -> UInt64? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return UInt64(st.st_ino)
    }

    static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }

    /// Whether anything at all (file, folder, link, dangling or not) is at `path`.
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Runs python3 -c `script` with `arguments`; returns (exit code, stdout, stderr).
    static func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let tag = UUID().uuidString
        let outPath = NSTemporaryDirectory() + "mp-py-out-" + tag
        let errPath = NSTemporaryDirectory() + "mp-py-err-" + tag
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { for p in [outPath, errPath] { try? FileManager.default.removeItem(atPath: p) } }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }

    /// A CSV file's rows as Python's csv module reads it (a BOM, if any, stripped).
    static func csvRows(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String]] {
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """
        let r = try python(script, [path])
        try #require(r.status == 0, "python3 csv could not read \(path): \(r.err)", sourceLocation: sourceLocation)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String]],
            "not rows: \(r.out)",
            sourceLocation: sourceLocation
        )
    }

    /// The column names of the `index`th table of docs/tracker-columns.md, with their Sensitive cell.
    static func documentedColumns(table index: Int) throws -> [(name: String, sensitive: Bool)] {
        let doc = try String(
            contentsOf: E2E.repoRoot.appendingPathComponent("docs/tracker-columns.md"),
            encoding: .utf8
        )
        var tables: [[(name: String, sensitive: Bool)]] = []
        var inTable = false
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| `") {
                if !inTable { tables.append([]) }
                inTable = true
                let name = line.dropFirst(3).prefix { $0 != "`" }
                let sensitive = line.trimmingCharacters(in: .whitespaces).hasSuffix("| yes |")
                tables[tables.count - 1].append((String(name), sensitive))
            } else if !line.hasPrefix("|") {
                inTable = false
            }
        }
        return index < tables.count ? tables[index] : []
    }
}
