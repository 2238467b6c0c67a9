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
    /// The listener's rules other than the default one (which mirrors
    /// `defaultActions`); read for HTTP listeners only (see `ELBv2Collector`).
    @Defaulted public var rules: [ListenerRule] = []
    @Defaulted public var tags: Tags = [:]
    /// Field locations; a rule from a reviewed file is at `rules.<priority>`.
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

/// A listener rule: requests that match all its conditions get its actions
/// instead of the listener's default actions.
public struct ListenerRule: Codable, Sendable, Equatable {
    public var arn: String
    /// `default` or the rule's priority number (`10`), as AWS writes it.
    public var priority: String
    /// One summary per condition, for messages: `path-pattern /api/*`,
    /// `host-header api.example.com` (see `conditionSummary`).
    @Defaulted public var conditions: [String] = []
    @Defaulted public var actions: [ListenerAction] = []

    /// Creates a rule.
    public init(arn: String, priority: String, conditions: [String] = [], actions: [ListenerAction] = []) {
        self.arn = arn
        self.priority = priority
        self.conditions = conditions
        self.actions = actions
    }

    /// Rules in evaluation order: by priority number (`default` last), then ARN.
    public static func evaluationOrder(_ lhs: ListenerRule, _ rhs: ListenerRule) -> Bool {
        (Int(lhs.priority) ?? Int.max, lhs.arn) < (Int(rhs.priority) ?? Int.max, rhs.arn)
    }

    /// The member of a rule condition that holds the typed values of `field`
    /// (`PathPatternConfig` for `path-pattern`), as the API and the CLI name it.
    public static func configMember(forField field: String) -> String? {
        [
            "host-header": "HostHeaderConfig", "path-pattern": "PathPatternConfig", "http-header": "HttpHeaderConfig",
            "query-string": "QueryStringConfig", "http-request-method": "HttpRequestMethodConfig", "source-ip": "SourceIpConfig",
        ][field.lowercased()]
    }

    /// A condition as a message shows it: the field, then its values joined
    /// with `or` (`path-pattern /api/* or /v2/*`). An `http-header` condition
    /// shows only the header's name and a `query-string` one only its keys:
    /// their values are often a shared secret (a CloudFront origin-verify
    /// header, an API key), which must never reach a report or a snapshot.
    public static func conditionSummary(
        field: String, values: [String] = [], headerName: String? = nil, queryKeys: [String?] = []
    ) -> String {
        let shown: [String]
        switch field {
        case "http-header": shown = [headerName ?? "(unnamed header)"]
        case "query-string":
            let keys = queryKeys.map { $0 ?? "(any key)" }
            shown = keys.isEmpty ? ["(values not shown)"] : keys
        default: shown = values
        }
        let text = shown.joined(separator: " or ")
        return text.isEmpty ? field : "\(field) \(text)"
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
