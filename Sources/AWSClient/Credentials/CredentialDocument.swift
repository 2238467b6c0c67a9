import Foundation

/// Reads the JSON credential documents of `credential_process`, the ECS
/// container endpoint and IMDS, and the XML `<Credentials>` of STS.
enum CredentialDocument {
    /// `{AccessKeyId, SecretAccessKey, Token|SessionToken, Expiration}`.
    static func fromJSON(_ value: JSONValue, source: String) throws -> AWSCredentials {
        guard let keyId = value["AccessKeyId"]?.string, !keyId.isEmpty,
              let secret = value["SecretAccessKey"]?.string, !secret.isEmpty
        else {
            throw AWSClientError.credentialSourceFailed(
                source: source, reason: "the answer lacks AccessKeyId or SecretAccessKey")
        }
        let token = value["Token"]?.string ?? value["SessionToken"]?.string
        var expiration: Date?
        if let text = value["Expiration"]?.string {
            guard let date = AWSDateFormat.parseISO8601(text) else {
                throw AWSClientError.credentialSourceFailed(source: source, reason: "Expiration is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }

    /// JSON bytes → credentials, with a secret-free error for unreadable bytes.
    static func fromJSON(bytes: [UInt8], source: String) throws -> AWSCredentials {
        guard let value = try? JSONValue.parse(bytes) else {
            throw AWSClientError.credentialSourceFailed(source: source, reason: "the answer is not JSON")
        }
        return try fromJSON(value, source: source)
    }

    /// The `<Credentials>` element of an STS AssumeRole* result.
    static func fromSTS(_ result: AWSXMLNode, source: String) throws -> AWSCredentials {
        guard let node = result.child("Credentials"),
              let keyId = node.text("AccessKeyId"), let secret = node.text("SecretAccessKey")
        else {
            throw AWSClientError.credentialSourceFailed(source: source, reason: "STS answer lacks Credentials")
        }
        let expiration = node.text("Expiration").flatMap(AWSDateFormat.parseISO8601)
        return AWSCredentials(
            accessKeyId: keyId, secretAccessKey: secret, sessionToken: node.text("SessionToken"), expiration: expiration)
    }
}

/// Provides nothing; used for unsigned STS calls.
struct NoCredentialProvider: CredentialProvider {
    var sourceName: String { "none" }
    func credentials() async throws -> AWSCredentials? { nil }
}

/// The STS role exchanges the credential chain needs, through the client's
/// internal credential-exchange path (the only way to call `AssumeRole*`).
struct STSExchange: Sendable {
    let transport: any HTTPTransport
    let endpoints: EndpointResolver
    let region: String
    let clock: any AWSClock

    private func client(_ credentials: AWSCredentials?) -> AWSClient {
        let provider: any CredentialProvider = credentials.map { StaticCredentialProvider($0) } ?? NoCredentialProvider()
        return AWSClient(configuration: AWSClientConfiguration(
            region: region, credentials: provider, endpoints: endpoints, transport: transport,
            retry: RetryPolicy(maxAttempts: 3), clock: clock))
    }

    func defaultSessionName() -> String { "hydrous-audit-\(Int(clock.now().timeIntervalSince1970))" }

    /// `AssumeRole` signed with `source`.
    func assumeRole(
        roleArn: String, sessionName: String?, externalId: String?, durationSeconds: String?,
        source: AWSCredentials, sourceName: String
    ) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName ?? defaultSessionName())]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        if let durationSeconds { parameters.append(("DurationSeconds", durationSeconds)) }
        do {
            let result = try await client(source).query(
                .sts, "AssumeRole", parameters, permission: .credentialExchange, signed: true)
            return try CredentialDocument.fromSTS(result, source: sourceName)
        } catch let error as AWSError {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "AssumeRole \(roleArn): \(error.localizedDescription)")
        }
    }

    /// `AssumeRoleWithWebIdentity`, unsigned.
    func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String?, token: String, sourceName: String
    ) async throws -> AWSCredentials {
        let parameters = [
            ("RoleArn", roleArn), ("RoleSessionName", sessionName ?? defaultSessionName()), ("WebIdentityToken", token),
        ]
        do {
            let result = try await client(nil).query(
                .sts, "AssumeRoleWithWebIdentity", parameters, permission: .credentialExchange, signed: false)
            return try CredentialDocument.fromSTS(result, source: sourceName)
        } catch let error as AWSError {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "AssumeRoleWithWebIdentity \(roleArn): \(error.localizedDescription)")
        }
    }
}
