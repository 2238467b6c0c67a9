import Foundation
import Inventory

/// `ecs_task_role_is_execution_role`: `taskRoleArn` equals `executionRoleArn`.
public struct ECSTaskRoleIsExecutionRoleRule: Rule {
    typealias F = ECSFixtures

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_task_role_is_execution_role",
        title: "The task role is the execution role",
        severity: .medium,
        rationale: """
            The execution role is for the ECS agent: pull images from ECR, write logs, read the secrets it injects. The \
            task role is what the application's own code gets. Using one role for both hands the application the \
            agent's rights (every image in the registry, every secret the agent may read).
            """,
        remediation: """
            aws iam create-role --role-name <APP>-task-role --assume-role-policy-document \
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'; \
            attach only what the application calls; set "taskRoleArn" to the new role and \
            aws ecs register-task-definition --cli-input-json file://task-definition.json.
            """,
        references: ["checkov CKV_AWS_249"],
        triggering: [
            RuleExample("the guide: ecsTaskExecutionRole is both", F.guide, flagged: [F.taskDefinitionId]),
            RuleExample("same role by name and by ARN", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition { $0.taskRoleArn = "ecsTaskExecutionRole" }]
            }, flagged: [F.taskDefinitionId]),
        ],
        nonTriggering: [
            RuleExample("distinct task role", F.inventory { inv in inv.taskDefinitions = [F.taskDefinition()] }),
            RuleExample("no task role at all", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition { $0.taskRoleArn = nil }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per task definition whose two roles are the same role.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.taskDefinitions.compactMap { definition in
            guard let task = definition.taskRoleArn, let execution = definition.executionRoleArn,
                  task == execution || arnSuffix(task) == arnSuffix(execution) else { return nil }
            return context.finding(
                definition,
                message: "Task definition `\(definition.familyRevision)` uses `\(arnSuffix(task))` as both task role and "
                    + "execution role: the application gets the agent's pull, log and secret-reading rights.",
                field: "taskRoleArn"
            )
        }
    }
}
