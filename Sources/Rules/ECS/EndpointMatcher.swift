import Foundation
import Inventory

/// Matches hosts named in environment values against the audited RDS and
/// ElastiCache endpoints (for `ecs_unresolved_endpoint` and `ecs_plaintext_transport_url`).
struct EndpointMatcher {
    let inventory: Inventory

    static let rdsSuffix = ".rds.amazonaws.com"
    static let cacheSuffix = ".cache.amazonaws.com"

    /// True when `host` is an endpoint of an audited database or cache.
    func isAudited(_ host: String) -> Bool {
        let host = host.lowercased()
        return inventory.dbInstances.contains { $0.endpoint?.address.lowercased() == host }
            || inventory.cacheClusters.contains { cache in cache.endpoints.contains { $0.address.lowercased() == host } }
    }

    /// Why `host` cannot be right, and what it should probably be; `nil` when it looks fine.
    func problem(with host: String, placeholders: [String]) -> String? {
        let lower = host.lowercased()
        let marker = placeholders.first { lower.contains($0.lowercased()) }
            ?? (lower.contains("<") || lower.contains(">") ? "<…>" : nil)
        if lower.hasSuffix(Self.rdsSuffix) {
            if let marker { return "is a placeholder (`\(marker)`)" + suggestion(rds: lower) }
            let known = inventory.dbInstances.compactMap { $0.endpoint?.address }
            if !known.isEmpty, !isAudited(lower) { return "is not the endpoint of any audited RDS instance" + suggestion(rds: lower) }
            return nil
        }
        if lower.hasSuffix(Self.cacheSuffix) {
            if let marker { return "is a placeholder (`\(marker)`)" + suggestion(cache: lower) }
            let known = inventory.cacheClusters.flatMap { $0.endpoints }
            if !known.isEmpty, !isAudited(lower) { return "is not an endpoint of any audited cache" + suggestion(cache: lower) }
            return nil
        }
        return marker.map { "is a placeholder (`\($0)`)" }
    }

    /// "; it should probably be …" for the DB whose identifier is the host's first label.
    func suggestion(rds host: String) -> String {
        let label = host.split(separator: ".").first.map(String.init) ?? host
        guard let db = inventory.dbInstances.first(where: { $0.identifier.lowercased() == label }) else {
            return inventory.dbInstances.isEmpty ? "" : "; audited instances: "
                + inventory.dbInstances.map(\.identifier).sorted().joined(separator: ", ")
        }
        if let address = db.endpoint?.address { return "; it should probably be `\(address)` (RDS instance \(db.identifier))" }
        return "; use the endpoint of RDS instance \(db.identifier): aws rds describe-db-instances --db-instance-identifier "
            + "\(db.identifier) --query 'DBInstances[0].Endpoint.Address' --output text"
    }

    /// "; it should probably be …" for the cache whose id (or replication group) a label of the host names.
    func suggestion(cache host: String) -> String {
        let labels = host.split(separator: ".").map(String.init)
        let match = inventory.cacheClusters.first { cache in
            let ids = [cache.id, cache.replicationGroupId].compactMap { $0?.lowercased() }
            return labels.contains { label in ids.contains { label == $0 || label.hasPrefix($0 + "-") || $0.hasPrefix(label + "-") } }
        }
        guard let cache = match else {
            return inventory.cacheClusters.isEmpty ? "" : "; audited caches: "
                + inventory.cacheClusters.map(\.id).sorted().joined(separator: ", ")
        }
        if let address = cache.endpoints.first?.address { return "; it should probably be `\(address)` (cache \(cache.id))" }
        return "; use the endpoint of cache \(cache.id): aws elasticache describe-cache-clusters --cache-cluster-id "
            + "\(cache.id) --show-cache-node-info --query 'CacheClusters[0].CacheNodes[0].Endpoint.Address' --output text"
    }
}

/// `EndpointMatcher.problem(with:placeholders:)` remembered per host for one
/// run of a rule: the same hosts recur in every task definition (2,000 times
/// in a 1,000-service snapshot). Only ASCII hosts are remembered, so two
/// hosts share an answer only when their bytes are equal.
struct EndpointProblems {
    let matcher: EndpointMatcher
    let placeholders: [String]
    private var known: [String: String?] = [:]

    init(matcher: EndpointMatcher, placeholders: [String]) {
        self.matcher = matcher
        self.placeholders = placeholders
    }

    /// The matcher's answer for `host`.
    mutating func problem(with host: String) -> String? {
        guard host.utf8.allSatisfy({ $0 < 0x80 }) else { return matcher.problem(with: host, placeholders: placeholders) }
        if let answer = known[host] { return answer }
        let answer = matcher.problem(with: host, placeholders: placeholders)
        known[host] = answer
        return answer
    }
}
