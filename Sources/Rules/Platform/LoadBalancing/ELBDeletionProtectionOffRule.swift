import Foundation
import Inventory

/// `elb_deletion_protection_off`: Load balancer deletion protection is off.
public struct ELBDeletionProtectionOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "elb_deletion_protection_off",
        title: "Load balancer deletion protection is off",
        severity: .low,
        rationale: """
            Without deletion protection a single mistaken `delete-load-balancer` (or a stack teardown) takes the \
            public entry point down, and the DNS name clients use is gone for good.
            """,
        remediation: """
            `aws elbv2 modify-load-balancer-attributes --load-balancer-arn <ALB_ARN> --attributes \
            Key=deletion_protection.enabled,Value=true`.
            """,
        references: ["ELB.6", "prowler elbv2_deletion_protection"],
        triggering: LoadBalancerFacts.attributeOffTriggering,
        nonTriggering: LoadBalancerFacts.attributeOffNonTriggering
    )

    /// The attribute this rule reads.
    static let attribute = "deletion_protection.enabled"

    /// Creates the rule.
    public init() {}

    /// One finding per load balancer whose attribute is (or defaults to) false.
    public func check(_ context: RuleContext) -> [Finding] {
        LoadBalancerFacts.attributeOffFindings(context, attribute: Self.attribute, in: context.inventory.loadBalancers, saying: "deletion protection is off")
    }
}
