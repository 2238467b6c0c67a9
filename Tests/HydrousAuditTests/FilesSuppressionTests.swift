import Foundation
import XCTest
@testable import HydrousAudit
import Inventory
import Rules

/// `# hydrous-audit:ignore RULE_ID reason` comments.
final class FilesSuppressionTests: XCTestCase {
    func testShellSuppressionsApplyToTheNextNonCommentLine() throws {
        let result = try FilesFixtures.shell("""
        #!/bin/bash
        # hydrous-audit:ignore rds_single_az dev database, one zone is enough
        # another comment
        aws rds create-db-instance \\
            --db-instance-identifier dev-db \\
            # hydrous-audit:ignore rds_public_access
            --publicly-accessible \\
            --engine postgres
        # hydrous-audit:ignore file_plaintext_secret,cache_auth_off throwaway
        aws elasticache create-cache-cluster --cache-cluster-id c --auth-token tok-12345678901234567
        # hydrous-audit:ignore
        # hydrous-audit:ignore logs_no_retention nothing follows
        """)
        XCTAssertEqual(result.suppressions, [
            Suppression(file: "deploy.sh", line: 4, ruleId: "rds_single_az", reason: "dev database, one zone is enough", commentLine: 2),
            Suppression(file: "deploy.sh", line: 7, ruleId: "rds_public_access", reason: nil, commentLine: 6),
            Suppression(file: "deploy.sh", line: 10, ruleId: "cache_auth_off", reason: "throwaway", commentLine: 9),
            Suppression(file: "deploy.sh", line: 10, ruleId: "file_plaintext_secret", reason: "throwaway", commentLine: 9),
        ])
        XCTAssertEqual(result.problems, [
            "deploy.sh:11: `hydrous-audit:ignore` names no rule id; write `# hydrous-audit:ignore RULE_ID reason`",
            "deploy.sh:12: `hydrous-audit:ignore` has no line after it to apply to",
        ])
        let db = try XCTUnwrap(result.inventory.dbInstances.first)
        XCTAssertEqual(db.publiclyAccessible, true, "the comment inside the command does not end it")
        XCTAssertEqual(db.location(of: "publiclyAccessible")?.line, 7)
        XCTAssertEqual(db.location()?.line, 4)
        XCTAssertTrue(result.suppressions[1].covers("rds_public_access", at: db.location(of: "publiclyAccessible")))
        XCTAssertFalse(result.suppressions[1].covers("rds_single_az", at: db.location(of: "publiclyAccessible")))
    }

    func testMarkdownCodeBlockSuppressionsUseWholeFileLines() throws {
        let result = try FilesFixtures.markdown("""
        Intro

        ```bash
        # hydrous-audit:ignore ecr_mutable_tags images are rebuilt on every tag
        aws ecr create-repository --repository-name r
        ```
        """)
        XCTAssertEqual(result.suppressions, [
            Suppression(file: "runbook.md", line: 5, ruleId: "ecr_mutable_tags", reason: "images are rebuilt on every tag", commentLine: 4),
        ])
        XCTAssertEqual(result.inventory.repositories.first?.location()?.line, 5)
    }
}

/// Applying suppressions to findings.
final class FilesSuppressionApplyTests: XCTestCase {
    func testReasonedSuppressionWaivesAndReasonlessOneIsReported() throws {
        let result = try FilesFixtures.shell("""
        # hydrous-audit:ignore rds_single_az dev only
        aws rds create-db-instance --db-instance-identifier a
        # hydrous-audit:ignore rds_deletion_protection_off
        aws rds create-db-instance --db-instance-identifier b
        # hydrous-audit:ignore ecr_mutable_tags stale
        aws rds create-db-instance --db-instance-identifier c
        """)
        func finding(_ rule: String, _ id: String, line: Int) -> Finding {
            Finding(ruleId: rule, severity: .medium, title: "t", resource: ResourceRef(type: "rds:db", id: id), message: "m",
                    remediation: "r", references: [], location: SourceLocation(file: "deploy.sh", line: line))
        }
        let findings = [
            finding("rds_single_az", "a", line: 2), finding("rds_single_az", "b", line: 4),
            finding("rds_deletion_protection_off", "b", line: 4),
        ]
        let (active, waived, notices) = result.applySuppressions(to: findings)
        XCTAssertEqual(active, [findings[1], findings[2]])
        XCTAssertEqual(waived.map(\.finding), [findings[0]])
        XCTAssertEqual(waived.first?.reason, "deploy.sh:1: hydrous-audit:ignore: dev only")
        XCTAssertEqual(notices.count, 2)
        XCTAssertTrue(notices[0].hasPrefix("deploy.sh:3: `# hydrous-audit:ignore rds_deletion_protection_off` gives no reason"))
        XCTAssertTrue(notices[1].hasPrefix("deploy.sh:5: `# hydrous-audit:ignore ecr_mutable_tags` matches no finding"))
    }
}

/// `<!-- hydrous-audit:ignore … -->` in Markdown prose.
final class FilesMarkdownProseSuppressionTests: XCTestCase {
    func testHTMLCommentAboveAProseLine() throws {
        let result = try FilesFixtures.markdown("""
        # Setup
        <!-- hydrous-audit:ignore file_plaintext_secret sample value from the docs -->
        - Contraseña: changeme-later
        <!-- a plain comment -->
        ```bash
        # hydrous-audit:ignore ecr_mutable_tags ok
        aws ecr create-repository --repository-name r
        ```
        """)
        XCTAssertEqual(result.suppressions, [
            Suppression(file: "runbook.md", line: 3, ruleId: "file_plaintext_secret", reason: "sample value from the docs", commentLine: 2),
            Suppression(file: "runbook.md", line: 7, ruleId: "ecr_mutable_tags", reason: "ok", commentLine: 6),
        ])
        XCTAssertEqual(result.problems, [])
    }
}
