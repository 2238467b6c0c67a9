import Inventory
import Pricing
import XCTest

/// The hardened variant priced line by line, with no unknowns.
final class HardenedCostTests: XCTestCase {
    func testHardenedVariantLineByLine() throws {
        let lines = try Fixtures.model().estimate(Fixtures.hardenedInventory())
        XCTAssertTrue(lines.allSatisfy { $0.monthly != nil }, lines.filter { $0.monthly == nil }.map(\.basis).joined(separator: "\n"))
        let figures = lines.map { "\($0.component) \($0.resource) \($0.item) = \($0.monthly.map { String(format: "%.2f", $0) } ?? "?")" }
        XCTAssertEqual(figures, [
            "rds hydrous-db db.t4g.micro instance (Multi-AZ) = 23.36",
            "rds hydrous-db gp3 storage 20 GB (Multi-AZ) = 4.60",
            "elasticache hydrous-redis cache.t4g.micro redis node = 11.68",
            "fargate hydrous-backend-service 0.25 vCPU (ARM64) = 11.82",
            "fargate hydrous-backend-service 0.5 GB memory (ARM64) = 2.60",
            "alb hydrous-alb load balancer hours = 16.43",
            "alb hydrous-alb load balancer capacity units = 5.84",
            "public-ipv4 hydrous-alb 2 addresses (one per AZ) = 7.30",
            "logs /ecs/hydrous-backend ingestion 0.5 GB = 0.25",
            "logs /ecs/hydrous-backend storage 2 GB = 0.06",
            "ecr hydrous-backend image storage 1 GB (2 images) = 0.10",
            "secretsmanager hydrous/jwt-g7H8i9 secret = 0.40",
            "secretsmanager hydrous/postgres-a1B2c3 secret = 0.40",
            "secretsmanager hydrous/redis-d4E5f6 secret = 0.40",
            "secretsmanager rds!db-3f1c2a9e-AbCdEf secret = 0.40",
            "secretsmanager all secrets API calls = 0.00",
            "vpc-endpoint vpce-00 interface endpoint com.amazonaws.us-east-1.ecr.api (2 AZs) = 14.60",
            "vpc-endpoint vpce-01 interface endpoint com.amazonaws.us-east-1.ecr.dkr (2 AZs) = 14.60",
            "vpc-endpoint vpce-02 interface endpoint com.amazonaws.us-east-1.logs (2 AZs) = 14.60",
            "vpc-endpoint vpce-03 interface endpoint com.amazonaws.us-east-1.secretsmanager (2 AZs) = 14.60",
            "data-transfer us-east-1 data transfer out to the internet = 0.00",
        ])
        XCTAssertEqual(try line(lines, "fargate", "0.25 vCPU").basis, "0.25 vCPU x 2 tasks x 0.03238 USD/vCPU-h x 730 h")
        XCTAssertEqual(try line(lines, "vpc-endpoint", "interface endpoint com.amazonaws.us-east-1.logs").basis, "2 AZs x 0.01 USD/AZ-h x 730 h")
    }

    func testHardenedRowsAndTotal() throws {
        let report = try Fixtures.model().report(for: Fixtures.hardenedInventory(), budget: .guideDefault)
        XCTAssertEqual(report.rows.map(\.label), [
            "RDS PostgreSQL", "ElastiCache Redis", "ECS Fargate", "Application Load Balancer", "Data transfer and others",
            "CloudWatch Logs", "ECR storage", "Public IPv4 addresses", "Secrets Manager", "VPC endpoints",
        ])
        XCTAssertEqual(try row(report, "RDS PostgreSQL").monthly, 27.96)
        XCTAssertEqual(try row(report, "RDS PostgreSQL").status, .above)
        XCTAssertEqual(try row(report, "ECS Fargate").monthly, 14.42)
        XCTAssertEqual(try row(report, "Public IPv4 addresses").monthly, 7.30)
        XCTAssertEqual(try row(report, "Secrets Manager").monthly, 1.60)
        XCTAssertEqual(try row(report, "VPC endpoints").monthly, 58.40)
        XCTAssertEqual(report.total, 144.04)
        XCTAssertEqual(report.totalStatus, .above)
        XCTAssertTrue(report.totalComplete)
        XCTAssertTrue(report.assumptions.contains(
            "CloudWatch Logs: 0.5 GB ingested per month per log group (default; usage file key logs.ingested_gb_per_month)"))
        XCTAssertTrue(report.assumptions.contains("Secrets Manager: 0 API calls per month (default; usage file key secretsmanager.api_calls_per_month)"))
    }

    func testSSMParametersAreFreeAndSecretsAreCountedOnce() throws {
        var inventory = Fixtures.hardenedInventory()
        var revision2 = inventory.taskDefinitions[0]
        revision2.revision = 2
        revision2.arn = revision2.arn.replacingOccurrences(of: ":1", with: ":2")
        inventory.taskDefinitions.append(revision2)
        let secrets = try Fixtures.model().estimate(inventory).filter { $0.component == "secretsmanager" && $0.item == "secret" }
        XCTAssertEqual(secrets.count, 4, "3 distinct task definition secrets (json-key references fold in) + the RDS-managed one")
        XCTAssertFalse(secrets.contains { $0.resource.contains("parameter") })
    }

    func testBackupLinesOnlyWhenUsageSaysSo() throws {
        let none = try Fixtures.model().estimate(Fixtures.guideInventory())
        XCTAssertFalse(none.contains { $0.item.hasPrefix("backup") })
        let usage = Usage(values: [.rdsBackup: 50], file: "usage.yml")
        let lines = try Fixtures.model(usage: usage).estimate(Fixtures.guideInventory())
        let backup = try line(lines, "rds", "backup storage")
        XCTAssertEqual(backup.monthly, 2.85)
        XCTAssertEqual(backup.basis, "30 GB x 0.095 USD/GB-month")
    }

    func testPublicIPsFromObservedTasksWinOverDesiredCount() throws {
        var inventory = Fixtures.guideInventory()
        inventory.services[0].desiredCount = 3
        for index in 0..<3 {
            var task = ECSTask(arn: "arn:aws:ecs:us-east-1:1:task/hydrous-cluster/t\(index)", clusterArn: Fixtures.clusterArn)
            task.group = "service:hydrous-backend-service"
            task.lastStatus = "RUNNING"
            task.publicIPv4 = index == 0 ? nil : "3.3.3.\(index)"
            inventory.tasks.append(task)
        }
        var standalone = ECSTask(arn: "arn:aws:ecs:us-east-1:1:task/hydrous-cluster/migrate", clusterArn: Fixtures.clusterArn)
        standalone.taskDefinitionArn = inventory.taskDefinitions[0].arn
        standalone.publicIPv4 = "3.3.3.9"
        inventory.tasks.append(standalone)
        let lines = try Fixtures.model().estimate(inventory)
        let service = lines.first { $0.component == "public-ipv4" && $0.resource == "hydrous-backend-service" }
        XCTAssertEqual(service?.item, "2 addresses (one per task)")
        XCTAssertEqual(service?.monthly, 7.30)
        XCTAssertEqual(lines.filter { $0.component == "public-ipv4" && $0.resource == "migrate" }.count, 1)
        XCTAssertEqual(lines.filter { $0.component == "fargate" && $0.resource == "migrate" }.count, 2, "a standalone task is billed too")
        XCTAssertEqual(try line(lines.filter { $0.resource == "hydrous-backend-service" }, "fargate", "0.25 vCPU").monthly, 22.16)
    }

    func testEphemeralStorageAboveTheIncludedAmount() throws {
        var inventory = Fixtures.guideInventory()
        inventory.taskDefinitions[0].ephemeralStorageGiB = 50
        let lines = try Fixtures.model().estimate(inventory)
        let storage = try line(lines, "fargate", "ephemeral storage 50 GB")
        XCTAssertEqual(storage.basis, "30 GB x 1 task x 0.000111 USD/GB-h x 730 h")
        XCTAssertEqual(storage.monthly, 2.43)
    }
}
