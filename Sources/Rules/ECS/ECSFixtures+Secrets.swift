import Foundation
import Inventory

/// Inventories for `ecs_secret_unreadable`'s examples: a task definition
/// whose container takes values from Secrets Manager or SSM, and its
/// execution role as `GetRole` and the policy calls read it.
extension ECSFixtures {
    static let secretPrefix = "arn:aws:secretsmanager:us-east-1:882816896907:secret:"
    static let jwtSecretArn = secretPrefix + "hydrous/jwt-secret-key-Vb2nLs"
    static let dbSecretArn = secretPrefix + "rds!db-5d1e0c2a-7b4f-4e9a-9c3d-8f2b6a1e4c70-Qm3xZp"
    static let redisParameterArn = "arn:aws:ssm:us-east-1:882816896907:parameter/hydrous/redis-auth-token"
    static let trustPolicy = #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},\#
        "Action":"sts:AssumeRole"}]}
        """#

    /// A one-statement policy document.
    static func policy(
        _ actions: [String], _ resources: [String], effect: String = "Allow", condition: String? = nil
    ) -> String {
        func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        let condition = condition.map { ",\"Condition\":\($0)" } ?? ""
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"\#(effect)","Action":\#(list(actions)),"#
            + #""Resource":\#(list(resources))\#(condition)}]}"#
    }

    /// Allows `secretsmanager:GetSecretValue` on `resources`.
    static func readSecrets(_ resources: [String]) -> String { policy(["secretsmanager:GetSecretValue"], resources) }

    /// The execution role with `attached` managed policies and `inline`
    /// policies (a `nil` document: listed, but its document was not read).
    static func executionRole(attached: [String] = [executionPolicy], inline: [(String, String?)] = []) -> IAMRole {
        var role = Self.role(executionRoleArn, policies: attached)
        role.assumeRolePolicyDocument = trustPolicy
        for (name, document) in inline {
            role.inlinePolicyNames.append(name)
            role.inlinePolicies[name] = document
        }
        return role
    }

    /// One task definition whose container takes `secrets` (variable, valueFrom), with `role` as its execution role.
    static func withSecrets(
        _ secrets: [(String, String)], role: IAMRole? = executionRole(), _ edit: (inout Inventory) -> Void = { _ in }
    ) -> Inventory {
        inventory { inv in
            inv.taskDefinitions = [taskDefinition([container { c in
                c.secrets = secrets.map { ContainerSecret(name: $0.0, valueFrom: $0.1) }
            }])]
            inv.roles = [Self.role(taskRoleArn)] + (role.map { [$0] } ?? [])
            edit(&inv)
        }
    }
}
