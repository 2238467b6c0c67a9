import Foundation
import Inventory

/// `elb_access_logs_off`: Load balancer access logs are off.
public struct ELBAccessLogsOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "elb_access_logs_off",
        title: "Load balancer access logs are off",
        severity: .low,
        rationale: """
            Access logs record every request the load balancer received (client, path, status, latency, TLS \
            details); without them there is no trail to investigate an incident or an abuse.
            """,
        remediation: """
            Create an S3 bucket whose policy lets the regional ELB account write, then `aws elbv2 \
            modify-load-balancer-attributes --load-balancer-arn <ALB_ARN> --attributes \
            Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<BUCKET>`.
            """,
        references: ["ELB.5", "prowler elbv2_logging_enabled"],
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
    static let attribute = "access_logs.s3.enabled"

    /// Creates the rule.
    public init() {}

    /// One finding per load balancer whose attribute is (or defaults to) false.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.loadBalancers.compactMap { lb in
            guard LoadBalancerFacts.flag(Self.attribute, of: lb) == false else { return nil }
            let stated = lb.attributes[Self.attribute] == nil ? " (not set: the AWS default)" : ""
            return context.finding(
                lb, message: "\(lb.name): access logs are off (`\(Self.attribute)` is false\(stated)).",
                field: "attributes.\(Self.attribute)"
            )
        }
    }
}
