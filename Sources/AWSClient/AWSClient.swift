import Foundation

/// The client collectors use: read-only calls to the query and JSON services,
/// signed, retried, counted and logged. Safe to use from many tasks at once.
public final class AWSClient: Sendable {
    /// The configuration in force.
    public let configuration: AWSClientConfiguration
    /// Calls and HTTP requests made so far.
    public let counter = CallCounter()
    /// Paces every HTTP attempt to the quota table (nil when `rateLimit` is off).
    public let rateLimiter: RateLimiter?
    private let credentialCache: CredentialCache

    /// What an operation is allowed to be.
    enum Permission: Sendable {
        /// `Describe*` / `List*` / `Get*` only.
        case readOnly
        /// Also STS role exchange (credential providers only).
        case credentialExchange
    }

    /// Creates a client.
    public init(configuration: AWSClientConfiguration) {
        self.configuration = configuration
        self.credentialCache = CredentialCache(provider: configuration.credentials, clock: configuration.clock)
        self.rateLimiter = configuration.rateLimit.map { RateLimiter(policy: $0) }
    }

    /// Calls a query-protocol operation; answers its `<OpResult>` element
    /// (EC2: the `<OpResponse>` root).
    public func query(_ service: AWSService, _ operation: String, _ parameters: [(String, String)] = []) async throws
        -> AWSXMLNode {
        try await query(service, operation, parameters, permission: .readOnly, signed: true)
    }

    /// Calls a JSON 1.1 operation; answers the decoded JSON object.
    public func json(_ service: AWSService, _ operation: String, _ body: JSONValue = [:]) async throws -> JSONValue {
        try ReadOnlyGuard.check(service, operation)
        let wire = ServiceProtocol(service)
        guard case .json11 = wire else {
            throw AWSClientError.malformedResponse(
                service: service.rawValue, operation: operation, reason: "\(service.rawValue) speaks the query protocol; use query()")
        }
        let response = try await perform(service, operation, signed: true) { endpoint in
            wire.request(operation: operation, body: body, endpoint: endpoint)
        }
        return try wire.decodeJSON(response, service: service.rawValue, operation: operation)
    }

    /// The query path with an explicit permission (credential providers use `.credentialExchange`).
    func query(
        _ service: AWSService, _ operation: String, _ parameters: [(String, String)], permission: Permission, signed: Bool
    ) async throws -> AWSXMLNode {
        switch permission {
        case .readOnly: try ReadOnlyGuard.check(service, operation)
        case .credentialExchange: try ReadOnlyGuard.checkCredentialExchange(service, operation)
        }
        let wire = ServiceProtocol(service)
        guard case .query = wire else {
            throw AWSClientError.malformedResponse(
                service: service.rawValue, operation: operation, reason: "\(service.rawValue) speaks JSON 1.1; use json()")
        }
        let response = try await perform(service, operation, signed: signed) { endpoint in
            wire.request(operation: operation, parameters: parameters, endpoint: endpoint)
        }
        return try wire.decodeXML(response, service: service.rawValue, operation: operation)
    }

    /// Sends with retries; answers a 2xx response or throws `AWSError` / `AWSClientError`.
    ///
    /// Each attempt first takes a token from the rate limiter. Time spent
    /// waiting for tokens does not count against the retry budget: that budget
    /// bounds how long a failing call keeps retrying, not how long it queues.
    private func perform(
        _ service: AWSService, _ operation: String, signed: Bool, build: (Endpoint) -> AWSHTTPRequest
    ) async throws -> AWSHTTPResponse {
        let clock = configuration.clock
        let start = clock.now()
        let monotonicStart = ContinuousClock.now
        var attempts = 0
        var paced: TimeInterval = 0
        func finish(_ outcome: AWSCallEvent.Outcome) {
            let elapsed = ContinuousClock.now - monotonicStart
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let event = AWSCallEvent(
                service: service, operation: operation, duration: seconds, attempts: attempts, outcome: outcome,
                rateLimitWait: paced)
            counter.record(event)
            configuration.callLog?(event)
        }
        do {
            let endpoint = try configuration.endpoints.endpoint(for: service, region: configuration.region)
            let credentials = signed ? try await credentialCache.credentials() : nil
            let retry = configuration.retry
            var slept: TimeInterval = 0
            while true {
                if let rateLimiter { paced += try await rateLimiter.acquire(service, operation) }
                attempts += 1
                var request = build(endpoint)
                if let credentials {
                    SigV4Signer(credentials: credentials, region: endpoint.signingRegion, service: service.signingName)
                        .sign(&request, date: clock.now())
                }
                let failure: Error
                var retryAfter: TimeInterval?
                do {
                    let response = try await configuration.transport.send(request)
                    if (200..<300).contains(response.status) {
                        finish(.success)
                        return response
                    }
                    failure = ServiceProtocol(service).decodeError(response, service: service.rawValue, operation: operation)
                    retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), now: clock.now())
                } catch let error as AWSClientError {
                    failure = error
                }
                guard retry.isRetryable(failure), attempts < retry.maxAttempts else { throw failure }
                let delay = retry.delay(afterAttempt: attempts, retryAfter: retryAfter)
                let elapsed = max(0, clock.now().timeIntervalSince(start) - paced)
                if elapsed + slept + delay > retry.totalBudget {
                    throw AWSClientError.retryBudgetExhausted(
                        service: service.rawValue, operation: operation, attempts: attempts,
                        lastError: Self.summary(failure))
                }
                try await retry.sleep(delay)
                slept += delay
            }
        } catch let error as AWSError {
            finish(.serviceError(code: error.code, httpStatus: error.httpStatus))
            throw error
        } catch {
            finish(.clientError(Self.summary(error)))
            throw error
        }
    }

    /// A short, secret-free summary of an error for logs.
    static func summary(_ error: Error) -> String {
        switch error {
        case let error as AWSError: return "\(error.code) (HTTP \(error.httpStatus))"
        case let error as AWSClientError:
            switch error {
            case .networkFailure(_, let reason, _): return reason
            case .tlsFailure: return "TLS failure"
            case .writeOperationRefused: return "refused (not read-only)"
            case .malformedResponse: return "malformed response"
            case .retryBudgetExhausted: return "retry budget exhausted"
            case .noCredentials: return "no credentials"
            default: return "client error"
            }
        default: return "\(type(of: error))"
        }
    }
}
