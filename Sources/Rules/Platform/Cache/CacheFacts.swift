import Foundation
import Inventory

/// Shared readings of ElastiCache facts for the `cache_*` rules.
enum CacheFacts {
    /// True for Redis OSS and Valkey (and for an engine nobody stated).
    static func isRedisLike(_ cache: CacheCluster) -> Bool {
        guard let engine = cache.engine?.lowercased() else { return true }
        return engine == "redis" || engine == "valkey"
    }

    /// "Redis", "Valkey", "Memcached" for messages.
    static func engineName(_ cache: CacheCluster) -> String {
        switch cache.engine?.lowercased() {
        case "valkey": return "Valkey"
        case "memcached": return "Memcached"
        default: return "Redis"
        }
    }
}
