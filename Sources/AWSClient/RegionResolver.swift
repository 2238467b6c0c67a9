/// Finds the region: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`.
public struct RegionResolver: Sendable {
    /// The value of `--region`, if given.
    public var explicitRegion: String?
    /// Where environment and profile come from.
    public var environment: AWSEnvironment

    /// Creates a resolver.
    public init(explicitRegion: String? = nil, environment: AWSEnvironment) {
        self.explicitRegion = explicitRegion
        self.environment = environment
    }

    /// The region, or an error telling the user to pass `--region`.
    public func resolve() throws -> String {
        if let explicitRegion, !explicitRegion.isEmpty { return explicitRegion }
        if let region = environment["AWS_REGION"] { return region }
        if let region = environment["AWS_DEFAULT_REGION"] { return region }
        let files = try SharedConfigFiles.load(environment)
        if let region = files.profile(environment.profileName)?["region"], !region.isEmpty { return region }
        throw AWSClientError.noRegion(profile: environment.profileName)
    }
}
