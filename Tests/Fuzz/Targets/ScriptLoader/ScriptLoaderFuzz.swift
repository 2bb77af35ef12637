import Foundation
import FuzzSupport
import PromptScripts

/// libFuzzer entry: any bytes as a script file. Invariants: the loader never crashes or hangs; a refused file
/// says why with at least one error; every diagnostic has a message and a place inside the file; a loaded
/// script's pinned text loads again to the same script (sessions resume from it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScriptLoader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    let lines = lineCount(data)
    do {
        let loaded = try ScriptLoader.load(data: data, path: "fuzz.yaml")
        for warning in loaded.warnings { check(warning, lines: lines) }
        invariant(loaded.warnings.allSatisfy { $0.severity != .error }, "a loaded script carries an error")
        let again = try ScriptLoader.load(source: loaded.source, path: "fuzz.yaml")
        invariant(again.script == loaded.script, "the pinned text loads to a different script")
    } catch let error as ScriptLoadError {
        invariant(error.diagnostics.contains { $0.severity == .error }, "refused without an error: \(error)")
        for diagnostic in error.diagnostics { check(diagnostic, lines: lines) }
    } catch {
        invariant(false, "the loader threw something other than ScriptLoadError: \(error)")
    }
    return 0
}

func check(_ diagnostic: Diagnostic, lines: Int) {
    invariant(diagnostic.file == "fuzz.yaml")
    invariant(!diagnostic.message.isEmpty, "a diagnostic without a message")
    invariant(diagnostic.fix.map { !$0.isEmpty } ?? true, "an empty fix")
    for place in [(diagnostic.line, diagnostic.column)] + diagnostic.notes.map({ ($0.line, $0.column) }) {
        invariant(place.0 >= 1 && place.1 >= 1, "a place before the file: \(diagnostic)")
        invariant(place.0 <= lines, "a place after the last line (\(lines)): \(diagnostic)")
    }
}

/// Lines as YAML counts them (CR, LF, CR LF, NEL, LS, PS), or 1 for text that is not UTF-8.
func lineCount(_ data: Data) -> Int {
    guard let text = String(data: data, encoding: .utf8) else { return 1 }
    var lines = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        if scalar == "\n" && previous == "\r" {
        } else if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
            lines += 1
        }
        previous = scalar
    }
    return lines
}
