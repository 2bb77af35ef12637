/// A strict UTF-8 decoder that reports where it stops, so the policy can name the place: Swift's own
/// decoding repairs bad input with U+FFFD and does not say where.
enum UTF8Scan {
    /// What stopped a scan, if anything did.
    enum Stop: Equatable {
        /// The sequence starting at this byte is not well-formed.
        case invalid(byteOffset: Int)
        /// `isStop` matched this scalar, which starts at this byte.
        case scalar(Unicode.Scalar, byteOffset: Int)
    }

    /// Decodes `bytes` from the start and returns the first place that is not well-formed UTF-8 or holds a
    /// scalar for which `isStop` is true; nil when there is none. Well-formed means Unicode's table 3-7:
    /// no overlong forms, no surrogates (U+D800–U+DFFF), nothing past U+10FFFF.
    static func firstStop(in bytes: [UInt8], where isStop: (Unicode.Scalar) -> Bool) -> Stop? {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            let length: Int
            // The allowed range of the second byte depends on the lead byte; later bytes are 80...BF.
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                second = 0x80...0x9F
            case 0xF0:
                length = 4
                second = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                second = 0x80...0x8F
            default: return .invalid(byteOffset: i)
            }
            guard i + length <= n else { return .invalid(byteOffset: i) }
            var value = UInt32(lead)
            if length > 1 {
                guard second.contains(bytes[i + 1]) else { return .invalid(byteOffset: i) }
                value = UInt32(lead) & (0xFF >> (length + 1))
                for k in 1..<length {
                    let next = bytes[i + k]
                    guard next & 0xC0 == 0x80 else { return .invalid(byteOffset: i) }
                    value = value << 6 | UInt32(next & 0x3F)
                }
            }
            // The ranges above admit only scalar values, so this cannot fail.
            guard let scalar = Unicode.Scalar(value) else { return .invalid(byteOffset: i) }
            if isStop(scalar) { return .scalar(scalar, byteOffset: i) }
            i += length
        }
        return nil
    }
}
