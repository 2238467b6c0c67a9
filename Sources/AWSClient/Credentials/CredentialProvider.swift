import Foundation

/// One source of credentials (environment, profile, container, instance…).
public protocol CredentialProvider: Sendable {
    /// A short name for error messages (`environment`, `profile default`, …).
    var sourceName: String { get }
    /// The credentials, `nil` when this source is not configured here, or an
    /// error when it is configured but failed.
    func credentials() async throws -> AWSCredentials?
}

/// Fixed credentials (tests, or keys passed in by a caller).
public struct StaticCredentialProvider: CredentialProvider {
    /// The credentials returned every time.
    public let value: AWSCredentials
    /// `static`.
    public var sourceName: String { "static" }

    /// Creates a provider that always answers `value`.
    public init(_ value: AWSCredentials) { self.value = value }

    /// `value`.
    public func credentials() async throws -> AWSCredentials? { value }
}

/// Remembers credentials until five minutes before they expire.
actor CredentialCache {
    private let provider: any CredentialProvider
    private let clock: any AWSClock
    private var cached: AWSCredentials?

    init(provider: any CredentialProvider, clock: any AWSClock) {
        self.provider = provider
        self.clock = clock
    }

    func credentials() async throws -> AWSCredentials {
        if let cached, !cached.isExpired(at: clock.now()) { return cached }
        guard let fresh = try await provider.credentials() else {
            throw AWSClientError.noCredentials(tried: [provider.sourceName])
        }
        cached = fresh
        return fresh
    }
}
