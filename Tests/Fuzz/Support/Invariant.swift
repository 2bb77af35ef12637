#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the fuzzer with a message when an invariant breaks. `precondition` prints nothing in an optimised
/// build, and the message is what tells a person which rule the kept input breaks.
public func invariant(
    _ holds: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String = "",
    file: StaticString = #fileID,
    line: UInt = #line
) {
    guard !holds() else { return }
    var text = "Invariant broken at \(file):\(line): \(message())\n"
    _ = text.withUTF8 { write(2, $0.baseAddress, $0.count) }
    abort()
}
