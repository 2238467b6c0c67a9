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
        triggering: LoadBalancerFacts.attributeOffTriggering,
        nonTriggering: LoadBalancerFacts.attributeOffNonTriggering
    )

    /// The attribute this rule reads.
    static let attribute = "routing.http.drop_invalid_header_fields.enabled"

    /// Creates the rule.
    public init() {}

    /// One finding per load balancer whose attribute is (or defaults to) false.
    public func check(_ context: RuleContext) -> [Finding] {
        LoadBalancerFacts.attributeOffFindings(
            context, attribute: Self.attribute,
            in: context.inventory.loadBalancers.filter { LoadBalancerFacts.isApplication($0) },
            saying: "invalid header fields are forwarded to the targets"
        )
    }
}
