import AWSClient
import Foundation
import Synchronization

/// A Price List product as GetProducts answers it: a JSON document in a string.
struct PriceListProduct: Sendable {
    var serviceCode: String
    var sku: String
    var productFamily: String
    var attributes: [String: String]
    /// `(beginRange, endRange, USD, unit)` per price dimension.
    var tiers: [(String, String, String, String)]

    /// The document, shaped like the recorded answers (product, serviceCode, terms.OnDemand…).
    var document: String {
        var attributes = self.attributes
        attributes["servicecode"] = serviceCode
        let attributeText = attributes.keys.sorted().map { "\"\($0)\":\"\(attributes[$0] ?? "")\"" }.joined(separator: ",")
        let term = "\(sku).JRTCKXETXF"
        let dimensions = tiers.enumerated().map { index, tier in
            let rate = "\(term).\(["6YS6EN2CT7", "8EEUB22XNJ", "QSF4HSNVF3"][index % 3])"
            return "\"\(rate)\":{\"unit\":\"\(tier.3)\",\"endRange\":\"\(tier.1)\",\"description\":\"$\(tier.2) per \(tier.3)\","
                + "\"appliesTo\":[],\"rateCode\":\"\(rate)\",\"beginRange\":\"\(tier.0)\",\"pricePerUnit\":{\"USD\":\"\(tier.2)\"}}"
        }.joined(separator: ",")
        return "{\"product\":{\"productFamily\":\"\(productFamily)\",\"attributes\":{\(attributeText)},\"sku\":\"\(sku)\"},"
            + "\"serviceCode\":\"\(serviceCode)\",\"terms\":{\"OnDemand\":{\"\(term)\":{\"priceDimensions\":{\(dimensions)},"
            + "\"sku\":\"\(sku)\",\"effectiveDate\":\"2026-01-01T00:00:00Z\",\"offerTermCode\":\"JRTCKXETXF\",\"termAttributes\":{}}}},"
            + "\"version\":\"20260101000000\",\"publicationDate\":\"2026-01-01T00:00:00Z\"}"
    }

    /// True when the product passes GetProducts `filters` (TERM_MATCH case-insensitive, CONTAINS).
    func passes(_ filters: [JSONValue]) -> Bool {
        filters.allSatisfy { filter in
            let field = filter["Field"]?.string ?? ""
            let value = (filter["Value"]?.string ?? "").lowercased()
            let actual = (field == "productFamily" ? productFamily : attributes[field] ?? "").lowercased()
            switch filter["Type"]?.string {
            case "CONTAINS": return actual.contains(value)
            default: return actual == value
            }
        }
    }
}

/// Recorded-shape us-east-1 products for a subset of the table's keys,
/// with look-alikes the refresher must not pick (Spot, Classic ELB, MySQL).
enum PriceListFixtures {
    static func rds(_ sku: String, _ type: String, _ engine: String, _ deployment: String, _ usd: String) -> PriceListProduct {
        PriceListProduct(
            serviceCode: "AmazonRDS", sku: sku, productFamily: "Database Instance",
            attributes: ["regionCode": "us-east-1", "location": "US East (N. Virginia)", "instanceType": type,
                         "databaseEngine": engine, "deploymentOption": deployment, "usagetype": "InstanceUsage:\(type)"],
            tiers: [("0", "Inf", usd, "Hrs")])
    }

    static func usage(_ service: String, _ sku: String, _ usageType: String, _ usd: String, _ unit: String,
                      family: String = "", region: String = "us-east-1") -> PriceListProduct {
        PriceListProduct(
            serviceCode: service, sku: sku, productFamily: family,
            attributes: ["regionCode": region, "fromRegionCode": region, "usagetype": usageType],
            tiers: [("0", "Inf", usd, unit)])
    }

    static let products: [PriceListProduct] = [
        rds("2TNMMJ4TUD62F3T8", "db.t3.micro", "PostgreSQL", "Single-AZ", "0.0180000000"),
        rds("6F8K4Z4DJ6YV6W7S", "db.t3.micro", "PostgreSQL", "Multi-AZ", "0.0360000000"),
        rds("9QH2XK8VJ2Y7Z5RA", "db.t3.micro", "MySQL", "Single-AZ", "0.0170000000"),
        rds("H7RZ3T2AS6K3B5PX", "db.t4g.micro", "PostgreSQL", "Single-AZ", "0.0160000000"),
        PriceListProduct(
            serviceCode: "AmazonRDS", sku: "QVD35TA7MPS92RBC", productFamily: "Database Storage",
            attributes: ["regionCode": "us-east-1", "volumeType": "General Purpose", "databaseEngine": "PostgreSQL",
                         "deploymentOption": "Single-AZ", "usagetype": "RDS:GP2-Storage"],
            tiers: [("0", "Inf", "0.1150000000", "GB-Mo")]),
        usage("AmazonECS", "8CESGAFWKAJ98PME", "USE1-Fargate-vCPU-Hours:perCPU", "0.0404800000", "hours"),
        usage("AmazonECS", "ZUSPZ3TMFGS2NJ9S", "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU", "0.0124600000", "hours"),
        usage("AmazonECS", "PDVY7GU4X9QHJJCB", "USE1-Fargate-GB-Hours", "0.0044450000", "hours"),
        usage("AmazonECS", "3CNDXNK3PJ5Q6A2D", "USE1-Fargate-ARM-vCPU-Hours:perCPU", "0.0323800000", "hours"),
        usage("AWSELB", "Z7DQXX2TTBH6N5ZC", "LoadBalancerUsage", "0.0225000000", "Hrs", family: "Load Balancer-Application"),
        usage("AWSELB", "R4H6XZ3N5QJ8T7KM", "LoadBalancerUsage", "0.0250000000", "Hrs", family: "Load Balancer"),
        usage("AWSELB", "KDHJ6XW2S3P5C7RV", "LCUUsage", "0.0080000000", "LCU-Hrs", family: "Load Balancer-Application"),
        usage("AmazonVPC", "M5E3Y6K8PZ2XQ4NC", "USE1-PublicIPv4:InUseAddress", "0.0050000000", "Hrs"),
        usage("AmazonVPC", "W2C8X6Q4D3V7N5JB", "USE1-PublicIPv4:IdleAddress", "0.0050000000", "Hrs"),
        usage("AWSSecretsManager", "P8UHT4B2K6X3N9QR", "AWSSecretsManager-APIRequest", "0.0000050000", "API Requests"),
        PriceListProduct(
            serviceCode: "AWSDataTransfer", sku: "AQ3BCXS4Y5J6DT2Z", productFamily: "Data Transfer",
            attributes: ["fromRegionCode": "us-east-1", "toLocation": "External", "usagetype": "DataTransfer-Out-Bytes"],
            tiers: [("10240", "51200", "0.0850000000", "GB"), ("0", "1", "0.0000000000", "GB"), ("1", "10240", "0.0900000000", "GB")]),
    ]
}

/// An in-process Price List endpoint: filters the fixture products like
/// GetProducts, pages them `pageSize` at a time, and records every request.
final class StubPriceList: HTTPTransport {
    let products: [PriceListProduct]
    let pageSize: Int
    let override: (@Sendable (AWSHTTPRequest) -> AWSHTTPResponse?)?
    private let log = Mutex<[AWSHTTPRequest]>([])

    init(products: [PriceListProduct] = PriceListFixtures.products, pageSize: Int = 100,
         override: (@Sendable (AWSHTTPRequest) -> AWSHTTPResponse?)? = nil) {
        self.products = products
        self.pageSize = pageSize
        self.override = override
    }

    var requests: [AWSHTTPRequest] { log.withLock { $0 } }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        log.withLock { $0.append(request) }
        if let answer = override?(request) { return answer }
        let body = try JSONValue.parse(request.body)
        let matched = products.filter {
            $0.serviceCode == body["ServiceCode"]?.string && $0.passes(body["Filters"]?.array ?? [])
        }
        let start = body["NextToken"]?.string.flatMap { Int($0.dropFirst("page-".count)) } ?? 0
        let page = matched.dropFirst(start).prefix(pageSize)
        var answer: [String: JSONValue] = [
            "FormatVersion": "aws_v1", "PriceList": .array(page.map { .string($0.document) }),
        ]
        if start + pageSize < matched.count { answer["NextToken"] = .string("page-\(start + pageSize)") }
        return AWSHTTPResponse(
            status: 200, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")],
            body: JSONValue.object(answer).serialized())
    }

    /// A client that signs with fixed test keys and sends to this stub, unpaced:
    /// the stub is not AWS (pacing is tested in AWSClientTests), and the Price
    /// List's 5 requests a second would add ~11 s to every refresh here.
    func client() -> AWSClient {
        AWSClient(configuration: AWSClientConfiguration(
            region: "us-east-1",
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDPRICINGTEST", secretAccessKey: "pricing-test-secret")),
            transport: self, retry: RetryPolicy(maxAttempts: 1),
            clock: FixedClock(Date(timeIntervalSince1970: 1_767_225_600)), rateLimit: nil))
    }
}
