import Inventory
import Pricing
import XCTest

/// The guide's deployment priced to the cent, against the guide's own table.
final class GuideCostTests: XCTestCase {
    func testGuideLinesToTheCent() throws {
        let lines = try Fixtures.model().estimate(Fixtures.guideInventory())
        let instance = try line(lines, "rds", "db.t3.micro instance")
        XCTAssertEqual(instance.monthly, 13.14)
        XCTAssertEqual(instance.basis, "0.018 USD/h x 730 h")
        XCTAssertEqual(instance.guideRow, "RDS PostgreSQL")
        let storage = try line(lines, "rds", "gp2 storage 20 GB")
        XCTAssertEqual(storage.monthly, 2.30)
        XCTAssertEqual(storage.basis, "20 GB x 0.115 USD/GB-month")
        XCTAssertEqual(try line(lines, "elasticache", "cache.t3.micro").monthly, 12.41)
        let vcpu = try line(lines, "fargate", "0.25 vCPU (x86_64)")
        XCTAssertEqual(vcpu.monthly, 7.39)
        XCTAssertEqual(vcpu.basis, "0.25 vCPU x 1 task x 0.04048 USD/vCPU-h x 730 h")
        XCTAssertEqual(try line(lines, "fargate", "0.5 GB memory (x86_64)").monthly, 1.62)
        XCTAssertEqual(try line(lines, "alb", "load balancer hours").monthly, 16.43)
        let lcu = try line(lines, "alb", "load balancer capacity units")
        XCTAssertEqual(lcu.monthly, 5.84)
        XCTAssertEqual(lcu.assumptions, ["ALB: 1 LCU average (default; usage file key alb.lcu)"])
        let ipv4 = lines.filter { $0.component == "public-ipv4" }
        XCTAssertEqual(ipv4.map(\.resource), ["hydrous-alb", "hydrous-backend-service"])
        XCTAssertEqual(ipv4.compactMap(\.monthly), [7.30, 3.65])
        XCTAssertTrue(ipv4.allSatisfy { $0.guideRow == nil && $0.label == "Public IPv4 addresses" })
        XCTAssertTrue(lines.allSatisfy { $0.monthly != nil }, "no unknown price in the guide's deployment")
        XCTAssertFalse(lines.contains { $0.component == "secretsmanager" }, "plain environment variables cost nothing")
    }

    func testGuideRowsAndStatusesAgainstTheGuideTable() throws {
        let model = try Fixtures.model()
        let report = model.report(for: Fixtures.guideInventory(), budget: .guideDefault)
        XCTAssertEqual(report.rows.map(\.label), [
            "RDS PostgreSQL", "ElastiCache Redis", "ECS Fargate", "Application Load Balancer", "Data transfer and others",
            "Public IPv4 addresses",
        ])
        let expected: [(String, Double, RowStatus)] = [
            ("RDS PostgreSQL", 15.44, .within), ("ElastiCache Redis", 12.41, .below), ("ECS Fargate", 9.01, .below),
            ("Application Load Balancer", 22.27, .above), ("Data transfer and others", 0, .variable),
            ("Public IPv4 addresses", 10.95, .notInGuide),
        ]
        for (label, monthly, status) in expected {
            let found = try row(report, label)
            XCTAssertEqual(found.monthly, monthly, label)
            XCTAssertEqual(found.status, status, label)
        }
        XCTAssertNil(try row(report, "Public IPv4 addresses").guideRow)
        XCTAssertEqual(try row(report, "RDS PostgreSQL").guideMin, 15)
        XCTAssertEqual(try row(report, "Application Load Balancer").guideMax, 20)
        XCTAssertEqual(report.total, 70.08)
        XCTAssertTrue(report.totalComplete)
        XCTAssertEqual(report.totalStatus, .within)
        XCTAssertEqual(report.guideTotalMin, 65)
        XCTAssertEqual(report.guideTotalMax, 100)
        XCTAssertEqual(report.hoursPerMonth, 730)
        XCTAssertEqual(report.assumptions, [
            "ALB: 1 LCU average (default; usage file key alb.lcu)",
            "Data transfer out: 0 GB per month (default; usage file key data_transfer.out_gb_per_month)",
        ])
    }

    func testUsageFileFiguresAreNamedInAssumptions() throws {
        let usage = Usage(values: [.albLCU: 2, .dataTransferOut: 150], file: "usage.yml")
        let report = try Fixtures.model(usage: usage).report(for: Fixtures.guideInventory(), budget: .guideDefault)
        let transfer = try line(report.lines, "data-transfer", "data transfer out")
        XCTAssertEqual(transfer.monthly, 4.50)
        XCTAssertEqual(transfer.basis, "50 GB beyond 100 GB free x 0.09 USD/GB")
        XCTAssertEqual(try line(report.lines, "alb", "load balancer capacity units").monthly, 11.68)
        XCTAssertTrue(report.assumptions.contains("ALB: 2 LCU average (usage.yml)"))
        XCTAssertTrue(report.assumptions.contains("Data transfer out: 150 GB per month (usage.yml)"))
        XCTAssertEqual(try row(report, "Data transfer and others").status, .variable)
    }

    func testOutputIsDeterministic() throws {
        let model = try Fixtures.model()
        var shuffled = Fixtures.hardenedInventory()
        shuffled.vpcEndpoints.reverse()
        let first = model.report(for: Fixtures.hardenedInventory(), budget: .guideDefault)
        let second = model.report(for: shuffled, budget: .guideDefault)
        XCTAssertEqual(first, second)
    }
}
