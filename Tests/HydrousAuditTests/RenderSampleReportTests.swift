import Foundation
import HydrousAudit
import Inventory
import Pricing
import Rules
import XCTest

/// Reports built in Swift for the renderer and diff tests.
enum RenderSample {
    /// A secret value that must never appear in any rendering.
    static let secretValue = "hydrous_password_9f3Kq"
    /// A second secret (a token in a reviewed file).
    static let tokenValue = "ghp_Zx81LmQpTr55aa"

    static let taskDefinition = ResourceRef(
        type: "ecs:task-definition", id: "hydrous-backend-task:1",
        arn: "arn:aws:ecs:us-east-1:123456789012:task-definition/hydrous-backend-task:1", name: "hydrous-backend-task"
    )
    static let service = ResourceRef(
        type: "ecs:service", id: "hydrous-backend-service",
        arn: "arn:aws:ecs:us-east-1:123456789012:service/hydrous-cluster/hydrous-backend-service"
    )
    static let logGroup = ResourceRef(type: "logs:log-group", id: "/ecs/hydrous-backend")
    static let database = ResourceRef(type: "rds:db-instance", id: "hydrous-db")
    static let guideFile = "docs/aws deployment guide.md"

    static func secretFinding() -> Finding {
        Finding(
            ruleId: "ecs_plaintext_secret_env", severity: .critical, title: "Secret in a plain-text environment variable",
            resource: taskDefinition, message: "Container hydrous-backend sets POSTGRES_PASSWORD in clear text.",
            detail: "hydrous-backend/POSTGRES_PASSWORD",
            evidence: SecretEvidence(variable: "POSTGRES_PASSWORD", value: secretValue),
            remediation: "aws secretsmanager create-secret --name hydrous/postgres-password --secret-string file://password.txt",
            references: ["ECS.8", "CKV_AWS_ECS_SECRETS"]
        )
    }

    static func fileSecretFinding() -> Finding {
        Finding(
            ruleId: "file_plaintext_secret", severity: .high, title: "Secret written in a reviewed file",
            resource: ResourceRef(type: "file:value", id: guideFile), message: "A token is written in the file.",
            detail: "GITHUB_TOKEN", evidence: SecretEvidence(variable: "GITHUB_TOKEN", value: tokenValue),
            remediation: "Move the value to Secrets Manager and reference it.", references: [],
            location: SourceLocation(file: guideFile, line: 181)
        )
    }

    static func publicIPFinding() -> Finding {
        var finding = Finding(
            ruleId: "ecs_public_ip_on_task", severity: .high, title: "Tasks get public IP addresses",
            resource: service, message: "assignPublicIp is ENABLED: each task has a public IPv4 address.",
            remediation: "aws ecs update-service --cluster hydrous-cluster --service hydrous-backend-service "
                + "--network-configuration 'awsvpcConfiguration={subnets=[subnet-1],assignPublicIp=DISABLED}'",
            references: ["ECS.2"]
        )
        finding.monthlyCostDelta = -3.65
        return finding
    }

    static func retentionFinding() -> Finding {
        Finding(
            ruleId: "logs_no_retention", severity: .medium, title: "Log group keeps logs forever",
            resource: logGroup, message: "Retention is | never expire | (no policy).\nLogs grow without bound.",
            remediation: "aws logs put-retention-policy --log-group-name /ecs/hydrous-backend --retention-in-days 30",
            references: ["CloudWatch.16"]
        )
    }

    static func backupFinding() -> Finding {
        Finding(
            ruleId: "rds_backup_short", severity: .low, title: "Backups kept one day",
            resource: database, message: "Backup retention is 1 day.",
            remediation: "Raise the backup retention period to 7 days.", references: []
        )
    }

    /// `value` rounded to cents, as the pricing module hands amounts over.
    static func cents(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }

    static func costLines(publicIPs: Int = 3) -> [CostLine] {
        [
            CostLine(component: "rds", resource: "hydrous-db", item: "db.t3.micro instance", monthly: 13.14,
                     guideRow: "RDS PostgreSQL", label: "RDS PostgreSQL", basis: "0.018 USD/h x 730 h"),
            CostLine(component: "rds", resource: "hydrous-db", item: "gp2 storage 20 GB", monthly: 2.3,
                     guideRow: "RDS PostgreSQL", label: "RDS PostgreSQL", basis: "0.115 USD/GB-month x 20 GB"),
            CostLine(component: "elasticache", resource: "hydrous-redis", item: "cache.t3.micro node", monthly: 12.41,
                     guideRow: "ElastiCache Redis", label: "ElastiCache Redis", basis: "0.017 USD/h x 730 h"),
            CostLine(component: "public-ipv4", resource: "hydrous-backend-service", item: "\(publicIPs) public IPv4 addresses",
                     monthly: cents(Double(publicIPs) * 3.65), guideRow: nil, label: "Public IPv4 addresses",
                     basis: "0.005 USD/h x 730 h x \(publicIPs)"),
            CostLine(component: "data-transfer", resource: "region", item: "data out | internet", monthly: nil,
                     guideRow: "Data transfer and others", label: "Data transfer and others", basis: "price unknown"),
        ]
    }

    static func cost(publicIPs: Int = 3) -> CostReport {
        var cost = CostReport()
        cost.lines = costLines(publicIPs: publicIPs)
        let ipv4 = cents(Double(publicIPs) * 3.65)
        cost.rows = [
            CostRow(guideRow: "RDS PostgreSQL", label: "RDS PostgreSQL", monthly: 15.44, guideMin: 15, guideMax: 25, status: .within),
            CostRow(guideRow: "ElastiCache Redis", label: "ElastiCache Redis", monthly: 12.41, guideMin: 15, guideMax: 25, status: .below),
            CostRow(guideRow: "Data transfer and others", label: "Data transfer and others", monthly: 0,
                    guideMin: nil, guideMax: nil, status: .unknown),
            CostRow(guideRow: nil, label: "Public IPv4 addresses", monthly: ipv4, guideMin: nil, guideMax: nil, status: .notInGuide),
        ]
        cost.total = cents(15.44 + 12.41 + ipv4)
        cost.totalComplete = false
        cost.guideTotalMin = 65
        cost.guideTotalMax = 100
        cost.totalStatus = .below
        cost.assumptions = ["ALB: 1 LCU average (default; usage file key alb.lcu)", "Logs: 5 GB ingested per month (default)"]
        cost.savings = [Saving(resource: "hydrous-db", change: "db.t3.micro → db.t4g.micro", monthlyDelta: -1.46,
                               basis: "(0.016 - 0.018) USD/h x 730 h")]
        cost.totalAfterFixes = cents(cost.total - 3.65)
        return cost
    }

    /// The full sample: every kind of finding, cost row and coverage entry.
    static func report() -> Report {
        var report = Report(
            source: SourceInfo(kind: .snapshot, region: "us-east-1", account: "123456789012",
                               scope: Scope(tags: ["Project=HydrousBackend"]), files: ["examples/guide/snapshot.json"]),
            coverage: [
                CoverageEntry(service: "ecs", operation: "DescribeServices", status: .ok, detail: "3 calls"),
                CoverageEntry(service: "ec2", operation: "DescribeSecurityGroups", status: .ok),
                CoverageEntry(service: "rds", operation: "DescribeDBInstances", status: .denied,
                              detail: "AccessDenied: not authorized | ask for rds:Describe*"),
            ],
            findings: [backupFinding(), retentionFinding(), fileSecretFinding(), publicIPFinding(), secretFinding()],
            cost: cost()
        )
        report.waived = [WaivedFinding(
            finding: Finding(ruleId: "ecr_tag_mutable", severity: .medium, title: "Image tags are mutable",
                             resource: ResourceRef(type: "ecr:repository", id: "hydrous-backend"),
                             message: "Tags can be overwritten.", remediation: "aws ecr put-image-tag-mutability",
                             references: []),
            reason: "release pipeline pushes immutable digests", expires: "2031-01-31"
        )]
        report.notices = ["Waiver for rds_single_az expired on 2024-01-01."]
        return report
    }

    /// The sample with every list reversed (same content, other build order).
    static func shuffled(_ report: Report) -> Report {
        var copy = report
        copy.findings.reverse()
        copy.coverage.reverse()
        copy.cost.lines.reverse()
        copy.cost.rows.reverse()
        copy.cost.assumptions.reverse()
        return copy
    }
}

final class RenderSampleReportTests: XCTestCase {
    func testSampleCoversTheCasesTheRendererTestsNeed() {
        let report = RenderSample.report()
        XCTAssertTrue(report.findings.contains { $0.evidence != nil && $0.location != nil })
        XCTAssertTrue(report.findings.contains { $0.evidence == nil && $0.location == nil })
        XCTAssertTrue(report.cost.rows.contains { $0.status == .notInGuide && $0.guideRow == nil })
        XCTAssertTrue(report.cost.rows.contains { $0.status == .unknown })
        XCTAssertFalse(report.complete)
        XCTAssertEqual(report.summary.critical, 1)
        XCTAssertEqual(report.summary.high, 2)
    }
}
