import Foundation

/// EC2 instance role credentials via IMDSv2: `PUT /latest/api/token`, then the
/// role name and its credentials. Unreachable IMDS means "not on EC2" (`nil`);
/// the transport given must time out fast (1 s) so the chain never hangs.
public struct IMDSCredentialProvider: CredentialProvider {
    let environment: AWSEnvironment
    let transport: any HTTPTransport
    /// `EC2 instance metadata (IMDSv2)`.
    public var sourceName: String { "EC2 instance metadata (IMDSv2)" }

    init(environment: AWSEnvironment, transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    /// The instance role's credentials, or `nil` when IMDS is disabled or unreachable.
    public func credentials() async throws -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        guard let components = URLComponents(string: base), let host = components.host,
              let scheme = components.scheme
        else {
            throw AWSClientError.credentialSourceFailed(source: sourceName, reason: "AWS_EC2_METADATA_SERVICE_ENDPOINT is not a URL")
        }
        func request(_ method: String, _ path: String, _ headers: [HTTPHeader]) -> AWSHTTPRequest {
            AWSHTTPRequest(method: method, scheme: scheme, host: host, port: components.port, path: path, headers: headers)
        }
        let tokenResponse: AWSHTTPResponse
        do {
            tokenResponse = try await transport.send(
                request("PUT", "/latest/api/token", [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", "21600")]))
        } catch is AWSClientError {
            return nil  // not on EC2, or IMDS blocked
        }
        guard tokenResponse.status == 200 else { return nil }
        let tokenHeader = [HTTPHeader("X-aws-ec2-metadata-token", tokenResponse.bodyText)]
        let rolePath = "/latest/meta-data/iam/security-credentials/"
        let roles = try await transport.send(request("GET", rolePath, tokenHeader))
        guard roles.status == 200 else { return nil }  // instance without a role
        guard let role = roles.bodyText.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            return nil
        }
        let answer = try await transport.send(request("GET", rolePath + SigV4Encoding.uriEncode(role), tokenHeader))
        guard answer.status == 200 else {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "IMDS answered HTTP \(answer.status) for the role credentials")
        }
        if let value = try? JSONValue.parse(answer.body), let code = value["Code"]?.string, code != "Success" {
            throw AWSClientError.credentialSourceFailed(source: sourceName, reason: "IMDS reports \(code)")
        }
        return try CredentialDocument.fromJSON(bytes: answer.body, source: sourceName)
    }
}
