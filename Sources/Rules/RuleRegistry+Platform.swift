import Foundation

extension RuleRegistry {
    /// The network, load balancer, database, cache, registry and log rules.
    static var platformRules: [any Rule.Type] {
        [
            ELBHTTPOnlyListenerRule.self,
            ELBOpenPortWithoutListenerRule.self,
            ELBDeletionProtectionOffRule.self,
            ELBAccessLogsOffRule.self,
            ELBInvalidHeadersNotDroppedRule.self,
            ELBWeakTLSPolicyRule.self,
        ]
    }
}
