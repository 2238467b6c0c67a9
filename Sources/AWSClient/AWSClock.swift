import Foundation

/// A source of the current time, injectable so signing and expiry are testable.
public protocol AWSClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real wall clock.
public struct SystemClock: AWSClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant from the system.
    public func now() -> Date { Date() }
}

/// A clock that always answers the same instant (for tests and `--now`).
public struct FixedClock: AWSClock {
    /// The instant this clock answers.
    public let date: Date

    /// Creates a clock stopped at `date`.
    public init(_ date: Date) { self.date = date }

    /// Always `date`.
    public func now() -> Date { date }
}

/// UTC timestamp formats used by SigV4 and credential documents.
enum AWSDateFormat {
    private static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }

    /// `yyyyMMdd'T'HHmmss'Z'` (the `X-Amz-Date` form).
    static func amzDate(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ",
            parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0
        )
    }

    /// Parses ISO 8601 timestamps as AWS writes them (`2024-01-02T03:04:05Z`,
    /// optionally with fractional seconds or an offset).
    static func parseISO8601(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
