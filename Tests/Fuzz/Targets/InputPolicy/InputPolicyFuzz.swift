import FuzzSupport
import TextSafety

/// libFuzzer entry: any bytes as one line read (without its LF), and as a line a reader stopped keeping part way.
/// Invariants (InputPolicy's own): never traps; what is accepted is exactly the bytes given (less one final CR),
/// no longer than the limit, free of refused characters, and passes the policy again as decoded text; what is
/// refused names a place inside the input, and Swift's strict UTF-8 decoding agrees on what is and is not UTF-8.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInputPolicy(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let line = Array(UnsafeBufferPointer(start: bytes, count: count))
    var body = line
    if body.last == 0x0D { body.removeLast() }
    let valid = String(validating: body, as: UTF8.self)
    check(InputPolicy.check(line), body: body, valid: valid)

    // The same line cut where a reader keeps only the first maximumBytes + 1 bytes.
    let kept = Array(line.prefix(InputPolicy.maximumBytes + 1))
    let cut = InputPolicy.check(prefix: kept, totalBytes: line.count)
    if line.count > InputPolicy.maximumBytes + 1 {
        invariant(
            cut == .failure(.tooLong(limit: InputPolicy.maximumBytes, actual: line.count)),
            "a cut line was not refused as too long: \(cut)"
        )
    } else {
        invariant(cut == InputPolicy.check(line), "a whole line read as a prefix was judged differently")
    }
    return 0
}

func check(_ result: Result<String, InputProblem>, body: [UInt8], valid: String?) {
    switch result {
    case .success(let text):
        invariant(Array(text.utf8) == body, "the accepted text is not the bytes given")
        invariant(body.count <= InputPolicy.maximumBytes, "accepted \(body.count) bytes, over the limit")
        invariant(valid == text, "accepted bytes that are not UTF-8")
        invariant(!text.unicodeScalars.contains(where: InputPolicy.isRefused), "accepted a refused character")
        invariant(InputPolicy.check(text: text) == .success(text), "the accepted text fails as decoded text")
    case .failure(let problem):
        invariant(!problem.description.isEmpty && !problem.advice.isEmpty, "a refusal without words")
        switch problem {
        case .tooLong(let limit, let actual):
            invariant(limit == InputPolicy.maximumBytes && actual == body.count && actual > limit, "\(problem)")
        case .invalidUTF8(let offset, let character):
            invariant(valid == nil, "refused valid UTF-8 as invalid: \(problem)")
            invariant(body.indices.contains(offset) && character >= 1, "outside the input: \(problem)")
            let before = String(validating: body[..<offset], as: UTF8.self)
            invariant(before != nil, "not the first invalid byte: \(problem)")
            invariant(before.map { $0.count + 1 } == character, "the character count is off: \(problem)")
        case .controlCharacter(let scalar, let character, let offset):
            invariant(InputPolicy.isRefused(scalar), "refused a character the policy allows: \(problem)")
            invariant(body.indices.contains(offset) && character >= 1, "outside the input: \(problem)")
            let before = String(validating: body[..<offset], as: UTF8.self)
            invariant(
                before.map { !$0.unicodeScalars.contains(where: InputPolicy.isRefused) } ?? false,
                "not the first"
            )
            invariant(before.map { $0.count + 1 } == character, "the character count is off: \(problem)")
            let rest = String(decoding: body[offset...], as: UTF8.self)
            invariant(rest.unicodeScalars.first == scalar, "the character named is not at the place named")
        }
    }
}
