import Inventory
import Pricing
import XCTest

/// A price the table lacks is unknown, never 0.
final class UnknownPriceTests: XCTestCase {
    func testMissingClassIsUnknownNotZero() throws {
        var inventory = Fixtures.guideInventory()
        inventory.dbInstances[0].instanceClass = "db.r6i.32xlarge"
        let report = try Fixtures.model().report(for: inventory, budget: .guideDefault)
        let instance = try line(report.lines, "rds", "db.r6i.32xlarge instance")
        XCTAssertNil(instance.monthly)
        XCTAssertTrue(instance.basis.hasPrefix("unknown: no price 'rds:postgres:db.r6i.32xlarge:single-az'"), instance.basis)
        XCTAssertFalse(report.totalComplete)
        XCTAssertEqual(report.totalStatus, .unknown)
        let rds = try row(report, "RDS PostgreSQL")
        XCTAssertEqual(rds.status, .unknown)
        XCTAssertEqual(rds.monthly, 2.30, "the row still sums what is known")
        XCTAssertEqual(report.total, 56.94)
    }

    func testPriceRemovedFromTableIsUnknown() throws {
        var prices = try Fixtures.prices()
        prices.prices.removeValue(forKey: "alb:lcu")
        let report = compare(lines: CostModel(prices: prices, usage: .defaults).estimate(Fixtures.guideInventory()), budget: .guideDefault)
        XCTAssertNil(try line(report.lines, "alb", "load balancer capacity units").monthly)
        XCTAssertEqual(try row(report, "Application Load Balancer").status, .unknown)
        XCTAssertFalse(report.totalComplete)
    }

    func testMissingFactsAreUnknownWithTheReason() throws {
        var inventory = Fixtures.guideInventory()
        inventory.dbInstances[0].allocatedStorage = nil
        inventory.taskDefinitions[0].cpu = nil
        inventory.loadBalancers[0].type = "network"
        let lines = try Fixtures.model().estimate(inventory)
        XCTAssertEqual(try line(lines, "rds", "storage").basis, "unknown: the allocated storage is not known")
        XCTAssertTrue(try line(lines, "fargate", "tasks").basis.contains("states no task-level cpu and memory"))
        let nlb = try line(lines, "nlb", "load balancer hours")
        XCTAssertNil(nlb.monthly)
        XCTAssertNil(nlb.guideRow)
        XCTAssertEqual(nlb.label, "Network Load Balancer")
    }

    func testJSONKeepsUnknownAsNull() throws {
        var inventory = Fixtures.guideInventory()
        inventory.cacheClusters[0].nodeType = "cache.r7g.large"
        let report = try Fixtures.model().report(for: inventory, budget: .guideDefault)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        XCTAssertFalse(json.contains("\"monthly\":0,\"resource\":\"hydrous-redis\""))
        let cache = try line(report.lines, "elasticache", "cache.r7g.large")
        XCTAssertNil(cache.monthly)
    }
}
