import Foundation

/// ECS (and EKS Pod Identity) container credentials:
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on `http://169.254.170.2`, or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`.
public struct ContainerCredentialProvider: CredentialProvider {
    let environment: AWSEnvironment
    let transport: any HTTPTransport
    /// `ECS container credentials`.
    public var sourceName: String { "ECS container credentials (AWS_CONTAINER_CREDENTIALS_*_URI)" }

    init(environment: AWSEnvironment, transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    private static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]

    /// The container role's credentials, `nil` when neither URI variable is set.
    public func credentials() async throws -> AWSCredentials? {
        let urlText: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            urlText = "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            urlText = full
        } else {
            return nil
        }
        guard let components = URLComponents(string: urlText), let scheme = components.scheme,
              let host = components.host, scheme == "http" || scheme == "https"
        else {
            throw AWSClientError.credentialSourceFailed(source: sourceName, reason: "the container credentials URI is not a URL")
        }
        if scheme == "http" && !(ProxySettings.isLoopback(host) || Self.allowedHTTPHosts.contains(host)) {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "plain-http FULL_URI must point at loopback or the ECS/EKS agent address")
        }
        var request = AWSHTTPRequest(
            method: "GET", scheme: scheme, host: host, port: components.port,
            path: components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath,
            query: components.percentEncodedQuery ?? "")
        if let token = try authorizationToken() { request.headers.append(HTTPHeader("Authorization", token)) }
        let response = try await transport.send(request)
        guard (200..<300).contains(response.status) else {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "the credentials endpoint answered HTTP \(response.status)")
        }
        return try CredentialDocument.fromJSON(bytes: response.body, source: sourceName)
    }

    private func authorizationToken() throws -> String? {
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw AWSClientError.credentialSourceFailed(source: sourceName, reason: "cannot read \(file)")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    }
}
