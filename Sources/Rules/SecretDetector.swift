import Foundation

/// Decides whether a name/value pair holds a secret in clear text (rules.md).
/// Being written by the rule-catalog work; see Rules/Secrets.
public struct SecretDetector: Sendable {
    /// Creates a detector.
    public init() {}
}
