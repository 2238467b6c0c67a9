import AWSClient
import Foundation
@testable import HydrousAudit
import Pricing
import XCTest

/// `pricing refresh` against an in-process Price List: never the network.
final class PricingRefreshTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testRefreshPricesEveryAnsweredKeyWithSourceAndDate() async throws {
        let stub = StubPriceList()
        let result = try await PricingRefresher().refreshDetailed(region: "us-east-1", client: stub.client(), today: "2026-03-01")
        let table = result.table
        XCTAssertEqual(table.price("rds:postgres:db.t3.micro:single-az")?.usd, 0.018)
        XCTAssertEqual(table.price("rds:postgres:db.t3.micro:multi-az")?.usd, 0.036)
        XCTAssertEqual(table.price("rds:mysql:db.t3.micro:single-az")?.usd, 0.017, "engines stay apart")
        XCTAssertEqual(table.price("rds:postgres:db.t4g.micro:single-az")?.usd, 0.016)
        XCTAssertEqual(table.price("rds:storage:gp2:single-az")?.usd, 0.115)
        XCTAssertEqual(table.price("fargate:x86_64:vcpu")?.usd, 0.04048, "the Spot look-alike is not taken")
        XCTAssertEqual(table.price("fargate:x86_64:memory")?.usd, 0.004445)
        XCTAssertEqual(table.price("fargate:arm64:vcpu")?.usd, 0.03238)
        XCTAssertEqual(table.price("alb:hour")?.usd, 0.0225, "Classic ELB's LoadBalancerUsage is filtered out by product family")
        XCTAssertEqual(table.price("alb:lcu")?.usd, 0.008)
        XCTAssertEqual(table.price("vpc:public-ipv4")?.usd, 0.005)
        XCTAssertEqual(table.price("secretsmanager:api-calls")?.usd, 0.05, "per request x 10,000")
        XCTAssertEqual(table.price("data-transfer:out")?.usd, 0.09, "the first paid tier")

        let price = try XCTUnwrap(table.price("rds:postgres:db.t3.micro:single-az"))
        XCTAssertEqual(price.unit, "hour")
        XCTAssertEqual(price.date, "2026-03-01")
        XCTAssertEqual(price.source, "AWS Price List Query API GetProducts AmazonRDS regionCode=us-east-1 "
            + "productFamily=Database Instance instanceType=db.t3.micro databaseEngine=PostgreSQL deploymentOption=Single-AZ")
        XCTAssertEqual(price.note, "Price List unit Hrs, sku 2TNMMJ4TUD62F3T8")
        XCTAssertEqual(table.price("fargate:x86_64:vcpu")?.source,
                       "AWS Price List Query API GetProducts AmazonECS regionCode=us-east-1 usagetype CONTAINS "
                       + "Fargate-vCPU-Hours:perCPU usagetype=*Fargate-vCPU-Hours:perCPU")

        XCTAssertEqual(result.refreshed.count, 13)
        XCTAssertTrue(result.kept.isEmpty)
        XCTAssertTrue(result.missing.contains("rds:postgres:db.t3.large:multi-az"))
        XCTAssertNil(table.price("rds:postgres:db.t3.large:multi-az"), "unanswered with no previous table: unknown, never 0")
        XCTAssertEqual(table.allowance("data-transfer:out", fallback: 0), 100)
        XCTAssertEqual(stub.requests.count, PriceQueryCatalogue.defaultKeys.count, "one GetProducts call per key")
    }

    func testUnansweredKeysKeepThePreviousPrice() async throws {
        let base = try PriceTable.load(path: Self.root.appendingPathComponent("pricing/us-east-1.json").path)
        let stub = StubPriceList()
        let result = try await PricingRefresher(base: base).refreshDetailed(region: "us-east-1", client: stub.client(), today: "2026-03-01")
        XCTAssertEqual(Set(result.table.prices.keys), Set(base.prices.keys))
        XCTAssertTrue(result.missing.isEmpty)
        XCTAssertEqual(result.table.price("rds:postgres:db.t3.large:single-az"), base.price("rds:postgres:db.t3.large:single-az"))
        XCTAssertEqual(result.table.price("alb:hour")?.date, "2026-03-01")
        XCTAssertEqual(result.table.allowances, base.allowances)
        let reread = try PriceTable.decode(result.table.encoded(), file: "refreshed.json")
        XCTAssertEqual(reread, result.table)
    }

    func testShippedTableKeysAreTheCataloguesKeys() throws {
        let base = try PriceTable.load(path: Self.root.appendingPathComponent("pricing/us-east-1.json").path)
        XCTAssertEqual(PriceQueryCatalogue.defaultKeys, base.prices.keys.sorted())
        for key in PriceQueryCatalogue.defaultKeys {
            let query = try XCTUnwrap(PriceQueryCatalogue.query(for: key, region: "eu-west-1"), key)
            XCTAssertEqual(query.unit, base.price(key)?.unit, "\(key): the refreshed unit matches the table's")
            XCTAssertTrue(query.filters.contains { $0.value == "eu-west-1" }, key)
        }
    }

    func testRequestShapeAndPaging() async throws {
        let stub = StubPriceList(pageSize: 1)
        let client = stub.client()
        let query = try XCTUnwrap(PriceQueryCatalogue.query(for: "fargate:x86_64:vcpu", region: "us-east-1"))
        let price = try await PricingRefresher().fetch(query, client: client, today: "2026-03-01")
        XCTAssertEqual(price?.usd, 0.04048)
        let requests = stub.requests
        XCTAssertEqual(requests.count, 2, "two matching products, one per page")
        let first = try XCTUnwrap(requests.first)
        XCTAssertEqual(first.host, "api.pricing.us-east-1.amazonaws.com")
        XCTAssertEqual(first.method, "POST")
        XCTAssertEqual(first.header("X-Amz-Target"), "AWSPriceListService.GetProducts")
        XCTAssertTrue(first.header("Authorization")?.contains("/us-east-1/pricing/aws4_request") == true)
        let body = try JSONValue.parse(first.body)
        XCTAssertEqual(body["ServiceCode"]?.string, "AmazonECS")
        XCTAssertEqual(body["FormatVersion"]?.string, "aws_v1")
        XCTAssertEqual(body["MaxResults"]?.int, 100)
        XCTAssertEqual(body["Filters"]?[0]?["Field"]?.string, "regionCode")
        XCTAssertNil(body["NextToken"]?.string)
        XCTAssertEqual(try JSONValue.parse(requests[1].body)["NextToken"]?.string, "page-1")
    }

    func testMalformedAnswerIsAnError() async throws {
        let stub = StubPriceList(override: { _ in
            AWSHTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")],
                            text: "{\"FormatVersion\":\"aws_v1\",\"PriceList\":[{\"product\":{}}]}")
        })
        do {
            _ = try await PricingRefresher().refresh(region: "us-east-1", client: stub.client(), today: "2026-03-01")
            XCTFail("a PriceList entry that is not a string must fail")
        } catch let error as PricingRefreshError {
            XCTAssertEqual(error, .malformedAnswer(reason: "a PriceList entry is not a JSON string"))
            XCTAssertTrue(error.localizedDescription.contains("keep the current pricing file"))
        }
    }

    func testNothingFoundAndBadDate() async throws {
        let stub = StubPriceList(products: [])
        do {
            _ = try await PricingRefresher().refresh(region: "xx-nowhere-1", client: stub.client(), today: "2026-03-01")
            XCTFail("an empty answer for every key must fail")
        } catch let error as PricingRefreshError {
            XCTAssertEqual(error, .nothingFound(region: "xx-nowhere-1"))
        }
        do {
            _ = try await PricingRefresher().refresh(region: "us-east-1", client: stub.client(), today: "March 1")
            XCTFail("a bad date must fail")
        } catch let error as PricingRefreshError {
            XCTAssertEqual(error, .invalidDate("March 1"))
        }
    }
}
