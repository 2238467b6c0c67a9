import Foundation

/// AWS credentials: an access key pair, an optional session token and expiry.
///
/// `description` and `debugDescription` show only the access key id; the
/// secret and the token never appear in any printed form.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The access key id (not secret; shown in logs).
    public var accessKeyId: String
    /// The secret access key (never printed).
    public var secretAccessKey: String
    /// The session token of temporary credentials (never printed).
    public var sessionToken: String?
    /// When temporary credentials stop working.
    public var expiration: Date?

    /// Creates credentials.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// A redacted summary: access key id only.
    public var description: String {
        let token = sessionToken == nil ? "" : ", sessionToken: <redacted>"
        return "AWSCredentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>\(token))"
    }

    /// Same as `description`: redacted.
    public var debugDescription: String { description }

    /// A mirror without the secret or the token, so `dump` stays redacted.
    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": accessKeyId, "secretAccessKey": "<redacted>"], displayStyle: .struct)
    }

    /// Whether the credentials expire within `margin` seconds of `now`.
    public func isExpired(at now: Date, margin: TimeInterval = 300) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }
}
