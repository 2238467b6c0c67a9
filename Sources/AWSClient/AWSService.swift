/// How a service's requests and answers are shaped on the wire.
public enum WireProtocol: Sendable, Equatable {
    /// Form-encoded `Action=…&Version=…` request, XML answer.
    case query(apiVersion: String)
    /// JSON 1.1 body with `X-Amz-Target: <targetPrefix>.<Operation>`.
    case json11(targetPrefix: String)
}

/// The AWS services the audit talks to, with their endpoint and signing facts.
public enum AWSService: String, Sendable, CaseIterable {
    /// Elastic Container Service (JSON 1.1).
    case ecs
    /// Elastic Load Balancing v2: ALB/NLB (query).
    case elbv2
    /// EC2: security groups, subnets, route tables, ENIs, VPCs (query, `<item>` lists).
    case ec2
    /// RDS (query).
    case rds
    /// ElastiCache (query).
    case elasticache
    /// Elastic Container Registry (JSON 1.1).
    case ecr
    /// CloudWatch Logs (JSON 1.1).
    case logs
    /// IAM, global (query).
    case iam
    /// Security Token Service (query).
    case sts
    /// Price List API, us-east-1 only (JSON 1.1).
    case pricing

    /// The first label(s) of the regional endpoint host (`ecs` in `ecs.us-east-1.amazonaws.com`).
    public var hostPrefix: String {
        switch self {
        case .ecs: return "ecs"
        case .elbv2: return "elasticloadbalancing"
        case .ec2: return "ec2"
        case .rds: return "rds"
        case .elasticache: return "elasticache"
        case .ecr: return "api.ecr"
        case .logs: return "logs"
        case .iam: return "iam"
        case .sts: return "sts"
        case .pricing: return "api.pricing"
        }
    }

    /// The SigV4 signing name.
    public var signingName: String {
        switch self {
        case .elbv2: return "elasticloadbalancing"
        default: return rawValue
        }
    }

    /// The wire protocol with its API version or JSON target prefix.
    public var wireProtocol: WireProtocol {
        switch self {
        case .ecs: return .json11(targetPrefix: "AmazonEC2ContainerServiceV20141113")
        case .ecr: return .json11(targetPrefix: "AmazonEC2ContainerRegistry_V20150921")
        case .logs: return .json11(targetPrefix: "Logs_20140328")
        case .pricing: return .json11(targetPrefix: "AWSPriceListService")
        case .elbv2: return .query(apiVersion: "2015-12-01")
        case .ec2: return .query(apiVersion: "2016-11-15")
        case .rds: return .query(apiVersion: "2014-10-31")
        case .elasticache: return .query(apiVersion: "2015-02-02")
        case .iam: return .query(apiVersion: "2010-05-08")
        case .sts: return .query(apiVersion: "2011-06-15")
        }
    }

    /// The service id as in `AWS_ENDPOINT_URL_<ID>` (upper case, spaces as `_`).
    public var endpointEnvironmentId: String {
        switch self {
        case .ecs: return "ECS"
        case .elbv2: return "ELASTIC_LOAD_BALANCING_V2"
        case .ec2: return "EC2"
        case .rds: return "RDS"
        case .elasticache: return "ELASTICACHE"
        case .ecr: return "ECR"
        case .logs: return "CLOUDWATCH_LOGS"
        case .iam: return "IAM"
        case .sts: return "STS"
        case .pricing: return "PRICING"
        }
    }

    /// Whether the service has one global endpoint (IAM), signed in `us-east-1`.
    public var isGlobal: Bool { self == .iam }

    /// The region to sign with when talking to `region`: `us-east-1` for
    /// global IAM and for the Price List API, which lives only there.
    public func signingRegion(for region: String) -> String {
        switch self {
        case .iam, .pricing: return "us-east-1"
        default: return region
        }
    }
}
