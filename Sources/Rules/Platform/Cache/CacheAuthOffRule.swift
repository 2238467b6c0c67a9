import Foundation
import Inventory

/// `cache_auth_off`: a Redis/Valkey cache accepts commands from anyone who reaches its port.
public struct CacheAuthOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "cache_auth_off",
        title: "Cache requires no authentication",
        severity: .medium,
        rationale: """
            With neither an AUTH token nor an RBAC user group, any host that reaches the port can read and \
            overwrite every key, flush the cache or change its configuration; the security group is the only \
            barrier. A password in a `redis://:password@` URL does nothing when the server has no AUTH.
            """,
        remediation: """
            AUTH needs in-transit encryption: on a TLS replication group run \
            `aws elasticache modify-replication-group --replication-group-id <ID> --auth-token \
            <TOKEN_FROM_SECRETS_MANAGER> \
            --auth-token-update-strategy ROTATE --apply-immediately`, or attach an RBAC user group with \
            `--user-group-ids-to-add <USER_GROUP_ID>`.
            """,
        references: ["ElastiCache.6", "prowler elasticache_redis_cluster_auth_enabled"],
        triggering: [
            RuleExample("the guide: no AUTH token, no user group", PlatformFixtures.guide, flagged: ["hydrous-redis"]),
        ],
        nonTriggering: [
            RuleExample("AUTH token set", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.transitEncryptionEnabled = true; $0.authTokenEnabled = true }]
            }),
            RuleExample("RBAC user group attached", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.transitEncryptionEnabled = true; $0.userGroupIds = ["hydrous-users"] }]
            }),
            RuleExample("Memcached", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.engine = "memcached"; $0.port = 11211 }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per Redis/Valkey cache with AUTH stated off and no RBAC user group.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.cacheClusters.compactMap { cache in
            guard CacheFacts.isRedisLike(cache), cache.authTokenEnabled == false, cache.userGroupIds.isEmpty else { return nil }
            return context.finding(
                cache, message: "The \(CacheFacts.engineName(cache)) cache \(cache.id) has no AUTH token and no RBAC user group.",
                field: "authTokenEnabled"
            )
        }
    }
}
