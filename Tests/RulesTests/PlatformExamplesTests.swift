import Inventory
@testable import Rules
import XCTest

/// The platform rules' registration against the catalog: every platform id of
/// rules.md registered once, with its severity and its FSBP control first in
/// the references. (The shared `RuleExamplesTests` runs the examples.)
final class PlatformExamplesTests: XCTestCase {
    func testRuleIdsAreUniqueAndFromTheCatalog() {
        let ids = RuleRegistry.platformRules.map { $0.description.id }
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate platform rule id")
        let catalog: Set<String> = [
            "elb_http_only_listener", "ec2_shared_security_group", "net_unreachable_dependency",
            "ec2_world_open_data_port", "ec2_default_security_group_in_use", "elb_open_port_without_listener",
            "elb_deletion_protection_off", "elb_access_logs_off", "elb_invalid_headers_not_dropped",
            "elb_weak_tls_policy", "rds_storage_unencrypted", "rds_public_access", "rds_single_az",
            "rds_deletion_protection_off", "rds_backup_retention_short", "rds_unmanaged_master_password",
            "cache_transit_encryption_off", "cache_at_rest_encryption_off", "cache_auth_off", "cache_backups_off",
            "ecr_mutable_tags", "ecr_no_lifecycle_policy", "ecr_scan_on_push_off", "logs_no_retention",
        ]
        XCTAssertEqual(Set(ids), catalog)
    }

    func testSeveritiesAndReferencesMatchTheCatalog() {
        let expected: [String: (Severity, String?)] = [
            "elb_http_only_listener": (.high, "ELB.1"), "ec2_shared_security_group": (.high, nil),
            "net_unreachable_dependency": (.high, nil), "ec2_world_open_data_port": (.critical, "EC2.19"),
            "ec2_default_security_group_in_use": (.medium, "EC2.2"), "elb_open_port_without_listener": (.low, nil),
            "elb_deletion_protection_off": (.low, "ELB.6"), "elb_access_logs_off": (.low, "ELB.5"),
            "elb_invalid_headers_not_dropped": (.low, "ELB.4"), "elb_weak_tls_policy": (.medium, "ELB.17"),
            "rds_storage_unencrypted": (.high, "RDS.3"), "rds_public_access": (.critical, "RDS.2"),
            "rds_single_az": (.medium, "RDS.5"), "rds_deletion_protection_off": (.low, "RDS.8"),
            "rds_backup_retention_short": (.medium, "RDS.11"), "rds_unmanaged_master_password": (.medium, nil),
            "cache_transit_encryption_off": (.high, "ElastiCache.5"), "cache_at_rest_encryption_off": (.medium, "ElastiCache.4"),
            "cache_auth_off": (.medium, "ElastiCache.6"), "cache_backups_off": (.low, "ElastiCache.1"),
            "ecr_mutable_tags": (.medium, "ECR.2"), "ecr_no_lifecycle_policy": (.low, "ECR.3"),
            "ecr_scan_on_push_off": (.medium, "ECR.1"), "logs_no_retention": (.medium, nil),
        ]
        for rule in RuleRegistry.platformRules {
            let description = rule.description
            guard let (severity, control) = expected[description.id] else {
                XCTFail("unexpected rule \(description.id)")
                continue
            }
            XCTAssertEqual(description.severity, severity, description.id)
            if let control {
                XCTAssertEqual(description.references.first, control, description.id)
            }
        }
    }
}
