import Foundation

/// Every rule the tool knows, and lookup by id.
public enum RuleRegistry {
    /// Every registered rule: the ECS/secret rules and the platform rules.
    public static var all: [any Rule.Type] { ecsRules + platformRules }

    /// The ECS, IAM and secret rules.
    static var ecsRules: [any Rule.Type] {
        [
            ECSPlaintextSecretEnvRule.self, ECSPublicIPOnTaskRule.self, ECSTaskRoleIsExecutionRoleRule.self,
            IAMTaskRoleHasExecutionPolicyRule.self, ECSMutableImageTagRule.self, ECSWritableRootFilesystemRule.self,
            ECSSingleTaskRule.self, ECSContainerInsightsOffRule.self, ECSUnresolvedEndpointRule.self,
            ECSPlaintextTransportURLRule.self, ECSSecretUnreadableRule.self, FilePlaintextSecretRule.self,
        ]
    }

    /// The rule with identifier `id`, or `nil`.
    public static func rule(id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }

    /// Every registered rule id, sorted.
    public static var ids: [String] { all.map { $0.description.id }.sorted() }
}
