import Foundation
import Inventory

/// `elb_invalid_headers_not_dropped`: Load balancer passes invalid HTTP headers on.
public struct ELBInvalidHeadersNotDroppedRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "elb_invalid_headers_not_dropped",
        title: "Load balancer passes invalid HTTP headers on",
        severity: .low,
        rationale: """
            An application load balancer that forwards header fields that are not valid HTTP lets crafted requests \
            reach the targets, the raw material of HTTP desync (request smuggling) attacks.
            """,
        remediation: """
            `aws elbv2 modify-load-balancer-attributes --load-balancer-arn <ALB_ARN> --attributes \
            Key=routing.http.drop_invalid_header_fields.enabled,Value=true`.
            """,
        references: ["ELB.4", "prowler elbv2_desync_mitigation_mode"],
        triggering: [
            RuleExample("the guide: attribute left at the AWS default", PlatformFixtures.guide, flagged: ["hydrous-alb"]),
            RuleExample("attribute absent from a live read (AWS default false)", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer { $0.attributes = ["idle_timeout.timeout_seconds": "60"] }]
            }, flagged: ["hydrous-alb"]),
        ],
        nonTriggering: [
            RuleExample("attribute set to true", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer { $0.attributes = PlatformFixtures.hardenedAttributes }]
            }),
            RuleExample("read from a file that states no attributes: unknown", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer {
                    $0.attributes = [:]
                    $0.locations = PlatformFixtures.fileLocation(228)
                }]
            }),
        ]
    )

    /// The attribute this rule reads.
    static let attribute = "routing.http.drop_invalid_header_fields.enabled"

    /// Creates the rule.
    public init() {}

    /// One finding per load balancer whose attribute is (or defaults to) false.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.loadBalancers.filter { LoadBalancerFacts.isApplication($0) }.compactMap { lb in
            guard LoadBalancerFacts.flag(Self.attribute, of: lb) == false else { return nil }
            let stated = lb.attributes[Self.attribute] == nil ? " (not set: the AWS default)" : ""
            return context.finding(
                lb, message: "\(lb.name): invalid header fields are forwarded to the targets (`\(Self.attribute)` is false\(stated)).",
                field: "attributes.\(Self.attribute)"
            )
        }
    }
}
