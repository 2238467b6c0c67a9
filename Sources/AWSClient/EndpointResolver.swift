import Foundation

/// Where a request for a service goes and which region signs it.
public struct Endpoint: Sendable, Equatable {
    /// `https` or `http`.
    public var scheme: String
    /// Host name or address.
    public var host: String
    /// Explicit port, if any.
    public var port: Int?
    /// Base path (`/` for AWS endpoints; an emulator may add a prefix).
    public var path: String
    /// The SigV4 signing region.
    public var signingRegion: String

    /// Creates an endpoint.
    public init(scheme: String, host: String, port: Int? = nil, path: String = "/", signingRegion: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.signingRegion = signingRegion
    }
}

/// Chooses the endpoint: `--endpoint-url` beats `AWS_ENDPOINT_URL_<SERVICE>`,
/// which beats `AWS_ENDPOINT_URL`, which beats the regional AWS host.
public struct EndpointResolver: Sendable {
    /// The value of `--endpoint-url`, if given.
    public var explicitURL: String?
    /// Environment variables (`AWS_ENDPOINT_URL*`).
    public var variables: [String: String]

    /// Creates a resolver.
    public init(explicitURL: String? = nil, variables: [String: String] = [:]) {
        self.explicitURL = explicitURL
        self.variables = variables
    }

    /// Creates a resolver reading `environment`.
    public init(explicitURL: String? = nil, environment: AWSEnvironment) {
        self.init(explicitURL: explicitURL, variables: environment.variables)
    }

    /// The endpoint for `service` in `region`.
    public func endpoint(for service: AWSService, region: String) throws -> Endpoint {
        let signingRegion = service.signingRegion(for: region)
        let candidates: [(String, String?)] = [
            ("--endpoint-url", explicitURL),
            ("AWS_ENDPOINT_URL_\(service.endpointEnvironmentId)", variables["AWS_ENDPOINT_URL_\(service.endpointEnvironmentId)"]),
            ("AWS_ENDPOINT_URL", variables["AWS_ENDPOINT_URL"]),
        ]
        for (source, value) in candidates {
            guard let value, !value.isEmpty else { continue }
            return try Self.parse(value, source: source, signingRegion: signingRegion)
        }
        return Endpoint(scheme: "https", host: Self.defaultHost(service, region: region), signingRegion: signingRegion)
    }

    /// The AWS host for `service` in `region` (IAM is global; pricing only in us-east-1).
    public static func defaultHost(_ service: AWSService, region: String) -> String {
        switch service {
        case .iam: return "iam.amazonaws.com"
        case .pricing: return "api.pricing.us-east-1.amazonaws.com"
        default:
            let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            return "\(service.hostPrefix).\(region).\(suffix)"
        }
    }

    static func parse(_ text: String, source: String, signingRegion: String) throws -> Endpoint {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { throw AWSClientError.invalidEndpoint(url: text, source: source) }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return Endpoint(scheme: scheme, host: host, port: components.port, path: path, signingRegion: signingRegion)
    }
}
