import Foundation

/// Credentials from the shared files' profile: static keys, `role_arn` with
/// `source_profile` / `credential_source` / `web_identity_token_file`, or
/// `credential_process`.
public struct ProfileCredentialProvider: CredentialProvider {
    let environment: AWSEnvironment
    let sts: STSExchange
    let container: ContainerCredentialProvider
    let instance: IMDSCredentialProvider
    /// `profile <name> (<config file>, <credentials file>)`.
    public var sourceName: String {
        "profile \(environment.profileName) (\(environment.configFilePath), \(environment.credentialsFilePath))"
    }

    init(environment: AWSEnvironment, sts: STSExchange, container: ContainerCredentialProvider, instance: IMDSCredentialProvider) {
        self.environment = environment
        self.sts = sts
        self.container = container
        self.instance = instance
    }

    /// The profile's credentials; `nil` when the default profile does not exist,
    /// an error when a named profile is missing or its source fails.
    public func credentials() async throws -> AWSCredentials? {
        let files = try SharedConfigFiles.load(environment)
        let name = environment.profileName
        guard files.profile(name) != nil else {
            if environment.profileIsExplicit {
                throw AWSClientError.profileNotFound(
                    profile: name, configFile: files.configPath, credentialsFile: files.credentialsPath)
            }
            return nil
        }
        return try await resolve(name, files: files, visited: [])
    }

    private func resolve(_ name: String, files: SharedConfigFiles, visited: [String]) async throws -> AWSCredentials? {
        guard let profile = files.profile(name) else {
            throw AWSClientError.profileNotFound(profile: name, configFile: files.configPath, credentialsFile: files.credentialsPath)
        }
        let source = "profile \(name)"
        if let roleArn = profile["role_arn"], !roleArn.isEmpty {
            let region = profile["region"] ?? sts.region
            let exchange = STSExchange(transport: sts.transport, endpoints: sts.endpoints, region: region, clock: sts.clock)
            if let tokenFile = profile["web_identity_token_file"], profile["source_profile"] == nil {
                let token = try WebIdentityToken.read(environment.expandTilde(tokenFile), source: source)
                return try await exchange.assumeRoleWithWebIdentity(
                    roleArn: roleArn, sessionName: profile["role_session_name"], token: token, sourceName: source)
            }
            let sourceCredentials = try await roleSource(name, profile: profile, files: files, visited: visited + [name])
            return try await exchange.assumeRole(
                roleArn: roleArn, sessionName: profile["role_session_name"], externalId: profile["external_id"],
                durationSeconds: profile["duration_seconds"], source: sourceCredentials, sourceName: source)
        }
        if let staticKeys = try staticCredentials(profile, source: source) { return staticKeys }
        if let command = profile["credential_process"], !command.isEmpty {
            return try await CredentialProcess(
                command: command, environment: environment.variables, timeout: 60, sourceName: source
            ).run()
        }
        if !visited.isEmpty {
            throw AWSClientError.credentialSourceFailed(
                source: source, reason: "used as source_profile but holds no keys, role_arn or credential_process")
        }
        return nil
    }

    private func staticCredentials(_ profile: [String: String], source: String) throws -> AWSCredentials? {
        switch (profile["aws_access_key_id"], profile["aws_secret_access_key"]) {
        case (let keyId?, let secret?) where !keyId.isEmpty && !secret.isEmpty:
            return AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
        case (nil, nil): return nil
        default:
            throw AWSClientError.credentialSourceFailed(
                source: source, reason: "aws_access_key_id and aws_secret_access_key must both be set")
        }
    }

    /// The credentials that sign the `AssumeRole` of profile `name`.
    private func roleSource(
        _ name: String, profile: [String: String], files: SharedConfigFiles, visited: [String]
    ) async throws -> AWSCredentials {
        let source = "profile \(name)"
        if let sourceProfile = profile["source_profile"], !sourceProfile.isEmpty {
            if sourceProfile == name {
                // A profile may name itself: its own static keys sign the role.
                if let own = try staticCredentials(profile, source: source) { return own }
                throw AWSClientError.profileLoop(chain: visited + [sourceProfile])
            }
            if visited.contains(sourceProfile) { throw AWSClientError.profileLoop(chain: visited + [sourceProfile]) }
            guard let credentials = try await resolve(sourceProfile, files: files, visited: visited) else {
                throw AWSClientError.credentialSourceFailed(source: source, reason: "source_profile \(sourceProfile) has no credentials")
            }
            return credentials
        }
        let provider: (any CredentialProvider)?
        switch profile["credential_source"] {
        case "Environment": provider = EnvironmentCredentialProvider(environment: environment)
        case "EcsContainer": provider = container
        case "Ec2InstanceMetadata": provider = instance
        default: provider = nil
        }
        guard let provider else {
            throw AWSClientError.credentialSourceFailed(
                source: source, reason: "role_arn needs source_profile or credential_source (Environment, EcsContainer, Ec2InstanceMetadata)")
        }
        guard let credentials = try await provider.credentials() else {
            throw AWSClientError.credentialSourceFailed(source: source, reason: "credential_source \(provider.sourceName) gave nothing")
        }
        return credentials
    }
}
