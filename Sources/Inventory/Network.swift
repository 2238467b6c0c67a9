import Foundation

/// One ingress or egress permission of a security group.
public struct IPPermission: Codable, Sendable, Equatable {
    /// `tcp`, `udp`, `icmp` or `-1` (all).
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    @Defaulted public var ipv4Ranges: [String] = []
    @Defaulted public var ipv6Ranges: [String] = []
    /// Source security group ids.
    @Defaulted public var sourceGroups: [String] = []

    /// Creates a permission.
    public init(
        ipProtocol: String, fromPort: Int?, toPort: Int?,
        ipv4Ranges: [String] = [], ipv6Ranges: [String] = [], sourceGroups: [String] = []
    ) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.ipv4Ranges = ipv4Ranges
        self.ipv6Ranges = ipv6Ranges
        self.sourceGroups = sourceGroups
    }

    /// True when the permission covers TCP `port`.
    public func covers(port: Int) -> Bool {
        if ipProtocol == "-1" || ipProtocol.lowercased() == "all" { return true }
        guard ipProtocol.lowercased() == "tcp" || ipProtocol == "6" else { return false }
        guard let from = fromPort, let to = toPort else { return true }
        return from <= port && port <= to
    }

    /// True when the whole internet (`0.0.0.0/0` or `::/0`) is admitted.
    public var isWorldOpen: Bool {
        ipv4Ranges.contains("0.0.0.0/0") || ipv6Ranges.contains("::/0")
    }
}

/// An EC2 security group.
public struct SecurityGroup: AuditedResource {
    public var id: String
    public var name: String?
    public var description: String?
    public var vpcId: String?
    @Defaulted public var ingress: [IPPermission] = []
    @Defaulted public var egress: [IPPermission] = []
    /// `false` when only a reference to the group is known (a reviewed file
    /// attaches it but never creates it): its rules are then unknown, and
    /// rules that need them stay silent. `nil` (live, snapshot) means known.
    public var rulesKnown: Bool?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a security group.
    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }

    public var ref: ResourceRef { ResourceRef(type: "ec2:security-group", id: id, name: name) }

    /// True when `sourceGroup` may reach TCP `port`.
    public func admits(sourceGroup: String, port: Int) -> Bool {
        ingress.contains { $0.covers(port: port) && $0.sourceGroups.contains(sourceGroup) }
    }
}

/// An EC2 subnet.
public struct Subnet: AuditedResource {
    public var id: String
    public var vpcId: String?
    public var availabilityZone: String?
    public var cidrBlock: String?
    public var mapPublicIpOnLaunch: Bool?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a subnet.
    public init(id: String) {
        self.id = id
    }

    public var ref: ResourceRef { ResourceRef(type: "ec2:subnet", id: id) }
}

/// A VPC.
public struct VPC: AuditedResource {
    public var id: String
    public var cidrBlock: String?
    public var isDefault: Bool?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a VPC.
    public init(id: String) {
        self.id = id
    }

    public var ref: ResourceRef { ResourceRef(type: "ec2:vpc", id: id) }
}

/// A NAT gateway (billed hourly plus per GB).
public struct NATGateway: AuditedResource {
    public var id: String
    public var subnetId: String?
    public var vpcId: String?
    public var state: String?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a NAT gateway.
    public init(id: String) {
        self.id = id
    }

    public var ref: ResourceRef { ResourceRef(type: "ec2:natgateway", id: id) }
}

/// A VPC endpoint (interface endpoints are billed per AZ-hour).
public struct VPCEndpoint: AuditedResource {
    public var id: String
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`.
    public var endpointType: String?
    public var serviceName: String?
    public var vpcId: String?
    @Defaulted public var subnetIds: [String] = []
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates an endpoint.
    public init(id: String) {
        self.id = id
    }

    public var ref: ResourceRef { ResourceRef(type: "ec2:vpc-endpoint", id: id, name: serviceName) }
}
