import CEditline
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libedit's key source (`rl_getc_function`). It exists so signals reach libedit from normal code,
/// never from inside a signal handler:
///
/// - Ctrl-C: when SIGINT interrupts the blocked read, it returns `interruptKeyCode`, which runs
///   `interruptKeyPressed` while libedit still knows the line.
/// - A window resize (SIGWINCH) or a continue after Ctrl-Z: the handler only raises a flag; seeing it
///   between two keys, this returns `terminalChangedKeyCode`, which runs `terminalChanged`: libedit is
///   told the new size and redraws the line from normal code.
///
/// libedit stores whatever this returns as one wide character, so it decodes UTF-8 itself. A malformed
/// sequence becomes U+FFFD in the line being edited, where the person can see it, and is remembered in
/// `invalidInputSeen` so the reader refuses the line (as `InputPolicy` does) unless it is edited out.
/// Returns -1 at end of input or on a read error.
func readKey(_: UnsafeMutablePointer<FILE>?) -> Int32 {
    guard let lead = readByte(allowInterrupt: true) else { return -1 }
    if lead == .interrupted { return interruptKeyCode }
    if lead == .terminalChanged { return terminalChangedKeyCode }
    guard case .byte(let first) = lead else { return -1 }
    let length: Int
    switch first {
    case 0x00...0x7F: return Int32(first)
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return malformedInput()
    }
    var bytes = [first]
    for _ in 1..<length {
        guard case .byte(let next) = readByte(allowInterrupt: false), next & 0xC0 == 0x80 else {
            return malformedInput()
        }
        bytes.append(next)
    }
    guard let text = String(validating: bytes, as: UTF8.self), text.unicodeScalars.count == 1 else {
        return malformedInput()
    }
    return Int32(bitPattern: text.unicodeScalars.first!.value)
}

/// Raised when `readKey` turned malformed UTF-8 into U+FFFD during the current line.
let invalidInputSeen = Atomic<Bool>(false)

/// U+FFFD, standing in the edited line for bytes that were not UTF-8; noted in `invalidInputSeen`.
private func malformedInput() -> Int32 {
    invalidInputSeen.store(true, ordering: .relaxed)
    return 0xFFFD
}

private enum ReadResult: Equatable {
    case byte(UInt8)
    case interrupted
    case terminalChanged
}

/// One byte from standard input; nil at end of input or on error. Between keys (`allowInterrupt`), a
/// Ctrl-C or a resize or continue that arrived, while waiting or while libedit was busy drawing, comes
/// first.
private func readByte(allowInterrupt: Bool) -> ReadResult? {
    var byte: UInt8 = 0
    while true {
        if allowInterrupt, windowResized.load(ordering: .relaxed) || terminalContinued.load(ordering: .relaxed) {
            return .terminalChanged
        }
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 1 { return .byte(byte) }
        guard count < 0, errno == EINTR else { return nil }
        if allowInterrupt, interruptRequested.exchange(false, ordering: .relaxed) { return .interrupted }
    }
}

/// How many columns the current prompt takes on screen, for `terminalChanged`.
let promptWidth = Atomic<Int>(0)

/// The columns `prompt` takes: colour sequences are wrapped in `\u{1}`...`\u{2}` (`Style.promptSafe`).
func visibleWidth(ofPrompt prompt: String) -> Int {
    var width = 0
    var hidden = false
    for scalar in prompt.unicodeScalars {
        switch scalar {
        case "\u{1}": hidden = true
        case "\u{2}": hidden = false
        default: if !hidden { width += 1 }
        }
    }
    return width
}
