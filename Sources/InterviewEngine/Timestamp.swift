/// Milliseconds since 1970-01-01 UTC. The engine is given times; it never reads a clock.
public typealias Timestamp = Int64

public enum CivilTime {
    /// The UTC calendar day of a timestamp as YYYY-MM-DD.
    public static func day(_ t: Timestamp) -> String {
        let (y, m, d) = civil(fromDays: floorDiv(t, 86_400_000))
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// ISO 8601 in UTC with milliseconds: 2026-11-29T01:25:14.123Z.
    public static func iso8601(_ t: Timestamp) -> String {
        let days = floorDiv(t, 86_400_000)
        let msOfDay = t - days * 86_400_000
        let (h, mi, s, ms) = (msOfDay / 3_600_000, msOfDay / 60_000 % 60, msOfDay / 1000 % 60, msOfDay % 1000)
        return "\(day(t))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
    }

    /// The year, month and day of a string written as YYYY-MM-DD in ASCII digits, whether or not it is a real
    /// day; nil when it is not written that way (Int() alone would also take "+202" as a year).
    private static func dayParts(_ s: String) -> (year: Int, month: Int, day: Int)? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return (y, m, d)
    }

    private static func monthLengths(_ year: Int) -> [Int] {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    }

    /// Checks a YYYY-MM-DD string names a real day.
    public static func isValidDay(_ s: String) -> Bool {
        guard let (y, m, d) = dayParts(s), (1...12).contains(m), d >= 1 else { return false }
        return d <= monthLengths(y)[m - 1]
    }

    /// Why a date written as YYYY-MM-DD is not a real day ("February 2027 has 28 days"), or nil when it is one
    /// or is not written as a date at all.
    public static func dayProblem(_ s: String) -> String? {
        guard let (y, m, d) = dayParts(s), !isValidDay(s) else { return nil }
        guard (1...12).contains(m) else { return "there is no month \(m); months go from 01 to 12" }
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        guard d >= 1 else { return "there is no day 00; days start at 01" }
        return "\(s) is not a real day: \(months[m - 1]) \(y) has \(monthLengths(y)[m - 1]) days"
    }

    /// Adds whole days to a timestamp's day (for "tomorrow").
    public static func day(_ t: Timestamp, plusDays n: Int64) -> String {
        day(t + n * 86_400_000)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// Howard Hinnant's days-to-civil algorithm.
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
