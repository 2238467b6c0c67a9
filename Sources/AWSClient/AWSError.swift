import Foundation

/// An error answered by an AWS service, decoded from either wire protocol.
///
/// Messages name credential and signature problems plainly and never carry
/// keys, tokens, signatures or canonical requests.
public struct AWSError: Error, LocalizedError, Sendable, Equatable {
    /// The error code (`AccessDenied`, `ThrottlingException`, … or `HTTP503` when the body had none).
    public var code: String
    /// The service's message (dropped for signature and token errors, whose
    /// messages may echo the request being signed).
    public var message: String
    /// The request id, when the service gave one.
    public var requestId: String?
    /// The HTTP status code.
    public var httpStatus: Int
    /// The service (`ecs`, `ec2`, …).
    public var service: String
    /// The operation (`DescribeServices`, …).
    public var operation: String

    /// Creates an error.
    public init(code: String, message: String, requestId: String? = nil, httpStatus: Int, service: String, operation: String) {
        self.code = code
        self.message = Self.isCredentialCode(code) ? "" : Self.sanitize(message)
        self.requestId = requestId
        self.httpStatus = httpStatus
        self.service = service
        self.operation = operation
    }

    static let signatureCodes: Set<String> = ["SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature"]
    static let unknownKeyCodes: Set<String> = [
        "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "AuthFailure",
        "MissingAuthenticationToken", "MissingAuthenticationTokenException",
    ]
    static let expiredCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"]
    static let deniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
        "UnauthorizedAccess", "NotAuthorized", "OptInRequired", "Forbidden",
    ]
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "ServiceUnavailable", "ServiceUnavailableException", "IDPCommunicationError",
    ]

    static func isCredentialCode(_ code: String) -> Bool {
        signatureCodes.contains(code) || unknownKeyCodes.contains(code) || expiredCodes.contains(code)
    }

    /// Whether the caller lacks permission or valid credentials (the audit reports it as "denied").
    public var isAccessDenied: Bool {
        Self.deniedCodes.contains(code) || Self.isCredentialCode(code) || (httpStatus == 403 && code.hasPrefix("HTTP"))
    }

    /// Whether the service asked us to slow down.
    public var isThrottling: Bool { Self.throttlingCodes.contains(code) || httpStatus == 429 }

    /// Whether the same request may succeed later (throttling, 5xx, transient codes).
    public var isRetryable: Bool {
        isThrottling || Self.transientCodes.contains(code) || [500, 502, 503, 504].contains(httpStatus)
    }

    /// A message that names the problem and what to do next.
    public var errorDescription: String? {
        let call = "\(service) \(operation)"
        let suffix = requestId.map { " [request id \($0)]" } ?? ""
        if Self.signatureCodes.contains(code) {
            return "\(call): the request signature was rejected (\(code)): check the secret access key "
                + "and that the system clock is right\(suffix)"
        }
        if Self.unknownKeyCodes.contains(code) {
            return "\(call): the access key id was not recognised (\(code)): check the credentials or profile in use\(suffix)"
        }
        if Self.expiredCodes.contains(code) {
            return "\(call): the credentials or request have expired (\(code)): refresh the temporary credentials "
                + "(e.g. log in again) and check the system clock\(suffix)"
        }
        let detail = message.isEmpty ? "" : ": \(message)"
        if isAccessDenied {
            return "\(call): access denied (\(code))\(detail). Grant the read-only permission "
                + "(see `hydrous-audit iam-policy`)\(suffix)"
        }
        if isThrottling {
            return "\(call): throttled by AWS (\(code))\(detail); retry later\(suffix)"
        }
        return "\(call) failed with \(code) (HTTP \(httpStatus))\(detail)\(suffix)"
    }

    /// Keeps messages short and free of echoed request material.
    static func sanitize(_ message: String) -> String {
        var text = message
        for marker in ["Canonical", "String-to-Sign", "X-Amz-Security-Token", "Authorization", "Signature="] {
            if let range = text.range(of: marker, options: .caseInsensitive) {
                text = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return text.count > 400 ? String(text.prefix(400)) + "…" : text
    }
}
