import Foundation

/// Everything an `AWSClient` needs, each part injectable.
public struct AWSClientConfiguration: Sendable {
    /// The region calls go to (IAM and pricing sign with us-east-1 regardless).
    public var region: String
    /// Where credentials come from (usually a `CredentialChain`).
    public var credentials: any CredentialProvider
    /// Where each service's requests go.
    public var endpoints: EndpointResolver
    /// How bytes travel.
    public var transport: any HTTPTransport
    /// When to retry.
    public var retry: RetryPolicy
    /// The time used for signing, expiry and the retry budget (pacing has its own, in `rateLimit`).
    public var clock: any AWSClock
    /// Called once per finished call (for `--verbose`); never sees secrets.
    public var callLog: (@Sendable (AWSCallEvent) -> Void)?
    /// Paces requests to AWS's published rate quotas (docs/rate-quotas.md);
    /// `nil` sends as fast as the callers ask.
    public var rateLimit: RateLimitPolicy?

    /// Creates a configuration.
    public init(
        region: String, credentials: any CredentialProvider, endpoints: EndpointResolver = EndpointResolver(),
        transport: any HTTPTransport = URLSessionTransport(), retry: RetryPolicy = RetryPolicy(),
        clock: any AWSClock = SystemClock(), callLog: (@Sendable (AWSCallEvent) -> Void)? = nil,
        rateLimit: RateLimitPolicy? = RateLimitPolicy()
    ) {
        self.region = region
        self.credentials = credentials
        self.endpoints = endpoints
        self.transport = transport
        self.retry = retry
        self.clock = clock
        self.callLog = callLog
        self.rateLimit = rateLimit
    }

    /// The configuration the command line uses: region from `--region` or the
    /// usual variables/profile, endpoint from `--endpoint-url` or
    /// `AWS_ENDPOINT_URL*`, credentials from the default chain, the real
    /// transport with proxies from the environment and up to
    /// `maxConnectionsPerHost` requests in flight to one host (match it to the
    /// callers' own in-flight limit, or Foundation's 6 caps it silently).
    public static func standard(
        region: String? = nil, profile: String? = nil, endpointURL: String? = nil,
        environment: AWSEnvironment? = nil, maxConnectionsPerHost: Int = 8,
        callLog: (@Sendable (AWSCallEvent) -> Void)? = nil
    ) throws -> AWSClientConfiguration {
        var environment = environment ?? AWSEnvironment.process()
        if let profile { environment.profileOverride = profile }
        let resolvedRegion = try RegionResolver(explicitRegion: region, environment: environment).resolve()
        let transport = URLSessionTransport(maxConnectionsPerHost: maxConnectionsPerHost, variables: environment.variables)
        let endpoints = EndpointResolver(explicitURL: endpointURL, environment: environment)
        let chain = CredentialChain.standard(
            environment: environment, transport: transport,
            stsEndpoints: EndpointResolver(environment: environment), region: resolvedRegion)
        return AWSClientConfiguration(
            region: resolvedRegion, credentials: chain, endpoints: endpoints, transport: transport, callLog: callLog)
    }
}
