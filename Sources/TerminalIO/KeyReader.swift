#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libedit's key source (`rl_getc_function`). It exists so a Ctrl-C can reach libedit as a key:
/// when SIGINT interrupts the blocked read, it returns `interruptKeyCode`, which runs
/// `interruptKeyPressed` while libedit still knows the line. Other interruptions (window resize)
/// just read again.
///
/// libedit stores whatever this returns as one wide character, so it decodes UTF-8 itself; a
/// malformed sequence becomes U+FFFD. Returns -1 at end of input or on a read error.
func readKey(_: UnsafeMutablePointer<FILE>?) -> Int32 {
    guard let lead = readByte(allowInterrupt: true) else { return -1 }
    if lead == .interrupted { return interruptKeyCode }
    guard case .byte(let first) = lead else { return -1 }
    let length: Int
    switch first {
    case 0x00...0x7F: return Int32(first)
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return replacementCharacter
    }
    var bytes = [first]
    for _ in 1..<length {
        guard case .byte(let next) = readByte(allowInterrupt: false), next & 0xC0 == 0x80 else {
            return replacementCharacter
        }
        bytes.append(next)
    }
    let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
    return scalars.count == 1 ? Int32(bitPattern: scalars.first!.value) : replacementCharacter
}

private let replacementCharacter: Int32 = 0xFFFD

private enum ReadResult: Equatable {
    case byte(UInt8)
    case interrupted
}

/// One byte from standard input; nil at end of input or on error.
private func readByte(allowInterrupt: Bool) -> ReadResult? {
    var byte: UInt8 = 0
    while true {
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 1 { return .byte(byte) }
        guard count < 0, errno == EINTR else { return nil }
        if allowInterrupt, interruptRequested.exchange(false, ordering: .relaxed) { return .interrupted }
    }
}
