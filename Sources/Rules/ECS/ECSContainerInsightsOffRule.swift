import Foundation
import Inventory

/// `ecs_container_insights_off`: the cluster has Container Insights disabled.
public struct ECSContainerInsightsOffRule: Rule {
    typealias F = ECSFixtures

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_container_insights_off",
        title: "Container Insights is off for the cluster",
        severity: .low,
        rationale: """
            Without Container Insights there are no per-task CPU, memory, network or restart metrics: a task that is \
            slowly running out of memory or restarting in a loop goes unseen until users notice.
            """,
        remediation: """
            aws ecs update-cluster-settings --cluster <CLUSTER> --settings name=containerInsights,value=enabled \
            (CloudWatch bills the extra metrics and performance log events).
            """,
        references: ["ECS.12", "prowler ecs_cluster_container_insights_enabled"],
        triggering: [
            RuleExample("the guide: create-cluster without settings", F.guide, flagged: ["hydrous-cluster"]),
            RuleExample("explicitly disabled", F.inventory { $0.clusters = [F.cluster(insights: "disabled")] },
                        flagged: ["hydrous-cluster"]),
        ],
        nonTriggering: [
            RuleExample("enabled", F.inventory { $0.clusters = [F.cluster()] }),
            RuleExample("enhanced", F.inventory { $0.clusters = [F.cluster(insights: "enhanced")] }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per cluster whose setting is not `enabled` or `enhanced`.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.clusters.compactMap { cluster in
            let setting = cluster.containerInsights?.lowercased()
            guard setting != "enabled", setting != "enhanced" else { return nil }
            return context.finding(
                cluster, message: "Cluster `\(cluster.name)`: containerInsights is \(setting ?? "not set (disabled)").",
                field: "containerInsights"
            )
        }
    }
}
