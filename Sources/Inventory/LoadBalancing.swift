import Foundation

/// An availability zone a load balancer sits in.
public struct AvailabilityZone: Codable, Sendable, Equatable {
    public var zoneName: String?
    public var subnetId: String?

    /// Creates a zone entry.
    public init(zoneName: String?, subnetId: String?) {
        self.zoneName = zoneName
        self.subnetId = subnetId
    }
}

/// An Elastic Load Balancing v2 load balancer with its attributes.
public struct LoadBalancer: AuditedResource {
    public var arn: String
    public var name: String
    public var dnsName: String?
    /// `internet-facing` or `internal`.
    public var scheme: String?
    /// `application`, `network`, `gateway`.
    public var type: String?
    public var vpcId: String?
    @Defaulted public var availabilityZones: [AvailabilityZone] = []
    @Defaulted public var securityGroups: [String] = []
    /// `DescribeLoadBalancerAttributes`, key to value (`deletion_protection.enabled`).
    @Defaulted public var attributes: [String: String] = [:]
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a load balancer.
    public init(arn: String, name: String) {
        self.arn = arn
        self.name = name
    }

    public var ref: ResourceRef { ResourceRef(type: "elbv2:load-balancer", id: name, arn: arn, name: name) }

    /// True unless the scheme says `internal` (AWS defaults to internet-facing).
    public var isInternetFacing: Bool { scheme != "internal" }
}

/// A redirect action's target.
public struct RedirectConfig: Codable, Sendable, Equatable {
    public var `protocol`: String?
    public var port: String?
    public var statusCode: String?

    /// Creates a redirect.
    public init(protocol: String?, port: String? = nil, statusCode: String? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.statusCode = statusCode
    }
}

/// A listener or rule action.
public struct ListenerAction: Codable, Sendable, Equatable {
    /// `forward`, `redirect`, `fixed-response`, `authenticate-*`.
    public var type: String
    public var targetGroupArn: String?
    public var redirect: RedirectConfig?

    /// Creates an action.
    public init(type: String, targetGroupArn: String? = nil, redirect: RedirectConfig? = nil) {
        self.type = type
        self.targetGroupArn = targetGroupArn
        self.redirect = redirect
    }

    /// True for a redirect to HTTPS.
    public var redirectsToHTTPS: Bool {
        type == "redirect" && (redirect?.protocol?.uppercased() == "HTTPS")
    }
}

/// A load balancer listener.
public struct Listener: AuditedResource {
    public var arn: String
    public var loadBalancerArn: String
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, ...
    public var `protocol`: String?
    public var port: Int?
    public var sslPolicy: String?
    @Defaulted public var certificateArns: [String] = []
    @Defaulted public var defaultActions: [ListenerAction] = []
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a listener.
    public init(arn: String, loadBalancerArn: String) {
        self.arn = arn
        self.loadBalancerArn = loadBalancerArn
    }

    public var ref: ResourceRef {
        let lbName = loadBalancerArn.split(separator: "/").dropFirst(2).first.map(String.init) ?? arnSuffix(loadBalancerArn)
        return ResourceRef(type: "elbv2:listener", id: "\(lbName):\(port.map(String.init) ?? "?")", arn: arn)
    }
}

/// A target group.
public struct TargetGroup: AuditedResource {
    public var arn: String
    public var name: String
    public var `protocol`: String?
    public var port: Int?
    public var vpcId: String?
    public var targetType: String?
    public var healthCheckPath: String?
    @Defaulted public var loadBalancerArns: [String] = []
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a target group.
    public init(arn: String, name: String) {
        self.arn = arn
        self.name = name
    }

    public var ref: ResourceRef { ResourceRef(type: "elbv2:target-group", id: name, arn: arn, name: name) }
}
