import Foundation

/// The rule catalog of `docs/rules.md` (the shared catalog, plus the rules
/// this repository's `docs/rules.md` adds): every public rule id with its
/// default severity, whether or not its rule is registered in this build.
/// `rules/*.yml` may name any of these; a test keeps the list equal to the document.
public enum RuleCatalog {
    /// One catalog row.
    public struct Entry: Sendable, Equatable {
        /// The stable rule id.
        public let id: String
        /// The catalog's default severity.
        public let severity: Severity
    }

    /// Every catalog rule, in the document's order.
    public static let entries: [Entry] = ([
        ("ecs_plaintext_secret_env", .critical), ("elb_http_only_listener", .high), ("ecs_public_ip_on_task", .high),
        ("ec2_shared_security_group", .high), ("ecs_task_role_is_execution_role", .medium),
        ("iam_task_role_has_execution_policy", .medium), ("ecs_mutable_image_tag", .medium),
        ("ecs_writable_root_filesystem", .low), ("ecs_single_task", .medium), ("ecs_container_insights_off", .low),
        ("ecs_unresolved_endpoint", .high), ("ecs_plaintext_transport_url", .medium), ("ecs_secret_unreadable", .high),
        ("net_unreachable_dependency", .high), ("ec2_world_open_data_port", .critical),
        ("ec2_default_security_group_in_use", .medium), ("elb_open_port_without_listener", .low),
        ("elb_deletion_protection_off", .low), ("elb_access_logs_off", .low), ("elb_invalid_headers_not_dropped", .low),
        ("elb_weak_tls_policy", .medium), ("rds_storage_unencrypted", .high), ("rds_public_access", .critical),
        ("rds_single_az", .medium), ("rds_deletion_protection_off", .low), ("rds_backup_retention_short", .medium),
        ("rds_unmanaged_master_password", .medium), ("cache_transit_encryption_off", .high),
        ("cache_at_rest_encryption_off", .medium), ("cache_auth_off", .medium), ("cache_backups_off", .low),
        ("ecr_mutable_tags", .medium), ("ecr_no_lifecycle_policy", .low), ("ecr_scan_on_push_off", .medium),
        ("file_plaintext_secret", .critical), ("logs_no_retention", .medium),
    ] as [(String, Severity)]).map { Entry(id: $0.0, severity: $0.1) }

    /// Every catalog id.
    public static var ids: Set<String> { Set(entries.map(\.id)) }

    /// Ids a rules file may name: the catalog plus every registered rule.
    /// (Built once: rebuilding it per lookup cost ~60,000 instructions, 36 lookups a run.)
    public static let knownIds: Set<String> = ids.union(RuleRegistry.all.map { $0.description.id })

    /// The known id closest to `id` (edit distance ≤ 3), for "did you mean".
    public static func suggestion(for id: String) -> String? {
        let scored = knownIds.map { ($0, editDistance($0, id)) }.filter { $0.1 <= 3 }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
