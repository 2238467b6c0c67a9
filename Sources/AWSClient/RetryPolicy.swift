import Foundation

/// When and how long to wait before retrying a failed call.
///
/// Retries throttling codes, HTTP 429/500/502/503/504, transient service codes,
/// dropped connections and timeouts; never access-denied or validation errors.
/// Delays use full jitter (`random × min(cap, base × 2^(attempt-1))`), honour
/// `Retry-After`, and stop when the total time budget would be exceeded.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    /// The base delay in seconds.
    public var baseDelay: TimeInterval
    /// The largest computed delay in seconds.
    public var maxDelay: TimeInterval
    /// The most time (seconds) one call may spend across attempts and waits.
    public var totalBudget: TimeInterval
    /// A random number in `0..<1` (injectable for tests).
    public var random: @Sendable () -> Double
    /// Waits `seconds` (injectable so tests never wait).
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    /// Creates a policy; the defaults are 5 attempts, 100 ms base, 5 s cap, 60 s budget.
    public init(
        maxAttempts: Int = 5, baseDelay: TimeInterval = 0.1, maxDelay: TimeInterval = 5, totalBudget: TimeInterval = 60,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.totalBudget = totalBudget
        self.random = random
        self.sleep = sleep
    }

    /// A policy that never retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Whether `error` is worth another attempt.
    public func isRetryable(_ error: Error) -> Bool {
        if let error = error as? AWSError { return error.isRetryable }
        if let error = error as? AWSClientError { return error.isRetryable }
        return false
    }

    /// The jittered delay before attempt `attempt + 1`, after `attempt` failures (1-based),
    /// at least `retryAfter` when the service sent one.
    public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval? = nil) -> TimeInterval {
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let ceiling = min(maxDelay, baseDelay * pow(2, exponent))
        let jittered = min(max(random(), 0), 1) * ceiling
        guard let retryAfter else { return jittered }
        return max(jittered, retryAfter)
    }

    /// Parses a `Retry-After` header: delta seconds or an HTTP date relative to `now`.
    public static func parseRetryAfter(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
