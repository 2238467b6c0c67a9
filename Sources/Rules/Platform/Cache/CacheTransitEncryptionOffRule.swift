import Foundation
import Inventory

/// `cache_transit_encryption_off`: clients talk to the cache in clear text.
public struct CacheTransitEncryptionOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "cache_transit_encryption_off",
        title: "Cache traffic is not encrypted in transit",
        severity: .high,
        rationale: """
            Without in-transit encryption every command, cached value, session and the AUTH token itself cross \
            the network in clear text, readable by anything that can observe the VPC traffic. AUTH tokens can \
            only be set when TLS is on.
            """,
        remediation: """
            Create the cache as a replication group with TLS (a single-node cluster cannot be switched in place): \
            `aws elasticache create-replication-group --replication-group-id <ID> --replication-group-description \
            <TEXT> \
            --engine redis --cache-node-type cache.t3.micro --num-cache-clusters 1 --transit-encryption-enabled \
            --at-rest-encryption-enabled --auth-token <TOKEN_FROM_SECRETS_MANAGER> --security-group-ids \
            <CACHE_SG_ID>`, \
            then use `rediss://` in the client.
            """,
        references: ["ElastiCache.5", "prowler elasticache_redis_cluster_in_transit_encryption_enabled"],
        triggering: [
            RuleExample("the guide: create-cache-cluster without TLS", PlatformFixtures.guide, flagged: ["hydrous-redis"]),
        ],
        nonTriggering: [
            RuleExample("TLS on", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache { $0.transitEncryptionEnabled = true }]
            }),
            RuleExample("not stated in a file: unknown", PlatformFixtures.inventory { inv in
                inv.cacheClusters = [PlatformFixtures.cache {
                    $0.transitEncryptionEnabled = nil
                    $0.locations = PlatformFixtures.fileLocation(100)
                }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per cache whose transit encryption is stated off.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.cacheClusters.compactMap { cache in
            guard cache.transitEncryptionEnabled == false else { return nil }
            return context.finding(
                cache,
                message: "The \(CacheFacts.engineName(cache)) cache \(cache.id) accepts plain-text connections "
                    + "(in-transit encryption is off).",
                field: "transitEncryptionEnabled"
            )
        }
    }
}
