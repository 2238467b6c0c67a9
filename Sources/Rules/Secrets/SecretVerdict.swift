import Foundation

/// The detector's answer for one name/value pair.
public enum SecretVerdict: Sendable, Equatable, Hashable {
    /// The value is a secret in clear text; `signals` say why
    /// (`name:PASSWORD`, `value:url-credentials`, `value:high-entropy`, ...).
    case secret(signals: [String])
    /// The value is not a secret; `reason` says why (`name ends in _FILE`, `boolean value`, ...).
    case notSecret(reason: String)

    /// True for `.secret`.
    public var isSecret: Bool {
        if case .secret = self { return true }
        return false
    }

    /// The signals of a `.secret` verdict, else empty.
    public var signals: [String] {
        if case let .secret(signals) = self { return signals }
        return []
    }
}

/// Signal names the detector emits for value evidence.
public enum SecretSignal {
    /// `scheme://user:password@host` or `redis://:password@host`.
    public static let urlCredentials = "value:url-credentials"
    /// A long value whose characters look random.
    public static let highEntropy = "value:high-entropy"
    /// The prefix of every name signal.
    public static let namePrefix = "name:"
    /// The prefix of every value-shape signal.
    public static let valuePrefix = "value:"
}
