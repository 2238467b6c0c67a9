import Foundation

/// The process inputs the client reads: environment variables, the home
/// directory and the `--profile` flag. Injected so tests are hermetic.
public struct AWSEnvironment: Sendable {
    /// Environment variables by name.
    public var variables: [String: String]
    /// The user's home directory (where `~/.aws` lives).
    public var homeDirectory: String
    /// The profile named with `--profile`, which beats `AWS_PROFILE`.
    public var profileOverride: String?

    /// Creates an environment from explicit values.
    public init(variables: [String: String], homeDirectory: String, profileOverride: String? = nil) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.profileOverride = profileOverride
    }

    /// The real process environment and home directory.
    public static func process(profile: String? = nil) -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        let home = variables["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return AWSEnvironment(variables: variables, homeDirectory: home, profileOverride: profile)
    }

    /// The value of `name`, or `nil` when unset or empty.
    public subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// The profile in use: `--profile`, else `AWS_PROFILE`, else `default`.
    public var profileName: String {
        profileOverride ?? self["AWS_PROFILE"] ?? "default"
    }

    /// Whether the profile was chosen explicitly (so a missing one is an error).
    public var profileIsExplicit: Bool {
        profileOverride != nil || self["AWS_PROFILE"] != nil
    }

    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    public var credentialsFilePath: String {
        expandTilde(self["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
    }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    public var configFilePath: String {
        expandTilde(self["AWS_CONFIG_FILE"] ?? "~/.aws/config")
    }

    /// Replaces a leading `~` with the home directory.
    public func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        return homeDirectory + path.dropFirst()
    }
}
