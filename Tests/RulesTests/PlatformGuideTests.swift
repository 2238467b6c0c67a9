import Inventory
@testable import Rules
import XCTest

/// The guide's deployment: which platform rules must fire, and which must not.
final class PlatformGuideTests: XCTestCase {
    func testGuideFiresExactlyTheExpectedPlatformFindings() {
        let expected = [
            "cache_at_rest_encryption_off hydrous-redis",
            "cache_auth_off hydrous-redis",
            "cache_backups_off hydrous-redis",
            "cache_transit_encryption_off hydrous-redis",
            "ec2_shared_security_group sg-0e9c31a4a958f802d",
            "ecr_mutable_tags hydrous-backend",
            "ecr_no_lifecycle_policy hydrous-backend",
            "elb_access_logs_off hydrous-alb",
            "elb_deletion_protection_off hydrous-alb",
            "elb_http_only_listener hydrous-alb",
            "elb_invalid_headers_not_dropped hydrous-alb",
            "elb_open_port_without_listener hydrous-alb",
            "logs_no_retention /ecs/hydrous-backend",
            "net_unreachable_dependency hydrous-db",
            "net_unreachable_dependency hydrous-redis",
            "rds_deletion_protection_off hydrous-db",
            "rds_single_az hydrous-db",
            "rds_storage_unencrypted hydrous-db",
            "rds_unmanaged_master_password hydrous-db",
        ]
        XCTAssertEqual(platformFindingKeys(PlatformFixtures.guide), expected)
    }

    func testGuideKeepsTheRulesItSatisfiesSilent() {
        let keys = platformFindingKeys(PlatformFixtures.guide)
        for silent in [
            "ecr_scan_on_push_off", "rds_backup_retention_short", "rds_public_access",
            "ec2_world_open_data_port", "ec2_default_security_group_in_use", "elb_weak_tls_policy",
        ] {
            XCTAssertFalse(keys.contains { $0.hasPrefix(silent + " ") }, "\(silent) fired on the guide")
        }
    }

    func testGuideMessagesNameTheSharingAndTheUnreachablePorts() {
        let shared = runPlatformRule(EC2SharedSecurityGroupRule.self, PlatformFixtures.guide)
        XCTAssertEqual(
            shared.map(\.message),
            ["sg-0e9c31a4a958f802d is shared by the database hydrous-db and the cache hydrous-redis (tiers: database, cache)."]
        )
        let unreachable = runPlatformRule(NetUnreachableDependencyRule.self, PlatformFixtures.guide)
        XCTAssertEqual(unreachable.count, 2)
        XCTAssertTrue(unreachable.contains { $0.resource.id == "hydrous-db" && $0.message.contains("port 5432") })
        XCTAssertTrue(unreachable.contains { $0.resource.id == "hydrous-redis" && $0.message.contains("port 6379") })
        XCTAssertTrue(unreachable.allSatisfy { $0.message.contains("hydrous-backend-service") })
        let openPort = runPlatformRule(ELBOpenPortWithoutListenerRule.self, PlatformFixtures.guide)
        XCTAssertEqual(openPort.first?.message, "hydrous-alb's security groups open port 443 (sg-0656c9b30db94ff8d) but it has listeners only on 80.")
        let http = runPlatformRule(ELBHTTPOnlyListenerRule.self, PlatformFixtures.guide)
        XCTAssertEqual(
            http.first?.message,
            "hydrous-alb serves plain HTTP: listener HTTP:80 forwards traffic instead of redirecting to HTTPS, and it has no HTTPS listener."
        )
    }

    func testFindingsAreDeterministic() {
        let first = RuleRegistry.platformRules.flatMap { platformFindings($0, PlatformFixtures.guide) }
        let second = RuleRegistry.platformRules.flatMap { platformFindings($0, PlatformFixtures.guide) }
        XCTAssertEqual(first, second)
        XCTAssertEqual(Set(first.map(\.fingerprint)).count, first.count, "two findings share a fingerprint")
    }

    func testNoFindingCarriesTheGuideSecrets() {
        var inventory = PlatformFixtures.guide
        inventory.taskDefinitions[0].containers[0].environment.append(NameValue(name: "POSTGRES_PASSWORD", value: "hydrous_password"))
        let findings = RuleRegistry.platformRules.flatMap { platformFindings($0, inventory) }
        for finding in findings {
            XCTAssertFalse(finding.message.contains("hydrous_password"), finding.ruleId)
        }
    }
}
