import Foundation
import Inventory

/// `ecs_writable_root_filesystem`: a container's `readonlyRootFilesystem` is not true.
public struct ECSWritableRootFilesystemRule: Rule {
    typealias F = ECSFixtures

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_writable_root_filesystem",
        title: "Container root filesystem is writable",
        severity: .low,
        rationale: """
            A writable root lets an attacker who gets code execution drop tools or change the application's files for \
            the life of the task. Most web applications only need a writable /tmp.
            """,
        remediation: """
            Set "readonlyRootFilesystem": true in the container definition (add a volume and mountPoint for /tmp or \
            other paths the app writes), then aws ecs register-task-definition --cli-input-json file://task-definition.json \
            and aws ecs update-service --cluster <CLUSTER> --service <SERVICE> --task-definition <FAMILY>.
            """,
        references: ["ECS.5", "prowler ecs_task_definitions_containers_readonly_access"],
        triggering: [
            RuleExample("the guide: not stated (defaults to writable)", F.guide, flagged: [F.taskDefinitionId],
                        details: ["hydrous-backend"]),
            RuleExample("explicitly false on one of two containers", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition([F.container(), F.container("sidecar") { $0.readonlyRootFilesystem = false }])]
            }, flagged: [F.taskDefinitionId], details: ["sidecar"]),
        ],
        nonTriggering: [
            RuleExample("read-only root", F.inventory { inv in inv.taskDefinitions = [F.taskDefinition()] }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per container without a read-only root.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.taskDefinitions.flatMap { definition in
            definition.containers.compactMap { container -> Finding? in
                guard container.readonlyRootFilesystem != true else { return nil }
                let state = container.readonlyRootFilesystem == nil ? "not set (writable by default)" : "false"
                return context.finding(
                    definition, message: "Container `\(container.name)`: readonlyRootFilesystem is \(state).",
                    detail: container.name, field: LocationKey.container(container.name, "readonlyRootFilesystem")
                )
            }
        }
    }
}
