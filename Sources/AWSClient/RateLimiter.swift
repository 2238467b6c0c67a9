import Foundation

/// How the client paces its requests: the quota table, the time buckets
/// refill by, and how to wait.
///
/// On by default (`AWSClientConfiguration.rateLimit`); `nil` there turns
/// pacing off, e.g. for an account whose quotas AWS Support has raised.
/// The pacing clock is its own, not the client's signing clock: a signing
/// clock stopped for reproducible signatures would never refill a bucket.
public struct RateLimitPolicy: Sendable {
    /// Which bucket each operation draws from.
    public var quotas: RateQuotaTable
    /// The time buckets refill by; it must move as `sleep` waits.
    public var clock: any AWSClock
    /// Waits `seconds` (injectable with `clock`, so tests never wait).
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    /// Creates a policy; the defaults are AWS's documented quotas, the system clock and a real sleep.
    public init(
        quotas: RateQuotaTable = .aws, clock: any AWSClock = SystemClock(),
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.quotas = quotas
        self.clock = clock
        self.sleep = sleep
    }
}

/// A client-side token bucket per quota bucket, so the requests one client
/// sends stay within AWS's published request rates instead of being throttled.
///
/// Every HTTP attempt (retries included) takes one token. A request that finds
/// the bucket empty is not refused: it reserves the next token and waits until
/// the bucket would have refilled it. Reservations are served in the order they
/// were made, so over any window of `t` seconds at most
/// `capacity + refillPerSecond × t` requests of one bucket are let through.
/// Time comes from the policy's injectable `AWSClock`.
public actor RateLimiter {
    private struct Bucket {
        /// Tokens left; negative while requests wait for tokens not yet refilled.
        var tokens: Double
        /// When `tokens` was last brought up to date.
        var updated: Date
    }

    private let quotas: RateQuotaTable
    private let clock: any AWSClock
    private let sleep: @Sendable (TimeInterval) async throws -> Void
    private var buckets: [String: Bucket] = [:]

    /// Creates a limiter with full buckets.
    public init(policy: RateLimitPolicy) {
        self.quotas = policy.quotas
        self.clock = policy.clock
        self.sleep = policy.sleep
    }

    /// Takes a token for one request of `operation` on `service` and answers
    /// how many seconds the request must wait before it is sent (0 when a
    /// token was free). The token is spent whether or not the request is sent.
    public func reserve(_ service: AWSService, _ operation: String) -> TimeInterval {
        let quota = quotas.quota(for: service, operation: operation)
        let now = clock.now()
        var bucket = buckets[quota.bucket] ?? Bucket(tokens: quota.capacity, updated: now)
        // A clock that steps back refills nothing until it catches up again.
        if now > bucket.updated {
            let refill = now.timeIntervalSince(bucket.updated) * quota.refillPerSecond
            bucket.tokens = min(quota.capacity, bucket.tokens + refill)
            bucket.updated = now
        }
        bucket.tokens -= 1
        buckets[quota.bucket] = bucket
        return bucket.tokens >= 0 ? 0 : -bucket.tokens / quota.refillPerSecond
    }

    /// Reserves a token and waits for it; answers the seconds waited.
    /// Throws only when the wait is cancelled.
    public nonisolated func acquire(_ service: AWSService, _ operation: String) async throws -> TimeInterval {
        let wait = await reserve(service, operation)
        if wait > 0 { try await sleep(wait) }
        return wait
    }

    /// Tokens left in the bucket `operation` on `service` draws from, as of
    /// now (negative while requests wait).
    public func tokens(_ service: AWSService, _ operation: String) -> Double {
        let quota = quotas.quota(for: service, operation: operation)
        guard let bucket = buckets[quota.bucket] else { return quota.capacity }
        let elapsed = max(0, clock.now().timeIntervalSince(bucket.updated))
        return min(quota.capacity, bucket.tokens + elapsed * quota.refillPerSecond)
    }
}
