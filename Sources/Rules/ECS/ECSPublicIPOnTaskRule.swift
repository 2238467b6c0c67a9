import Foundation
import Inventory

/// `ecs_public_ip_on_task`: a service (or a running task) gets a public IP.
public struct ECSPublicIPOnTaskRule: Rule {
    typealias F = ECSFixtures

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_public_ip_on_task",
        title: "Tasks get a public IP address",
        severity: .high,
        rationale: """
            With assignPublicIp=ENABLED every task is reachable from the internet on any port its security group opens, \
            bypassing the load balancer, and each public IPv4 address is billed (0.005 USD/h). Tasks behind a load \
            balancer need no public address: run them in private subnets with a NAT gateway or VPC endpoints for \
            ECR, S3, CloudWatch Logs and Secrets Manager.
            """,
        remediation: """
            aws ecs update-service --cluster <CLUSTER> --service <SERVICE> --network-configuration \
            "awsvpcConfiguration={subnets=[<PRIVATE_SUBNET_IDS>],securityGroups=[<SG_ID>],assignPublicIp=DISABLED}" \
            --force-new-deployment (first give the private subnets a route to ECR: a NAT gateway or the ecr.api, \
            ecr.dkr, s3, logs and secretsmanager VPC endpoints).
            """,
        references: ["ECS.2", "prowler ecs_service_no_assign_public_ip"],
        triggering: [
            RuleExample("the guide: assignPublicIp=ENABLED (its task is covered by the service)", F.guide,
                        flagged: ["hydrous-backend-service"]),
            RuleExample("a task with a public IP that no audited service explains", F.inventory { inv in
                inv.services = [F.service()]
                inv.tasks = [F.task("9f8e7d6c", group: "family:hydrous-backend-task", publicIP: "3.80.1.2")]
            }, flagged: ["9f8e7d6c"]),
        ],
        nonTriggering: [
            RuleExample("assignPublicIp=DISABLED, tasks private", F.inventory { inv in
                inv.services = [F.service()]
                inv.tasks = [F.task("0a1b2c3d")]
            }),
            RuleExample("assignPublicIp not stated (AWS default DISABLED)", F.inventory { inv in
                inv.services = [F.service { $0.networkConfiguration?.assignPublicIp = nil }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per public service, and per public task its service does not already explain.
    public func check(_ context: RuleContext) -> [Finding] {
        let inventory = context.inventory
        let publicServices = inventory.services.filter(\.assignsPublicIp)
        var findings = publicServices.map { service in
            context.finding(
                service,
                message: "Service `\(service.name)` starts its tasks with assignPublicIp=ENABLED: each task is reachable "
                    + "from the internet and pays for a public IPv4 address.",
                field: "assignPublicIp"
            )
        }
        for task in inventory.tasks {
            guard let address = task.publicIPv4, !address.isEmpty else { continue }
            let covered = publicServices.contains { $0.name == task.serviceName && $0.clusterArn == task.clusterArn }
            guard !covered else { continue }
            findings.append(context.finding(
                task, message: "Task `\(task.ref.id)` runs with public IP \(address)"
                    + (task.serviceName.map { " (service `\($0)`)" } ?? "") + "."
            ))
        }
        return findings
    }
}
