import FuzzSupport
import InterviewEngine
import PromptScripts

/// libFuzzer entry: any bytes as a condition, parsed alone and, when readable, inside a script's `when:`.
/// Invariants: no crash; a refused condition says why at a place inside it; a parsed one evaluates without
/// crashing; the checker accepts it or reports a located error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConditions(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let expression: Expression
    do {
        expression = try ExpressionParser.parse(text)
    } catch {
        invariant(!error.message.isEmpty, "a refused condition without a reason")
        invariant(
            (0...text.unicodeScalars.count).contains(error.offset),
            "the reason points outside the condition: \(error)"
        )
        return 0
    }
    _ = expression.evaluate(in: Answers())
    // A readable condition goes on to the checker, through a script (slow, so only for these).
    do {
        _ = try ScriptLoader.load(source: script(when: text), path: "fuzz.yaml")
    } catch let error as ScriptLoadError {
        invariant(error.diagnostics.contains { $0.severity == .error }, "refused without an error")
        for diagnostic in error.diagnostics {
            invariant(!diagnostic.message.isEmpty && diagnostic.line >= 1 && diagnostic.column >= 1)
        }
    } catch {
        invariant(false, "unexpected \(error)")
    }
    return 0
}

/// Earlier answers of every kind, so comparisons meet real values.
struct Answers: ExpressionEnvironment {
    func answerValue(_ id: String) -> ExpressionValue? {
        switch id {
        case "crisis": .bool(true)
        case "level": .string("high")
        case "count": .number(3)
        case "areas": .set(["sleep", "work"])
        case "due": .string("2026-12-31")
        default: nil
        }
    }
    func contextValue(_ key: String) -> ExpressionValue? { key == "type" ? .number(2) : nil }
    func repetitions(_ group: String) -> Int { group == "areas" ? 2 : 0 }
}

/// A script whose last question's `when:` is the condition, written as a double-quoted YAML string.
func script(when condition: String) -> String {
    var quoted = ""
    for scalar in condition.unicodeScalars {
        let v = scalar.value
        if scalar == "\"" || scalar == "\\" {
            quoted += "\\" + String(scalar)
        } else if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
            // YAML allows these only as escapes.
            let hex = String(v, radix: 16)
            quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
            quoted.unicodeScalars.append(scalar)
        }
    }
    return """
        script: fuzz
        version: "1"
        title: Fuzz
        outcomes:
          - id: done
            title: Done
        concern:
          outcome: done
          guidance: Follow procedures.
        nodes:
          - id: crisis
            ask: yes-no
            say: Crisis?
          - id: level
            ask: one-of
            say: Level?
            choices:
              - low: Low
              - high: High
          - id: count
            ask: number
            say: How many?
          - id: areas
            ask: several-of
            say: Which?
            choices:
              - sleep: Sleep
              - work: Work
          - id: due
            ask: date
            say: When?
          - id: last
            ask: text
            say: Anything else?
            when: "\(quoted)"
          - id: end
            stop: done

        """
}
