import Foundation

/// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialProvider: CredentialProvider {
    let environment: AWSEnvironment
    /// `environment variables`.
    public var sourceName: String { "environment variables" }

    /// Creates the provider.
    public init(environment: AWSEnvironment) { self.environment = environment }

    /// The keys from the environment; an error when only one of the pair is set.
    public func credentials() async throws -> AWSCredentials? {
        let keyId = environment["AWS_ACCESS_KEY_ID"]
        let secret = environment["AWS_SECRET_ACCESS_KEY"]
        switch (keyId, secret) {
        case (nil, nil): return nil
        case (let keyId?, let secret?):
            return AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        default:
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither")
        }
    }
}

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` [+ `AWS_ROLE_SESSION_NAME`] → STS `AssumeRoleWithWebIdentity`.
public struct WebIdentityCredentialProvider: CredentialProvider {
    let environment: AWSEnvironment
    let sts: STSExchange
    /// `web identity (AWS_WEB_IDENTITY_TOKEN_FILE)`.
    public var sourceName: String { "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)" }

    init(environment: AWSEnvironment, sts: STSExchange) {
        self.environment = environment
        self.sts = sts
    }

    /// Role credentials for the token in the file, `nil` when not configured.
    public func credentials() async throws -> AWSCredentials? {
        guard let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"] else { return nil }
        guard let roleArn = environment["AWS_ROLE_ARN"] else {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        let token = try WebIdentityToken.read(environment.expandTilde(tokenFile), source: sourceName)
        return try await sts.assumeRoleWithWebIdentity(
            roleArn: roleArn, sessionName: environment["AWS_ROLE_SESSION_NAME"], token: token, sourceName: sourceName)
    }
}

/// Reads a web identity token file.
enum WebIdentityToken {
    static func read(_ path: String, source: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSClientError.credentialSourceFailed(source: source, reason: "cannot read the token file \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw AWSClientError.credentialSourceFailed(source: source, reason: "the token file \(path) is empty")
        }
        return token
    }
}
