import Inventory
import Pricing
import XCTest

/// What fixing findings costs, and cheaper equivalents.
final class FixDeltaAndSavingsTests: XCTestCase {
    func testGuideFixDeltas() throws {
        let model = try Fixtures.model()
        let inventory = Fixtures.guideInventory()
        let definition = inventory.taskDefinitions[0].ref
        let service = inventory.services[0].ref
        let secrets = (0..<3).compactMap { _ in model.fixDelta(ruleId: "ecs_plaintext_secret_env", resource: definition, inventory: inventory) }
        XCTAssertEqual(secrets.map(\.monthlyDelta), [0.40, 0.40, 0.40])
        XCTAssertEqual(Money.sum(secrets.map(\.monthlyDelta)), 1.20)
        XCTAssertEqual(secrets[0].basis, "1 secret moved to Secrets Manager x 0.4 USD/secret-month")

        let ip = try XCTUnwrap(model.fixDelta(ruleId: "ecs_public_ip_on_task", resource: service, inventory: inventory))
        XCTAssertEqual(ip.monthlyDelta, -3.65)
        XCTAssertEqual(ip.basis, "1 address released x 0.005 USD/h x 730 h")
        let caveat = try XCTUnwrap(ip.caveat)
        XCTAssertTrue(caveat.contains("NAT gateway (+32.85/month + 0.045 USD/GB processed)"), caveat)
        XCTAssertTrue(caveat.contains("0.01 USD/h x 2 AZs x 730 h = +14.60/month each, +58.40 for the four"), caveat)

        let db = inventory.dbInstances[0].ref
        let multiAZ = try XCTUnwrap(model.fixDelta(ruleId: "rds_single_az", resource: db, inventory: inventory))
        XCTAssertEqual(multiAZ.monthlyDelta, 15.44, "26.28 + 4.60 instead of 13.14 + 2.30")
        XCTAssertEqual(model.fixDelta(ruleId: "rds_unmanaged_master_password", resource: db, inventory: inventory)?.monthlyDelta, 0.40)

        let extra = try XCTUnwrap(model.fixDelta(ruleId: "ecs_single_task", resource: service, inventory: inventory))
        XCTAssertEqual(extra.monthlyDelta, 12.66, "9.01 Fargate + 3.65 for the extra task's public IP")

        let logs = try XCTUnwrap(model.fixDelta(ruleId: "logs_no_retention", resource: ResourceRef(type: "logs:log-group", id: "/ecs/x"), inventory: inventory))
        XCTAssertEqual(logs.monthlyDelta, 0)
        XCTAssertTrue(logs.basis.contains("stops stored logs from growing"))
        XCTAssertEqual(model.fixDelta(ruleId: "cache_backups_off", resource: inventory.cacheClusters[0].ref, inventory: inventory)?.monthlyDelta, 0)
        XCTAssertEqual(model.fixDelta(ruleId: "rds_storage_unencrypted", resource: db, inventory: inventory)?.monthlyDelta, 0)
        XCTAssertNil(model.fixDelta(ruleId: "ecr_mutable_tags", resource: db, inventory: inventory))
    }

    func testTotalAfterFixes() throws {
        let model = try Fixtures.model()
        let inventory = Fixtures.guideInventory()
        let report = model.report(for: inventory, budget: .guideDefault)
        let fixes = [
            model.fixDelta(ruleId: "ecs_public_ip_on_task", resource: inventory.services[0].ref, inventory: inventory),
            model.fixDelta(ruleId: "ecs_plaintext_secret_env", resource: inventory.taskDefinitions[0].ref, inventory: inventory),
        ].compactMap { $0 }
        XCTAssertEqual(report.applyingFixes(fixes).totalAfterFixes, 66.83)
    }

    func testPublicIPCaveatMentionsAnExistingNAT() throws {
        var inventory = Fixtures.guideInventory()
        inventory.natGateways = [NATGateway(id: "nat-0abc")]
        let ip = try Fixtures.model().fixDelta(ruleId: "ecs_public_ip_on_task", resource: inventory.services[0].ref, inventory: inventory)
        XCTAssertEqual(ip?.caveat, "tasks in private subnets reach ECR, Logs and Secrets Manager through the existing NAT gateway")
    }

    func testGuideSavings() throws {
        let savings = try Fixtures.model().savings(Fixtures.guideInventory())
        let figures = savings.map { "\($0.resource): \($0.change) \(Money.signedUSD($0.monthlyDelta))" }
        XCTAssertEqual(figures, [
            "hydrous-db: db.t3.micro → db.t4g.micro (Graviton) -1.46",
            "hydrous-redis: cache.t3.micro → cache.t4g.micro (Graviton) -0.73",
            "hydrous-backend-service: Fargate x86_64 → ARM64 (image must be built for linux/arm64) -1.80",
            "hydrous-redis: Redis OSS → Valkey (cache.t3.micro) -2.48",
        ])
        XCTAssertEqual(savings[0].basis, "0.016 USD/h x 730 h = 11.68 instead of 0.018 USD/h x 730 h = 13.14")
    }

    func testHardenedHasOnlyTheValkeySaving() throws {
        let savings = try Fixtures.model().savings(Fixtures.hardenedInventory())
        XCTAssertEqual(savings.map(\.change), ["Redis OSS → Valkey (cache.t4g.micro)"])
        XCTAssertEqual(savings.first?.monthlyDelta, -2.34)
    }

    func testNATLinesAndTheirAddress() throws {
        var inventory = Fixtures.guideInventory()
        inventory.natGateways = [NATGateway(id: "nat-0abc")]
        let usage = Usage(values: [.natProcessed: 10], file: "usage.yml")
        let lines = try Fixtures.model(usage: usage).estimate(inventory)
        XCTAssertEqual(try line(lines, "nat", "NAT gateway hours").monthly, 32.85)
        XCTAssertEqual(try line(lines, "nat", "data processed").monthly, 0.45)
        XCTAssertEqual(lines.first { $0.component == "public-ipv4" && $0.resource == "nat-0abc" }?.monthly, 3.65)
    }
}
