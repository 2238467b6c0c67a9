import Foundation
import Inventory

/// `ecs_plaintext_transport_url`: a connection URL reaches a data store without TLS.
public struct ECSPlaintextTransportURLRule: Rule {
    typealias F = ECSFixtures
    static let dataPorts: Set<Int> = [5432, 3306, 6379, 11211, 9200, 27017, 5672]
    static let dataHostSuffixes = [".rds.amazonaws.com", ".cache.amazonaws.com", ".es.amazonaws.com", ".docdb.amazonaws.com"]

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_plaintext_transport_url",
        title: "Connection to a data store without TLS",
        severity: .medium,
        rationale: """
            `redis://`, `memcached://`, `mysql://` without TLS, `postgres://…?sslmode=disable` or `http://` to a data \
            store send queries, results and passwords in clear text across the VPC; anyone who can capture traffic \
            (a compromised neighbour, a mirrored ENI) reads them.
            """,
        remediation: """
            Redis: create a replication group with encryption in transit (aws elasticache create-replication-group \
            --replication-group-id <ID> --engine redis --transit-encryption-enabled --auth-token … ) and connect with \
            rediss://. PostgreSQL: use sslmode=require (or verify-full with the RDS CA bundle) and enforce it with \
            aws rds modify-db-parameter-group --db-parameter-group-name <PG> --parameters \
            "ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate". MySQL: ssl-mode=REQUIRED.
            """,
        references: ["ElastiCache.5"],
        triggering: [
            RuleExample("the guide: redis:// to ElastiCache", F.guide, flagged: [F.taskDefinitionId], details: ["REDIS_URL"]),
            RuleExample("postgres with sslmode=disable, mysql, memcached, http to a data port", F.withEnvironment([
                ("DATABASE_URL", "postgresql://app@db.internal:5432/app?sslmode=disable"),
                ("LEGACY_DB", "mysql://app@mysql.internal:3306/app"),
                ("SESSIONS", "memcached://sessions.internal:11211"),
                ("SEARCH", "http://search.internal:9200"),
            ]), flagged: Array(repeating: F.taskDefinitionId, count: 4), details: ["DATABASE_URL", "LEGACY_DB", "SESSIONS", "SEARCH"]),
        ],
        nonTriggering: [
            RuleExample("TLS schemes and options", F.withEnvironment([
                ("REDIS_URL", "rediss://cache.internal:6379/0"),
                ("DATABASE_URL", "postgres://app@db.internal:5432/app?sslmode=require"),
                ("LEGACY_DB", "mysql://app@mysql.internal:3306/app?ssl-mode=REQUIRED"),
            ])),
            RuleExample("plain HTTP to a web API, and a loopback sidecar", F.withEnvironment([
                ("API_URL", "http://api.internal/v1"), ("LOCAL_REDIS", "redis://localhost:6379"),
            ])),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Why `url` is plain text to a data store, or `nil`.
    static func plaintext(_ parts: URLParts, matcher: EndpointMatcher) -> String? {
        let query = parts.query.lowercased()
        switch parts.scheme {
        case "redis": return "redis:// (no TLS; use rediss://)"
        case "memcached": return "memcached:// (no TLS)"
        case "amqp": return "amqp:// (no TLS; use amqps://)"
        case "postgres", "postgresql":
            return query.contains("sslmode=disable") || query.contains("sslmode=allow") ? "\(parts.scheme):// with TLS disabled" : nil
        case "mysql", "mariadb":
            let tls = ["ssl-mode=required", "ssl-mode=verify", "sslmode=required", "sslmode=verify", "ssl=true", "tls=true"]
            return tls.contains(where: query.contains) ? nil : "\(parts.scheme):// without ssl-mode=REQUIRED"
        case "mongodb":
            return query.contains("tls=true") || query.contains("ssl=true") ? nil : "mongodb:// without tls=true"
        case "http":
            let dataHost = dataHostSuffixes.contains(where: parts.host.hasSuffix) || matcher.isAudited(parts.host)
            let dataPort = parts.port.map(dataPorts.contains) ?? false
            return dataHost || dataPort ? "http:// to a data store" : nil
        default: return nil
        }
    }

    /// One finding per variable holding a plain-text URL to a data store.
    public func check(_ context: RuleContext) -> [Finding] {
        let matcher = EndpointMatcher(inventory: context.inventory)
        return zip(context.environment, context.environmentURLs).compactMap { entry, parts in
            guard let parts, !ECSFacts.isLoopback(parts.host),
                  let why = Self.plaintext(parts, matcher: matcher) else { return nil }
            return context.finding(
                ref: entry.ref, location: entry.location,
                message: "`\(entry.name)` in container `\(entry.containerName)` connects to `\(parts.host)` over \(why): "
                    + "data and credentials cross the network in clear text.",
                detail: entry.detail
            )
        }
    }
}
