import Foundation

/// Everything the audit knows about one deployment: the hub of the design.
///
/// Sources (live AWS, a snapshot file, files under review) fill it; rules and
/// the cost model read it; nothing else is shared between them.
public struct Inventory: Codable, Sendable, Equatable {
    /// The snapshot format version this build writes and reads.
    public static let currentFormatVersion = 1

    /// Snapshot format version (`snapshotVersion` in JSON).
    public var formatVersion: Int = Inventory.currentFormatVersion
    /// The AWS region the resources live in.
    public var region: String?
    /// The AWS account id, when known (STS GetCallerIdentity).
    public var account: String?
    /// The scope the source applied, if any.
    public var scope: Scope?
    /// The outcome of every API operation the source needed.
    @Defaulted public var coverage: [CoverageEntry] = []

    @Defaulted public var clusters: [ECSCluster] = []
    @Defaulted public var services: [ECSService] = []
    @Defaulted public var taskDefinitions: [TaskDefinition] = []
    @Defaulted public var tasks: [ECSTask] = []
    @Defaulted public var loadBalancers: [LoadBalancer] = []
    @Defaulted public var listeners: [Listener] = []
    @Defaulted public var targetGroups: [TargetGroup] = []
    @Defaulted public var securityGroups: [SecurityGroup] = []
    @Defaulted public var subnets: [Subnet] = []
    @Defaulted public var vpcs: [VPC] = []
    @Defaulted public var natGateways: [NATGateway] = []
    @Defaulted public var vpcEndpoints: [VPCEndpoint] = []
    @Defaulted public var dbInstances: [DBInstance] = []
    @Defaulted public var cacheClusters: [CacheCluster] = []
    @Defaulted public var repositories: [Repository] = []
    @Defaulted public var logGroups: [LogGroup] = []
    @Defaulted public var roles: [IAMRole] = []
    /// Values written in files under review (`check` only; never in snapshots).
    @Defaulted public var fileValues: [FileValue] = []

    /// An empty inventory.
    public init(region: String? = nil, account: String? = nil) {
        self.region = region
        self.account = account
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "snapshotVersion"
        case region, account, scope, coverage
        case clusters, services, taskDefinitions, tasks, loadBalancers, listeners, targetGroups
        case securityGroups, subnets, vpcs, natGateways, vpcEndpoints
        case dbInstances, cacheClusters, repositories, logGroups, roles, fileValues
    }

    /// True when every call the source needed succeeded.
    public var isComplete: Bool { coverage.allSatisfy { $0.status == .ok } }

    // MARK: Lookups

    /// The security group with `id`.
    public func securityGroup(_ id: String) -> SecurityGroup? { securityGroups.first { $0.id == id } }

    /// The role with ARN (or name) `reference`.
    public func role(_ reference: String) -> IAMRole? {
        roles.first { $0.arn == reference || $0.name == reference || $0.name == arnSuffix(reference) }
    }

    /// The task definition a service (or anything) refers to.
    /// (A scan without allocations per element; `TaskDefinitionIndex` for many lookups.)
    public func taskDefinition(_ reference: String) -> TaskDefinition? {
        if let exact = taskDefinitions.first(where: { $0.arn == reference }) { return exact }
        // `family:revision`, alone or after the last `/` of an ARN.
        let suffix = reference.lastIndex(of: "/").map { String(reference[reference.index(after: $0)...]) } ?? reference
        if let colon = suffix.lastIndex(of: ":"), let revision = Int(suffix[suffix.index(after: colon)...]) {
            let family = suffix[..<colon]
            if let named = taskDefinitions.first(where: { $0.revision == revision && $0.family == family }) { return named }
        }
        // A bare family name means its latest revision.
        return taskDefinitions.filter { $0.family == reference }.max { $0.revision < $1.revision }
    }

    /// The load balancer with `arn`.
    public func loadBalancer(_ arn: String) -> LoadBalancer? { loadBalancers.first { $0.arn == arn || $0.name == arn } }

    /// The target group with `arn`.
    public func targetGroup(_ arn: String) -> TargetGroup? { targetGroups.first { $0.arn == arn || $0.name == arn } }

    /// The listeners of load balancer `arn`.
    public func listeners(of loadBalancerArn: String) -> [Listener] {
        listeners.filter { $0.loadBalancerArn == loadBalancerArn }
    }

    /// The cluster with ARN or name `reference`.
    public func cluster(_ reference: String) -> ECSCluster? {
        clusters.first { $0.arn == reference || $0.name == reference }
    }

    /// Load balancers a service is bound to through its target groups.
    public func loadBalancers(of service: ECSService) -> [LoadBalancer] {
        var arns: [String] = []
        for binding in service.loadBalancers {
            guard let tgArn = binding.targetGroupArn else { continue }
            if let group = targetGroup(tgArn) { arns.append(contentsOf: group.loadBalancerArns) }
            for listener in listeners where listener.defaultActions.contains(where: { $0.targetGroupArn == tgArn }) {
                arns.append(listener.loadBalancerArn)
            }
        }
        var seen = Set<String>()
        return arns.filter { seen.insert($0).inserted }.compactMap { loadBalancer($0) }
    }
}
