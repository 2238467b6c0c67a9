import Foundation

extension RuleRegistry {
    /// The network, load balancer, database, cache, registry and log rules.
    static var platformRules: [any Rule.Type] {
        [
            // Load balancing
            ELBHTTPOnlyListenerRule.self,
            ELBOpenPortWithoutListenerRule.self,
            ELBDeletionProtectionOffRule.self,
            ELBAccessLogsOffRule.self,
            ELBInvalidHeadersNotDroppedRule.self,
            ELBWeakTLSPolicyRule.self,
            // Network
            EC2SharedSecurityGroupRule.self,
            NetUnreachableDependencyRule.self,
            EC2WorldOpenDataPortRule.self,
            EC2DefaultSecurityGroupInUseRule.self,
            // Database
            RDSStorageUnencryptedRule.self,
            RDSPublicAccessRule.self,
            RDSSingleAZRule.self,
            RDSDeletionProtectionOffRule.self,
            RDSBackupRetentionShortRule.self,
            RDSUnmanagedMasterPasswordRule.self,
            // Cache
            CacheTransitEncryptionOffRule.self,
            CacheAtRestEncryptionOffRule.self,
            CacheAuthOffRule.self,
            CacheBackupsOffRule.self,
            // Registry and logs
            ECRMutableTagsRule.self,
            ECRNoLifecyclePolicyRule.self,
            ECRScanOnPushOffRule.self,
            LogsNoRetentionRule.self,
        ]
    }
}
