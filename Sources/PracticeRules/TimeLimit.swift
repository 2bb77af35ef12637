/// The guide's "time-limited and bounded": a planned end date, what happens when it passes, and how far ahead
/// a plan may reach before it is questioned. Dates are YYYY-MM-DD; `today` is always given, never read.
public enum TimeLimit {
    /// A planned end more than this many months ahead is questioned (docs/readings.md).
    public static let questionedAfterMonths = 6

    /// The day `months` months after `day`, the day of the month kept where the month has it (else its last day).
    public static func adding(months: Int, to day: String) -> String? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let total = parts[0] * 12 + (parts[1] - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let d = min(parts[2], lengths[month - 1])
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(year)-\(two(month))-\(two(d))"
    }

    /// The last planned end that is taken without a question, for a plan made on `today`.
    public static func limit(from today: String) -> String? { adding(months: questionedAfterMonths, to: today) }

    /// The UTC day of a time in milliseconds since 1970.
    public static func day(millis: Int64) -> String {
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = Int(millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// Open, with a planned end date before `today`.
    public static func isOverdue(_ p: Microproject, today: String) -> Bool {
        p.status != .closed && (p.plannedEnd.map { $0 < today } ?? false)
    }
}

/// A planned end date moved later, and why.
public struct EndDateExtension: Codable, Equatable, Sendable {
    public var from: String
    public var to: String
    public var reason: String
    /// Milliseconds since 1970-01-01 UTC.
    public var at: Int64
}
