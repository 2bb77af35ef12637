#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's words for an errno, so messages say "Permission denied" rather than "13".
func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
