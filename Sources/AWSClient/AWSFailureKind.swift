/// How a failed call counts in the audit's coverage section.
public enum AWSFailureKind: String, Sendable, Equatable {
    /// Missing permission or bad credentials: the report says "denied".
    case denied
    /// Still throttled after every retry.
    case throttled
    /// No answer: network, TLS, timeouts.
    case unreachable
    /// Anything else (validation errors, malformed answers, refused writes).
    case failed

    /// Classifies any error thrown by `AWSClient`.
    public init(_ error: Error) {
        switch error {
        case let error as AWSError:
            if error.isAccessDenied {
                self = .denied
            } else if error.isThrottling {
                self = .throttled
            } else {
                self = .failed
            }
        case let error as AWSClientError:
            switch error {
            case .noCredentials, .credentialSourceFailed, .profileNotFound, .profileLoop: self = .denied
            case .networkFailure, .tlsFailure, .httpUnavailable: self = .unreachable
            case .retryBudgetExhausted(_, _, _, let last):
                self = last.contains("Throttl") || last.contains("TooManyRequests") || last.contains("RequestLimitExceeded")
                    || last.contains("HTTP 429") ? .throttled : .unreachable
            default: self = .failed
            }
        default: self = .failed
        }
    }
}

extension AWSClient {
    /// The caller's account id and ARN (STS `GetCallerIdentity`), for the report's `source.account`.
    public func callerIdentity() async throws -> (account: String, arn: String) {
        let result = try await query(.sts, "GetCallerIdentity")
        guard let account = result.text("Account"), let arn = result.text("Arn") else {
            throw AWSClientError.malformedResponse(
                service: "sts", operation: "GetCallerIdentity", reason: "Account or Arn missing")
        }
        return (account, arn)
    }
}
