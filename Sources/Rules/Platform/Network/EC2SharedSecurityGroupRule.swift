import Foundation
import Inventory

/// `ec2_shared_security_group`: one security group attached to resources of different tiers.
public struct EC2SharedSecurityGroupRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ec2_shared_security_group",
        title: "Security group shared across tiers",
        severity: .high,
        rationale: """
            A security group is both a firewall and an identity: any rule that admits the group admits every \
            resource wearing it. Shared between the database and the cache, opening the database to the app \
            opens the cache too (and members of a self-referencing group reach each other on every port); \
            shared between the load balancer and the tasks, the tasks inherit the internet-facing rules. \
            Each tier needs its own group, admitting only the tier in front of it.
            """,
        remediation: """
            Create one group per tier and move each resource to its own, e.g. for the cache: \
            `aws ec2 create-security-group --group-name hydrous-redis-sg --description "Redis" --vpc-id <VPC_ID>`, \
            `aws ec2 authorize-security-group-ingress --group-id <REDIS_SG_ID> --protocol tcp --port 6379 \
            --source-group <APP_SG_ID>`, \
            `aws elasticache modify-cache-cluster --cache-cluster-id <CACHE_ID> --security-group-ids <REDIS_SG_ID> \
            --apply-immediately` \
            (for RDS: `aws rds modify-db-instance --db-instance-identifier <DB_ID> --vpc-security-group-ids \
            <DB_SG_ID> --apply-immediately`).
            """,
        references: [],
        triggering: [
            RuleExample(
                "the guide: the database and the cache share one group", PlatformFixtures.guide, flagged: [PlatformFixtures.dataSG]
            ),
            RuleExample("the load balancer and the tasks share one group", PlatformFixtures.inventory { inv in
                inv.securityGroups = PlatformFixtures.guideSecurityGroups
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.services = [PlatformFixtures.service(securityGroups: [PlatformFixtures.albSG])]
            }, flagged: [PlatformFixtures.albSG]),
        ],
        nonTriggering: [
            RuleExample("one group per tier", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.services = [PlatformFixtures.service()]
                inv.dbInstances = [PlatformFixtures.db { $0.vpcSecurityGroups = ["sg-0db"] }]
                inv.cacheClusters = [PlatformFixtures.cache { $0.securityGroups = ["sg-0cache"] }]
            }),
            RuleExample("two services of the same tier share a group", PlatformFixtures.inventory { inv in
                inv.services = [PlatformFixtures.service("api"), PlatformFixtures.service("worker")]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per group used by more than one tier, naming the tiers' resources;
    /// located at the first resource's line that attaches the group.
    public func check(_ context: RuleContext) -> [Finding] {
        let attachments = SecurityGroupAttachments(context.inventory)
        return attachments.groupIds.compactMap { groupId in
            let tiers = attachments.tiers(of: groupId).sorted()
            guard tiers.count > 1 else { return nil }
            let users = attachments.attachments(of: groupId)
            let group = context.inventory.securityGroupOrStub(groupId)
            var finding = context.finding(
                group,
                message: "\(groupId) is shared by \(englishList(users.map(\.phrase))) "
                    + "(tiers: \(tiers.map(\.label).joined(separator: ", ")))."
            )
            // Point at the line that attaches the group (the line to change), else at the group.
            finding.location = users.lazy.compactMap(\.location).first ?? finding.location
            return finding
        }
    }
}
