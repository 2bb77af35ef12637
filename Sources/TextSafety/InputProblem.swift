/// Why `InputPolicy` refused a line or an argument, with the place, in words a person can act on.
public enum InputProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// A control character (`InputPolicy.isRefused`). `character` is its 1-based position counted in
    /// characters as a person sees them; `byteOffset` is the 0-based offset of its first byte.
    case controlCharacter(Unicode.Scalar, character: Int, byteOffset: Int)
    /// Bytes that are not well-formed UTF-8, starting at the 0-based `byteOffset`, which is just after
    /// `character - 1` readable characters.
    case invalidUTF8(byteOffset: Int, character: Int)
    /// Longer than `limit` bytes; `actual` is the whole length.
    case tooLong(limit: Int, actual: Int)

    /// One sentence saying what was found and where, for example "The answer has a control character
    /// (U+0007 BEL) at character 12." Use `description(of:)` to name something other than "the answer".
    public var description: String { description(of: "The answer") }

    /// The same sentence about `subject` ("The value of --reason").
    public func description(of subject: String) -> String {
        switch self {
        case .controlCharacter(let scalar, let character, _):
            return "\(subject) has a control character (\(Self.name(of: scalar))) at character \(character)."
        case .invalidUTF8(let byteOffset, let character):
            return "\(subject) has bytes that are not UTF-8 text at character \(character) "
                + "(byte \(Self.grouped(byteOffset + 1)))."
        case .tooLong(let limit, let actual):
            return "\(subject) is \(Self.grouped(actual)) bytes long, over the limit of \(Self.grouped(limit)) bytes."
        }
    }

    /// What to do about it, as a clause to follow "Nothing was saved:" or "Nothing was done:".
    public var advice: String {
        switch self {
        case .controlCharacter: return "please give it again without that character (a tab is fine)."
        case .invalidUTF8: return "please give it again as UTF-8 text."
        case .tooLong: return "please give a shorter one."
        }
    }

    /// "U+0007 BEL", "U+009B CSI", "U+2028 LINE SEPARATOR".
    public static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return abbreviation(of: scalar.value).map { code + " " + $0 } ?? code
    }

    private static let c0 = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ]
    private static let c1 = [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
        "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ]

    private static func abbreviation(of value: UInt32) -> String? {
        switch value {
        case 0x00...0x1F: return c0[Int(value)]
        case 0x7F: return "DEL"
        case 0x80...0x9F: return c1[Int(value - 0x80)]
        case 0x2028: return "LINE SEPARATOR"
        case 0x2029: return "PARAGRAPH SEPARATOR"
        default: return nil
        }
    }

    /// 10485760 -> "10,485,760".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return n < 0 ? "-" + out : out
    }
}
