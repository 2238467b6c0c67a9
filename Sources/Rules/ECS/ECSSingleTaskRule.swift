import Foundation
import Inventory

/// `ecs_single_task`: a service behind a load balancer runs fewer than `min_tasks` tasks.
public struct ECSSingleTaskRule: Rule {
    typealias F = ECSFixtures

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_single_task",
        title: "Service behind a load balancer runs a single task",
        severity: .medium,
        rationale: """
            With one task, every deployment, task crash, health-check failure or Fargate host retirement is an outage, \
            and the load balancer spreading across two zones buys nothing. Two tasks in two zones keep serving.
            """,
        remediation: """
            aws ecs update-service --cluster <CLUSTER> --service <SERVICE> --desired-count 2 (subnets in two zones; \
            each extra Fargate task adds its vCPU and memory hours to the bill).
            """,
        references: [],
        triggering: [
            RuleExample("the guide: desired count 1", F.guide, flagged: ["hydrous-backend-service"]),
        ],
        nonTriggering: [
            RuleExample("two tasks", F.inventory { inv in inv.services = [F.service()] }),
            RuleExample("one task but no load balancer (a worker)", F.inventory { inv in
                inv.services = [F.service { s in
                    s.desiredCount = 1
                    s.loadBalancers = []
                }]
            }),
        ],
        parameters: ["min_tasks": .number(2)]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per load-balanced service with `desiredCount` below `min_tasks`.
    public func check(_ context: RuleContext) -> [Finding] {
        let minimum = context.settings.int("min_tasks", default: 2)
        return context.inventory.services.compactMap { service in
            guard !service.loadBalancers.isEmpty, let desired = service.desiredCount, desired < minimum else { return nil }
            return context.finding(
                service,
                message: "Service `\(service.name)` is behind a load balancer but runs \(desired) task(s) (at least \(minimum) wanted).",
                field: "desiredCount"
            )
        }
    }
}
