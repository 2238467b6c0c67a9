import Foundation
import Synchronization

@testable import AWSClient

/// A clock that only moves when told to: rate-limiter tests advance it from
/// the limiter's sleep, so they never wait and never depend on machine speed.
final class VirtualClock: AWSClock {
    private let instant: Mutex<Date>
    private let sleeps = Mutex<[TimeInterval]>([])

    init(_ start: Date = Fixtures.date) { instant = Mutex(start) }

    func now() -> Date { instant.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { instant.withLock { $0 += seconds } }

    /// Every sleep requested through `sleep`, in order.
    var slept: [TimeInterval] { sleeps.withLock { $0 } }

    /// A sleep that records the wait and moves the clock by it.
    var sleep: @Sendable (TimeInterval) async throws -> Void {
        { [self] seconds in
            sleeps.withLock { $0.append(seconds) }
            advance(seconds)
        }
    }
}

extension Fixtures {
    /// A client on `clock` whose limiter and retries sleep by advancing it.
    static func pacedClient(
        _ transport: any HTTPTransport, clock: VirtualClock, quotas: RateQuotaTable = .aws,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 5, random: { 0 }, sleep: { _ in }),
        callLog: (@Sendable (AWSCallEvent) -> Void)? = nil
    ) -> AWSClient {
        AWSClient(configuration: AWSClientConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(credentials), transport: transport,
            retry: retry, clock: clock, callLog: callLog,
            rateLimit: RateLimitPolicy(quotas: quotas, clock: clock, sleep: clock.sleep)))
    }
}
