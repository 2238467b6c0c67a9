import Foundation
import Inventory

/// `cache_backups_off`: a Redis/Valkey cache keeps no automatic snapshots.
public struct CacheBackupsOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "cache_backups_off",
        title: "Cache has no automatic backups",
        severity: .low,
        rationale: """
            With a snapshot retention of 0 a node failure or a mistaken FLUSHALL loses everything the cache held; \
            rate-limit counters and sessions restart from nothing. Daily snapshots cost little (Memcached has \
            none and is not checked).
            """,
        remediation: """
            `aws elasticache modify-cache-cluster --cache-cluster-id <CACHE_ID> --snapshot-retention-limit 7 \
            --snapshot-window 03:00-04:00 --apply-immediately` (for a replication group, `modify-replication-group`).
            """,
        references: ["ElastiCache.1", "prowler elasticache_redis_cluster_backup_enabled"],
        triggering: [
            RuleExample("the guide: retention 0 (the default)", PlatformFixtures.guide, flagged: ["hydrous-redis"]),
            RuleExample("retention not reported by a live read", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.snapshotRetentionLimit = nil }]
            }, flagged: ["hydrous-redis"]),
        ],
        nonTriggering: [
            RuleExample("7 days of snapshots", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.snapshotRetentionLimit = 7 }]
            }),
            RuleExample("not stated in a file: unknown", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache {
                    $0.snapshotRetentionLimit = nil
                    $0.locations = PlatformFixtures.fileLocation(100)
                }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per Redis/Valkey cache with retention 0, or with no
    /// retention reported by AWS (`nil` on a resource not read from a file).
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.cacheClusters.compactMap { cache in
            guard CacheFacts.isRedisLike(cache) else { return nil }
            let fromFile = cache.locations[LocationKey.resource] != nil
            switch cache.snapshotRetentionLimit {
            case .some(let days) where days <= 0: break
            case .none where !fromFile: break
            default: return nil
            }
            return context.finding(
                cache, message: "The \(CacheFacts.engineName(cache)) cache \(cache.id) keeps no automatic snapshots (retention 0 days).",
                field: "snapshotRetentionLimit"
            )
        }
    }
}
