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
        triggering: LoadBalancerFacts.attributeOffTriggering,
        nonTriggering: LoadBalancerFacts.attributeOffNonTriggering
    )

    /// The attribute this rule reads.
    static let attribute = "access_logs.s3.enabled"

    /// Creates the rule.
    public init() {}

    /// One finding per load balancer whose attribute is (or defaults to) false.
    public func check(_ context: RuleContext) -> [Finding] {
        LoadBalancerFacts.attributeOffFindings(context, attribute: Self.attribute, in: context.inventory.loadBalancers, saying: "access logs are off")
    }
}
