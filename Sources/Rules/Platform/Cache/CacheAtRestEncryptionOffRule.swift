import Foundation
import Inventory

/// `cache_at_rest_encryption_off`: cache data on disk (backups, swap) is not encrypted.
public struct CacheAtRestEncryptionOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "cache_at_rest_encryption_off",
        title: "Cache data is not encrypted at rest",
        severity: .medium,
        rationale: """
            Without at-rest encryption the cache's snapshots in S3 and the data it writes to disk during sync \
            and swap are stored in clear; sessions and tokens cached there leak with them. It can only be \
            chosen when the cache is created (Memcached does not offer it and is not checked).
            """,
        remediation: """
            Recreate the cache as a replication group with `--at-rest-encryption-enabled` (and \
            `--transit-encryption-enabled`): `aws elasticache create-replication-group --replication-group-id <ID> \
            --replication-group-description <TEXT> --engine redis --cache-node-type cache.t3.micro \
            --num-cache-clusters 1 \
            --at-rest-encryption-enabled --transit-encryption-enabled --security-group-ids <CACHE_SG_ID>`.
            """,
        references: ["ElastiCache.4", "prowler elasticache_redis_cluster_rest_encryption_enabled"],
        triggering: [
            RuleExample("the guide: create-cache-cluster without encryption", PlatformFixtures.guide, flagged: ["hydrous-redis"]),
        ],
        nonTriggering: [
            RuleExample("encrypted at rest", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.atRestEncryptionEnabled = true }]
            }),
            RuleExample("Memcached (no at-rest encryption to turn on)", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.engine = "memcached"; $0.port = 11211 }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per Redis/Valkey cache whose at-rest encryption is stated off.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.cacheClusters.compactMap { cache in
            guard CacheFacts.isRedisLike(cache), cache.atRestEncryptionEnabled == false else { return nil }
            return context.finding(
                cache, message: "The \(CacheFacts.engineName(cache)) cache \(cache.id) stores its data unencrypted at rest.",
                field: "atRestEncryptionEnabled"
            )
        }
    }
}
