import Foundation
import Pricing
import XCTest

/// Malformed usage and price files fail with file and line.
final class InputErrorTests: XCTestCase {
    func testShippedTableIsCompleteAndSourced() throws {
        let table = try Fixtures.prices()
        XCTAssertEqual(table.hoursPerMonth, 730)
        XCTAssertEqual(table.region, "us-east-1")
        for (key, price) in table.prices {
            XCTAssertTrue(price.source.hasPrefix("https://aws.amazon.com/"), key)
            XCTAssertTrue(price.date.hasPrefix("2026-"), key)
            XCTAssertFalse(price.unit.isEmpty, key)
        }
        for engine in ["postgres", "mysql"] {
            for family in ["t3", "t4g"] {
                for size in ["micro", "small", "medium", "large"] {
                    for deployment in ["single-az", "multi-az"] {
                        XCTAssertNotNil(table.price("rds:\(engine):db.\(family).\(size):\(deployment)"), "\(engine) \(family).\(size) \(deployment)")
                    }
                }
            }
        }
        for engine in ["redis", "valkey"] {
            for node in ["t3.micro", "t3.small", "t3.medium", "t4g.micro", "t4g.small", "t4g.medium"] {
                XCTAssertNotNil(table.price("elasticache:\(engine):cache.\(node)"))
            }
        }
        XCTAssertEqual(table.price("rds:postgres:db.t3.micro:single-az")?.usd, 0.018)
        XCTAssertEqual(table.price("rds:mysql:db.t3.micro:single-az")?.usd, 0.017)
        XCTAssertEqual(table.price("rds:postgres:db.t3.micro:multi-az")?.usd, 0.036)
        XCTAssertEqual(table.price("elasticache:valkey:cache.t3.micro")?.usd, 0.0136)
        XCTAssertEqual(table.allowance("data-transfer:out", fallback: 0), 100)
    }

    func testEncodedRoundTrips() throws {
        let table = try Fixtures.prices()
        let again = try PriceTable.decode(table.encoded(), file: "encoded")
        XCTAssertEqual(again, table)
        let shipped = try Data(contentsOf: URL(fileURLWithPath: Fixtures.priceTablePath))
        XCTAssertEqual(String(decoding: shipped, as: UTF8.self), String(decoding: try table.encoded(), as: UTF8.self),
                       "the shipped file is in the canonical form `pricing refresh` writes")
    }

    func testJSONSyntaxErrorNamesLine() throws {
        let json = "{\n  \"formatVersion\": 1,\n  \"region\": us-east-1\n}\n"
        XCTAssertThrowsError(try PriceTable.decode(Data(json.utf8), file: "pricing/x.json")) { error in
            guard case let .jsonSyntax(file, line, _, _)? = error as? PricingError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "pricing/x.json")
            XCTAssertEqual(line, 3)
            XCTAssertTrue(error.localizedDescription.hasPrefix("pricing/x.json:3"), error.localizedDescription)
        }
    }

    func testMissingUnitAndBadDateNameTheEntry() throws {
        let missingUnit = """
        {"formatVersion": 1, "region": "us-east-1", "currency": "USD", "hoursPerMonth": 730, "allowances": {},
         "prices": {
          "alb:hour": {"usd": 0.0225, "source": "https://aws.amazon.com/elasticloadbalancing/pricing/", "date": "2026-01-15"}
         }}
        """
        XCTAssertThrowsError(try PriceTable.decode(Data(missingUnit.utf8), file: "p.json")) { error in
            XCTAssertTrue(error.localizedDescription.hasPrefix("p.json:3: 'prices.alb:hour': missing \"unit\""), error.localizedDescription)
        }
        let badDate = missingUnit.replacingOccurrences(of: "\"usd\": 0.0225,", with: "\"usd\": 0.0225, \"unit\": \"hour\",")
            .replacingOccurrences(of: "2026-01-15", with: "last week")
        XCTAssertThrowsError(try PriceTable.decode(Data(badDate.utf8), file: "p.json")) { error in
            XCTAssertTrue(error.localizedDescription.hasPrefix("p.json:3: price 'alb:hour': date 'last week'"), error.localizedDescription)
        }
        let future = missingUnit.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 9")
            .replacingOccurrences(of: "\"usd\": 0.0225,", with: "\"usd\": 0.0225, \"unit\": \"hour\",")
        XCTAssertThrowsError(try PriceTable.decode(Data(future.utf8), file: "p.json")) { error in
            XCTAssertTrue(error.localizedDescription.contains("formatVersion 9 is not supported"), error.localizedDescription)
        }
    }

    func testUnreadableFile() {
        XCTAssertThrowsError(try PriceTable.load(path: "/nonexistent/prices.json")) { error in
            XCTAssertTrue(error.localizedDescription.hasPrefix("/nonexistent/prices.json: cannot read the file"))
        }
    }

    func testUsageExampleFileLoads() throws {
        let path = Fixtures.packageRoot.appendingPathComponent("pricing/usage.example.yml").path
        let usage = try Usage.load(path: path)
        XCTAssertEqual(usage.values[.albLCU], 1)
        XCTAssertEqual(usage.values[.rdsBackup], 20)
        XCTAssertEqual(usage.logGroupIngestion["/ecs/hydrous-backend"], 0.5)
        XCTAssertEqual(usage.figure(.albLCU)?.origin, path)
    }

    func testUsageDottedKeysAndOverrides() throws {
        let usage = try Usage.parse("alb.lcu: 2.5\nlogs:\n  ingested_gb_per_month_by_group:\n    /ecs/api: 3\n", file: "u.yml")
        XCTAssertEqual(usage.figure(.albLCU)?.value, 2.5)
        XCTAssertEqual(usage.logIngestion(group: "/ecs/api").value, 3)
        XCTAssertEqual(usage.logIngestion(group: "/ecs/other").value, 0.5)
        XCTAssertEqual(usage.logIngestion(group: "/ecs/other").origin, "default; usage file key logs.ingested_gb_per_month")
        XCTAssertNil(usage.figure(.rdsBackup))
    }

    func testMalformedUsageNamesFileAndLine() {
        let cases: [(String, Int?, String)] = [
            ("alb:\n  lcus: 2\n", 2, "unknown usage key 'alb.lcus'"),
            ("version: 1\nfargate:\n  spot: true\n", 2, "unknown usage key 'fargate'"),
            ("alb:\n  lcu: -1\n", 2, "'alb.lcu' must be a number >= 0"),
            ("alb:\n  lcu: many\n", 2, "'alb.lcu' must be a number >= 0, found 'many'"),
            ("alb: 3\n", 1, "'alb' must hold keys"),
            ("logs:\n  ingested_gb_per_month_by_group: 4\n", 2, "must map log group names"),
            ("version: 2\n", 1, "version must be 1"),
            ("alb:\n  lcu: [1\n", nil, "not valid YAML"),
        ]
        for (yaml, line, message) in cases {
            XCTAssertThrowsError(try Usage.parse(yaml, file: "usage.yml"), yaml) { error in
                let text = error.localizedDescription
                XCTAssertTrue(text.hasPrefix(line.map { "usage.yml:\($0):" } ?? "usage.yml:"), text)
                XCTAssertTrue(text.contains(message), text)
            }
        }
    }
}
