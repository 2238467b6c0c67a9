import Foundation

/// A host and port a client connects to.
public struct Endpoint: Codable, Sendable, Equatable, Hashable {
    public var address: String
    public var port: Int?

    /// Creates an endpoint.
    public init(address: String, port: Int?) {
        self.address = address
        self.port = port
    }
}

/// An RDS DB instance (`DescribeDBInstances`, tags inline).
public struct DBInstance: AuditedResource {
    public var identifier: String
    public var arn: String?
    public var instanceClass: String?
    /// `postgres`, `mysql`, `aurora-postgresql`, ...
    public var engine: String?
    public var engineVersion: String?
    public var dbName: String?
    public var masterUsername: String?
    /// Allocated storage in GiB.
    public var allocatedStorage: Int?
    /// `gp2`, `gp3`, `io1`, `standard`.
    public var storageType: String?
    public var storageEncrypted: Bool?
    public var multiAZ: Bool?
    public var publiclyAccessible: Bool?
    public var deletionProtection: Bool?
    public var backupRetentionPeriod: Int?
    public var availabilityZone: String?
    public var endpoint: Endpoint?
    /// The port the instance listens on when no endpoint is known yet.
    public var port: Int?
    @Defaulted public var vpcSecurityGroups: [String] = []
    /// `MasterUserSecret.SecretArn` when RDS manages the password in Secrets Manager.
    public var masterUserSecretArn: String?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates an instance.
    public init(identifier: String, arn: String? = nil) {
        self.identifier = identifier
        self.arn = arn
    }

    public var ref: ResourceRef { ResourceRef(type: "rds:db", id: identifier, arn: arn, name: identifier) }

    /// The port clients use: the endpoint's, else the stated one, else the engine default.
    public var effectivePort: Int {
        if let port = endpoint?.port ?? port { return port }
        switch engine?.lowercased() ?? "" {
        case let engine where engine.contains("mysql") || engine.contains("maria"): return 3306
        case let engine where engine.contains("sqlserver"): return 1433
        case let engine where engine.contains("oracle"): return 1521
        default: return 5432
        }
    }
}

/// An ElastiCache cluster (`DescribeCacheClusters` with node info).
public struct CacheCluster: AuditedResource {
    public var id: String
    public var arn: String?
    /// `redis`, `valkey`, `memcached`.
    public var engine: String?
    public var engineVersion: String?
    public var nodeType: String?
    public var numNodes: Int?
    public var port: Int?
    /// Node or configuration endpoints.
    @Defaulted public var endpoints: [Endpoint] = []
    @Defaulted public var securityGroups: [String] = []
    public var transitEncryptionEnabled: Bool?
    public var atRestEncryptionEnabled: Bool?
    public var authTokenEnabled: Bool?
    /// RBAC user group ids (Redis 6+ access control).
    @Defaulted public var userGroupIds: [String] = []
    public var snapshotRetentionLimit: Int?
    public var replicationGroupId: String?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a cache cluster.
    public init(id: String, arn: String? = nil) {
        self.id = id
        self.arn = arn
    }

    public var ref: ResourceRef { ResourceRef(type: "elasticache:cluster", id: id, arn: arn, name: id) }

    /// The port clients use: the stated one, else the engine default.
    public var effectivePort: Int {
        port ?? endpoints.first?.port ?? (engine?.lowercased() == "memcached" ? 11211 : 6379)
    }
}

/// One image in a repository.
public struct ContainerImage: Codable, Sendable, Equatable {
    public var digest: String?
    @Defaulted public var tags: [String] = []
    public var sizeBytes: Int64?

    /// Creates an image.
    public init(digest: String?, tags: [String] = [], sizeBytes: Int64? = nil) {
        self.digest = digest
        self.tags = tags
        self.sizeBytes = sizeBytes
    }
}

/// An ECR repository with its images and lifecycle policy presence.
public struct Repository: AuditedResource {
    public var name: String
    public var arn: String?
    public var uri: String?
    /// `MUTABLE` or `IMMUTABLE`.
    public var imageTagMutability: String?
    public var scanOnPush: Bool?
    /// `true` when a lifecycle policy exists, `false` when none, `nil` unknown.
    public var hasLifecyclePolicy: Bool?
    @Defaulted public var images: [ContainerImage] = []
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a repository.
    public init(name: String, arn: String? = nil) {
        self.name = name
        self.arn = arn
    }

    public var ref: ResourceRef { ResourceRef(type: "ecr:repository", id: name, arn: arn, name: name) }

    /// Bytes stored across all images.
    public var storedBytes: Int64 { images.reduce(0) { $0 + ($1.sizeBytes ?? 0) } }
}

/// A CloudWatch Logs log group.
public struct LogGroup: AuditedResource {
    public var name: String
    public var arn: String?
    /// `nil` means never expire.
    public var retentionInDays: Int?
    public var storedBytes: Int64?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a log group.
    public init(name: String, arn: String? = nil) {
        self.name = name
        self.arn = arn
    }

    public var ref: ResourceRef { ResourceRef(type: "logs:log-group", id: name, arn: arn, name: name) }
}

/// An IAM role with its attached and inline policy names.
public struct IAMRole: AuditedResource {
    public var name: String
    public var arn: String
    @Defaulted public var attachedPolicyArns: [String] = []
    @Defaulted public var inlinePolicyNames: [String] = []
    /// Inline policy documents read so far (policy name → JSON text, decoded
    /// from IAM's URL encoding). A name in `inlinePolicyNames` without a
    /// document here is a policy whose contents are not known.
    @Defaulted public var inlinePolicies: [String: String] = [:]
    /// The trust policy document (JSON text).
    public var assumeRolePolicyDocument: String?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a role.
    public init(name: String, arn: String) {
        self.name = name
        self.arn = arn
    }

    public var ref: ResourceRef { ResourceRef(type: "iam:role", id: name, arn: arn, name: name) }
}
