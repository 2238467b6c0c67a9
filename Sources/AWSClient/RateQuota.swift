import Foundation

/// One client-side token bucket: how many requests may go at once (`capacity`)
/// and how many more each second (`refillPerSecond`).
///
/// Several operations share a bucket when they share its `bucket` name (ECS
/// throttles groups of actions together; ELB throttles the whole API as one).
public struct RateQuota: Sendable, Equatable {
    /// Where a figure comes from.
    public enum Source: Sendable, Equatable {
        /// AWS publishes it on this page.
        case documented(url: String)
        /// AWS publishes no figure; this one was chosen, for the reason given.
        case chosen(reason: String)
    }

    /// The bucket's name; operations with the same name share its tokens.
    public var bucket: String
    /// The most tokens the bucket holds (the burst), at least 1.
    public var capacity: Double
    /// Tokens added back each second (the sustained rate), above 0.
    public var refillPerSecond: Double
    /// Where the figures come from.
    public var source: Source

    /// Creates a quota; `capacity` is at least 1 and `refillPerSecond` at least 0.001.
    public init(bucket: String, capacity: Double, refillPerSecond: Double, source: Source) {
        self.bucket = bucket
        self.capacity = max(1, capacity)
        self.refillPerSecond = max(0.001, refillPerSecond)
        self.source = source
    }
}

/// Which `RateQuota` applies to each operation of each service.
public struct RateQuotaTable: Sendable {
    private let lookup: @Sendable (AWSService, String) -> RateQuota

    /// A table answering `lookup(service, operation)`.
    public init(_ lookup: @escaping @Sendable (AWSService, String) -> RateQuota) {
        self.lookup = lookup
    }

    /// The quota for `operation` on `service`.
    public func quota(for service: AWSService, operation: String) -> RateQuota {
        lookup(service, operation)
    }

    /// AWS's documented default quotas, conservative figures where AWS
    /// publishes none (docs/rate-quotas.md lists every one with its source).
    public static let aws = RateQuotaTable(AWSRateQuotas.quota)

    /// One bucket per service, the same figures for all (for tests and experiments).
    public static func perService(capacity: Double, refillPerSecond: Double) -> RateQuotaTable {
        RateQuotaTable { service, _ in
            RateQuota(
                bucket: service.rawValue, capacity: capacity, refillPerSecond: refillPerSecond,
                source: .chosen(reason: "uniform table"))
        }
    }
}

/// The default figures. Each documented number cites its page; AWS applies
/// them per account and Region (IAM: per account), to all callers together.
enum AWSRateQuotas {
    static let ecsPage = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html"
    static let ec2Page = "https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html"
    static let elbPage = "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html"
    static let rdsPage = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-api-throttling.html"
    static let logsPage = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html"
    static let pricingPage = "https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-pelong.html"

    /// Where AWS publishes nothing: never faster than the slowest documented
    /// read rate of the services the audit calls (10 a second: ELB, EC2's
    /// unfiltered describes, Logs), with a burst of 20.
    static let unpublished = "AWS publishes no rate for this action; 20 burst, 10/s matches the slowest documented read rate of the services the audit calls"

    static func quota(_ service: AWSService, _ operation: String) -> RateQuota {
        switch service {
        case .ecs: return ecs(operation)
        case .ec2: return ec2(operation)
        case .elbv2:
            // One account-level bucket shared by every ELB API action.
            return RateQuota(bucket: "elasticloadbalancing", capacity: 40, refillPerSecond: 10, source: .documented(url: elbPage))
        case .rds:
            // "Up to 300 requests in a burst and a sustained 12 requests per second": one bucket for all of RDS.
            return RateQuota(bucket: "rds", capacity: 300, refillPerSecond: 12, source: .documented(url: rdsPage))
        case .logs: return logs(operation)
        case .elasticache:
            return RateQuota(bucket: "elasticache", capacity: 20, refillPerSecond: 10, source: .chosen(reason: unpublished))
        case .ecr:
            // ECR publishes per-action rates (only for push and pull actions), so one bucket per action.
            return RateQuota(bucket: "ecr:\(operation)", capacity: 20, refillPerSecond: 10, source: .chosen(reason: unpublished))
        case .iam:
            // IAM is global: one account-wide bucket for every IAM call.
            return RateQuota(bucket: "iam", capacity: 20, refillPerSecond: 10, source: .chosen(reason: unpublished))
        case .sts:
            return RateQuota(bucket: "sts:\(operation)", capacity: 20, refillPerSecond: 10, source: .chosen(reason: unpublished))
        case .pricing:
            // DescribeServices, GetAttributeValues, GetProducts: 10 tokens, 5 a second, each.
            return RateQuota(bucket: "pricing:\(operation)", capacity: 10, refillPerSecond: 5, source: .documented(url: pricingPage))
        }
    }

    /// ECS throttles groups of actions together (the page's "API action category").
    static func ecs(_ operation: String) -> RateQuota {
        let groups: [(name: String, actions: Set<String>, capacity: Double, refill: Double)] = [
            ("cluster-read", ["DescribeClusters", "ListClusters"], 50, 20),
            ("task-definition-read", ["DescribeTaskDefinition", "ListTaskDefinitions", "ListTaskDefinitionFamilies"], 50, 20),
            ("cluster-resource-read", [
                "DescribeContainerInstances", "DescribeTasks", "ListAttributes", "ListContainerInstances", "ListTasks",
            ], 100, 20),
            ("service-read", ["DescribeServices", "ListServices"], 100, 20),
            ("capacity-provider-read", ["DescribeCapacityProviders"], 50, 20),
            ("tag-read", ["ListTagsForResource"], 50, 20),
            ("setting-read", ["ListAccountSettings"], 50, 20),
        ]
        guard let group = groups.first(where: { $0.actions.contains(operation) }) else {
            return RateQuota(bucket: "ecs:\(operation)", capacity: 20, refillPerSecond: 10, source: .chosen(reason: unpublished))
        }
        return RateQuota(
            bucket: "ecs:\(group.name)", capacity: group.capacity, refillPerSecond: group.refill,
            source: .documented(url: ecsPage))
    }

    /// EC2 evaluates each API action on its own bucket: non-mutating actions
    /// 100 / 20 a second; the few that AWS throttles harder when called without
    /// a filter or pagination 50 / 10 (taken whatever the parameters).
    static func ec2(_ operation: String) -> RateQuota {
        let unfilteredBucket: Set<String> = [
            "DescribeInstances", "DescribeInstanceStatus", "DescribeNetworkInterfaces", "DescribeSecurityGroups",
            "DescribeSnapshots", "DescribeSpotInstanceRequests", "DescribeVolumes",
        ]
        let small = unfilteredBucket.contains(operation)
        return RateQuota(
            bucket: "ec2:\(operation)", capacity: small ? 50 : 100, refillPerSecond: small ? 10 : 20,
            source: .documented(url: ec2Page))
    }

    /// CloudWatch Logs publishes a rate per action, without a burst: the bucket
    /// holds half of it and refills half a second's worth, so no one-second
    /// window ever carries more than the published rate.
    static func logs(_ operation: String) -> RateQuota {
        let published: [String: Double] = ["DescribeLogGroups": 10, "DescribeLogStreams": 25, "ListTagsForResource": 5]
        guard let rate = published[operation] else {
            return RateQuota(
                bucket: "logs:\(operation)", capacity: 2.5, refillPerSecond: 2.5,
                source: .chosen(reason: "not an action the audit calls; most Logs actions are published at 5 a second"))
        }
        return RateQuota(
            bucket: "logs:\(operation)", capacity: rate / 2, refillPerSecond: rate / 2, source: .documented(url: logsPage))
    }
}
