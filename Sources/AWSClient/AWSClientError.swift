import Foundation

/// Everything the AWS client can fail with apart from an answer of the service
/// itself (that is `AWSError`). Messages say what to do next; none carries a
/// secret, a token, a signature or an `Authorization` header.
public enum AWSClientError: Error, LocalizedError, Sendable, Equatable {
    /// No region from `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile.
    case noRegion(profile: String)
    /// An endpoint URL that is not `http(s)://host[:port][/path]`.
    case invalidEndpoint(url: String, source: String)
    /// A line of a shared config or credentials file that cannot be read.
    case malformedConfigFile(path: String, line: Int, reason: String)
    /// A profile that was asked for by name and exists in neither file.
    case profileNotFound(profile: String, configFile: String, credentialsFile: String)
    /// No source of credentials answered.
    case noCredentials(tried: [String])
    /// A source is configured but could not produce credentials.
    case credentialSourceFailed(source: String, reason: String)
    /// `source_profile` chains that loop back on themselves.
    case profileLoop(chain: [String])
    /// An operation that is not read-only was refused before signing.
    case writeOperationRefused(service: String, operation: String)
    /// An answer that could not be decoded (bad XML/JSON, wrong content type, missing field).
    case malformedResponse(service: String, operation: String, reason: String)
    /// The connection failed (refused, reset, DNS, TLS) or timed out.
    case networkFailure(host: String, reason: String, isTimeout: Bool)
    /// The TLS handshake failed (certificate not trusted, wrong host); never retried, never bypassed.
    case tlsFailure(host: String, reason: String)
    /// Retries stopped because the time budget ran out.
    case retryBudgetExhausted(service: String, operation: String, attempts: Int, lastError: String)
    /// The HTTP library (libcurl on Linux) could not be loaded, so no request can be sent.
    case httpUnavailable(reason: String)

    /// A message that tells the user what to do next.
    public var errorDescription: String? {
        switch self {
        case .noRegion(let profile):
            return "no AWS region configured (checked --region, AWS_REGION, AWS_DEFAULT_REGION and profile "
                + "'\(profile)'): pass --region, e.g. --region us-east-1"
        case .invalidEndpoint(let url, let source):
            return "endpoint URL '\(url)' from \(source) is not http(s)://host[:port]: fix it or remove it"
        case .malformedConfigFile(let path, let line, let reason):
            return "\(path):\(line): \(reason): fix the line or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere"
        case .profileNotFound(let profile, let configFile, let credentialsFile):
            return "profile '\(profile)' not found in \(configFile) or \(credentialsFile): "
                + "check --profile / AWS_PROFILE or add the profile"
        case .noCredentials(let tried):
            return "no AWS credentials found; tried: \(tried.joined(separator: ", ")). "
                + "Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pass --profile, or run where a role is available"
        case .credentialSourceFailed(let source, let reason):
            return "credentials from \(source) failed: \(reason)"
        case .profileLoop(let chain):
            return "source_profile chain loops (\(chain.joined(separator: " -> "))): fix role_arn/source_profile in the config file"
        case .writeOperationRefused(let service, let operation):
            return "refused to call \(service) \(operation): hydrous-audit only calls read-only Describe*/List*/Get* actions"
        case .malformedResponse(let service, let operation, let reason):
            return "\(service) \(operation) answered something that could not be read (\(reason)): "
                + "check --endpoint-url points at the AWS API and retry"
        case .networkFailure(let host, let reason, let isTimeout):
            let what = isTimeout ? "timed out talking to" : "could not reach"
            return "\(what) \(host) (\(reason)): check network access, HTTPS_PROXY/NO_PROXY and --endpoint-url"
        case .tlsFailure(let host, let reason):
            return "TLS connection to \(host) failed (\(reason)): certificate verification stays on; "
                + "fix the endpoint or the trusted CA bundle (SSL_CERT_FILE)"
        case .retryBudgetExhausted(let service, let operation, let attempts, let lastError):
            return "\(service) \(operation) still failing after \(attempts) attempts (last: \(lastError)): "
                + "wait and retry, or lower the audit's scope"
        case .httpUnavailable(let reason):
            return "cannot send HTTPS requests: \(reason)"
        }
    }

    /// Whether retrying the same request may succeed (network failures and timeouts).
    public var isRetryable: Bool {
        if case .networkFailure = self { return true }
        return false
    }
}
