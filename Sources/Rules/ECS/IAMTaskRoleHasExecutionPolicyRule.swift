import Foundation
import Inventory

/// `iam_task_role_has_execution_policy`: a role used as a task role has `AmazonECSTaskExecutionRolePolicy` attached.
public struct IAMTaskRoleHasExecutionPolicyRule: Rule {
    typealias F = ECSFixtures
    static let policy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "iam_task_role_has_execution_policy",
        title: "The task role carries the ECS task execution policy",
        severity: .medium,
        rationale: """
            AmazonECSTaskExecutionRolePolicy lets its holder pull any image from ECR and write to any log group. The \
            application's code does not need either; on a task role the policy only widens what a compromised \
            application can do.
            """,
        remediation: """
            Point "executionRoleArn" at a dedicated execution role, then aws iam detach-role-policy --role-name <TASK_ROLE> \
            --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy.
            """,
        references: [],
        triggering: [
            RuleExample("the guide: ecsTaskExecutionRole is the task role and holds the policy", F.guide,
                        flagged: ["ecsTaskExecutionRole"]),
            RuleExample("a separate task role that was given the policy too", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition()]
                inv.roles = [F.role(F.taskRoleArn, policies: [policy]), F.role(F.executionRoleArn, policies: [policy])]
            }, flagged: ["hydrous-task-role"]),
        ],
        nonTriggering: [
            RuleExample("the policy only on the execution role", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition()]
                inv.roles = [F.role(F.taskRoleArn), F.role(F.executionRoleArn, policies: [policy])]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per role referenced as a task role that holds the policy.
    public func check(_ context: RuleContext) -> [Finding] {
        let inventory = context.inventory
        var seen = Set<String>()
        return inventory.taskDefinitions.compactMap { definition -> Finding? in
            guard let reference = definition.taskRoleArn, let role = inventory.role(reference),
                  role.attachedPolicyArns.contains(Self.policy), seen.insert(role.arn).inserted else { return nil }
            return context.finding(
                role,
                message: "Role `\(role.name)` is the task role of `\(definition.family)` and has "
                    + "AmazonECSTaskExecutionRolePolicy attached: the application can pull any ECR image and write any log group."
            )
        }
    }
}
