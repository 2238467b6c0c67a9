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
    static let attribute = "deletion_protection.enabled"

    /// Creates the rule.
    public init() {}

    /// One finding per load balancer whose attribute is (or defaults to) false.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.loadBalancers.compactMap { lb in
            guard LoadBalancerFacts.flag(Self.attribute, of: lb) == false else { return nil }
            let stated = lb.attributes[Self.attribute] == nil ? " (not set: the AWS default)" : ""
            return context.finding(
                lb, message: "\(lb.name): deletion protection is off (`\(Self.attribute)` is false\(stated)).",
                field: "attributes.\(Self.attribute)"
            )
        }
    }
}
