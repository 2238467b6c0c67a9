import Foundation
import Synchronization

/// One finished API call, as handed to the `--verbose` call log.
///
/// Carries names, timing and an error code only: never a parameter value,
/// a header, a key or a token.
public struct AWSCallEvent: Sendable, Equatable {
    /// How a call ended.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        /// A 2xx answer.
        case success
        /// The service answered an error code.
        case serviceError(code: String, httpStatus: Int)
        /// No usable answer (network, malformed, refused, budget).
        case clientError(String)

        /// `ok`, the error code, or a short failure kind.
        public var description: String {
            switch self {
            case .success: return "ok"
            case .serviceError(let code, let status): return "\(code) (HTTP \(status))"
            case .clientError(let kind): return kind
            }
        }
    }

    /// The service called.
    public var service: AWSService
    /// The operation called.
    public var operation: String
    /// Wall time of the call including retries, in seconds.
    public var duration: TimeInterval
    /// HTTP attempts made (1 when no retry).
    public var attempts: Int
    /// How it ended.
    public var outcome: Outcome
    /// Seconds of `duration` spent waiting for the client's rate limiter.
    public var rateLimitWait: TimeInterval = 0

    /// One log line: `ecs DescribeServices ok 0.123s (1 attempt)`, with
    /// `, 0.050s paced` when the rate limiter held the call back.
    public var logLine: String {
        let plural = attempts == 1 ? "attempt" : "attempts"
        let paced = rateLimitWait > 0 ? ", \(String(format: "%.3f", rateLimitWait))s paced" : ""
        return "\(service.rawValue) \(operation) \(outcome) \(String(format: "%.3f", duration))s (\(attempts) \(plural)\(paced))"
    }
}

/// Counts calls and HTTP attempts per service and operation (for benchmarks and coverage).
public final class CallCounter: Sendable {
    private let state = Mutex(Snapshot())

    /// Counts at one instant.
    public struct Snapshot: Sendable, Equatable {
        /// Logical calls by `service` raw value.
        public var callsByService: [String: Int] = [:]
        /// Logical calls by `service Operation`.
        public var callsByOperation: [String: Int] = [:]
        /// HTTP requests sent, retries included.
        public var httpRequests: Int = 0
        /// Calls that ended in an error.
        public var failures: Int = 0

        /// All logical calls.
        public var totalCalls: Int { callsByService.values.reduce(0, +) }
    }

    /// Creates a counter at zero.
    public init() {}

    /// Records one finished call.
    public func record(_ event: AWSCallEvent) {
        state.withLock { snapshot in
            snapshot.callsByService[event.service.rawValue, default: 0] += 1
            snapshot.callsByOperation["\(event.service.rawValue) \(event.operation)", default: 0] += 1
            snapshot.httpRequests += event.attempts
            if event.outcome != .success { snapshot.failures += 1 }
        }
    }

    /// The counts so far.
    public func snapshot() -> Snapshot { state.withLock { $0 } }
}
