import Foundation

/// Providers tried in order; the first that answers wins.
///
/// The standard order is the SDKs': environment, web identity, the shared
/// files' profile, ECS container, EC2 instance metadata. With an explicit
/// `--profile`, the environment's keys and web identity are skipped.
public struct CredentialChain: CredentialProvider {
    /// The providers, in the order they are tried.
    public let providers: [any CredentialProvider]
    /// `credential chain`.
    public var sourceName: String { "credential chain" }

    /// Creates a chain from explicit providers.
    public init(providers: [any CredentialProvider]) { self.providers = providers }

    /// The standard chain for `environment`. `transport` carries STS calls;
    /// container and instance metadata use `metadataTransport` (1 s timeouts, no proxy).
    public static func standard(
        environment: AWSEnvironment, transport: any HTTPTransport, stsEndpoints: EndpointResolver? = nil,
        region: String? = nil, clock: any AWSClock = SystemClock(), metadataTransport: (any HTTPTransport)? = nil
    ) -> CredentialChain {
        let metadata = metadataTransport ?? URLSessionTransport(connectTimeout: 1, requestTimeout: 1, variables: [:])
        let sts = STSExchange(
            transport: transport, endpoints: stsEndpoints ?? EndpointResolver(environment: environment),
            region: region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1", clock: clock)
        let container = ContainerCredentialProvider(environment: environment, transport: metadata)
        let instance = IMDSCredentialProvider(environment: environment, transport: metadata)
        var providers: [any CredentialProvider] = []
        if environment.profileOverride == nil {
            providers.append(EnvironmentCredentialProvider(environment: environment))
            providers.append(WebIdentityCredentialProvider(environment: environment, sts: sts))
        }
        providers.append(ProfileCredentialProvider(environment: environment, sts: sts, container: container, instance: instance))
        providers.append(container)
        providers.append(instance)
        return CredentialChain(providers: providers)
    }

    /// The first provider's answer; an error naming every source when none answers.
    public func credentials() async throws -> AWSCredentials? {
        for provider in providers {
            if let found = try await provider.credentials() { return found }
        }
        throw AWSClientError.noCredentials(tried: providers.map(\.sourceName))
    }

    /// Like `credentials()`, also naming the source that answered (for `--verbose`).
    public func resolve() async throws -> (credentials: AWSCredentials, source: String) {
        for provider in providers {
            if let found = try await provider.credentials() { return (found, provider.sourceName) }
        }
        throw AWSClientError.noCredentials(tried: providers.map(\.sourceName))
    }
}
