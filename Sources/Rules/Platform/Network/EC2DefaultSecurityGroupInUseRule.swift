import Foundation
import Inventory

/// `ec2_default_security_group_in_use`: a resource uses the VPC's default security group.
public struct EC2DefaultSecurityGroupInUseRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ec2_default_security_group_in_use",
        title: "Resource uses the VPC's default security group",
        severity: .medium,
        rationale: """
            The default group admits every member of itself on every port and is what any resource launched \
            without a group lands in, so a database or task in it is reachable by unrelated resources. \
            Resources should wear purpose-made groups; the default group should have no rules (EC2.2).
            """,
        remediation: """
            Create a dedicated group and move the resource to it, e.g. \
            `aws ecs update-service --cluster <CLUSTER> --service <SERVICE> --network-configuration \
            "awsvpcConfiguration={subnets=[<SUBNETS>],securityGroups=[<NEW_SG_ID>]}"`, then empty the default group: \
            `aws ec2 revoke-security-group-ingress --group-id <DEFAULT_SG_ID> --ip-permissions \
            '[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"<DEFAULT_SG_ID>"}]}]'`.
            """,
        references: ["EC2.2", "prowler ec2_securitygroup_default_restrict_traffic"],
        triggering: [
            RuleExample("the database uses the default group", PlatformFixtures.inventory { inv in
                inv.securityGroups = [PlatformFixtures.securityGroup("sg-0default", name: "default")]
                inv.dbInstances = [PlatformFixtures.db { $0.vpcSecurityGroups = ["sg-0default"] }]
            }, flagged: ["hydrous-db"]),
            RuleExample("the service and the cache use the default group", PlatformFixtures.inventory { inv in
                inv.securityGroups = [PlatformFixtures.securityGroup("sg-0default", name: "default")]
                inv.services = [PlatformFixtures.service(securityGroups: ["sg-0default"])]
                inv.cacheClusters = [PlatformFixtures.cache { $0.securityGroups = ["sg-0default"] }]
            }, flagged: ["hydrous-backend-service", "hydrous-redis"]),
        ],
        nonTriggering: [
            RuleExample("the guide: purpose-made groups", PlatformFixtures.guide),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per (resource, default group) pair.
    public func check(_ context: RuleContext) -> [Finding] {
        let inventory = context.inventory
        let defaults = Set(inventory.securityGroups.filter { $0.name == "default" }.map(\.id))
        guard !defaults.isEmpty else { return [] }
        func flag<R: AuditedResource>(_ resource: R, _ groups: [String], _ noun: String, _ field: String = "securityGroups") -> [Finding] {
            Set(groups).intersection(defaults).sorted().map { group in
                context.finding(
                    resource,
                    message: "\(noun) \(resource.ref.id) uses the VPC's default security group \(group).",
                    detail: group,
                    field: field
                )
            }
        }
        return inventory.loadBalancers.flatMap { flag($0, $0.securityGroups, "The load balancer") }
            + inventory.services.flatMap { flag($0, $0.networkConfiguration?.securityGroups ?? [], "The service") }
            + inventory.dbInstances.flatMap { flag($0, $0.vpcSecurityGroups, "The database", "vpcSecurityGroups") }
            + inventory.cacheClusters.flatMap { flag($0, $0.securityGroups, "The cache") }
    }
}
