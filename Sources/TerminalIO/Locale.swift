#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libedit converts between the line's wide characters and bytes with the C library, which in the
/// default "C" locale knows only ASCII: "café" would come back as "caf". Swift strings and `readKey`
/// are UTF-8 whatever the environment says, so the character type is the user's locale when that
/// is UTF-8, and C.UTF-8 otherwise. Only LC_CTYPE changes; messages, numbers and collation do not.
func useUTF8CharacterType() {
    if let name = setlocale(LC_CTYPE, ""), isUTF8(name) { return }
    setlocale(LC_CTYPE, "C.UTF-8")
}

private func isUTF8(_: UnsafeMutablePointer<CChar>) -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).lowercased()
    return name == "utf-8" || name == "utf8"
}
