import AWSClient
import Foundation
import Pricing

/// What one refresh did, key by key.
public struct PricingRefreshResult: Sendable, Equatable {
    /// The rebuilt table.
    public var table: PriceTable
    /// Keys priced from the Price List.
    public var refreshed: [String]
    /// Keys the Price List did not answer, kept from the previous table.
    public var kept: [String]
    /// Keys the Price List did not answer and no previous table had: now unknown.
    public var missing: [String]
}

/// Rebuilds a region's price table from the AWS Price List Query API
/// (`GetProducts`, JSON 1.1, paged by `NextToken`). The client must point at a
/// Price List endpoint (`api.pricing.us-east-1.amazonaws.com`); `region` is
/// the region whose prices are read (the `regionCode` filter).
public struct PricingRefresher: Sendable {
    /// The previous table: its keys are refreshed too, and its prices are
    /// kept for keys the API does not answer. `nil` to start from scratch.
    public var base: PriceTable?

    /// Creates a refresher.
    public init(base: PriceTable? = nil) {
        self.base = base
    }

    /// The rebuilt table for `region`, every price dated `today` (`YYYY-MM-DD`).
    public func refresh(region: String, client: AWSClient, today: String) async throws -> PriceTable {
        try await refreshDetailed(region: region, client: client, today: today).table
    }

    /// The rebuilt table and what happened to every key.
    public func refreshDetailed(region: String, client: AWSClient, today: String) async throws -> PricingRefreshResult {
        guard Self.isDate(today) else { throw PricingRefreshError.invalidDate(today) }
        let keys = Set(PriceQueryCatalogue.defaultKeys).union(base.map { Array($0.prices.keys) } ?? []).sorted()
        var prices: [String: Price] = [:]
        var result = PricingRefreshResult(
            table: PriceTable(region: region, prices: [:]), refreshed: [], kept: [], missing: [])
        for key in keys {
            if let query = PriceQueryCatalogue.query(for: key, region: region),
               let price = try await fetch(query, client: client, today: today) {
                prices[key] = price
                result.refreshed.append(key)
            } else if let previous = base?.prices[key] {
                prices[key] = previous
                result.kept.append(key)
            } else {
                result.missing.append(key)
            }
        }
        guard !result.refreshed.isEmpty else { throw PricingRefreshError.nothingFound(region: region) }
        result.table = PriceTable(
            region: region, hoursPerMonth: base?.hoursPerMonth ?? 730, prices: prices,
            allowances: base?.allowances ?? Self.defaultAllowances(today))
        return result
    }

    /// One key's price, `nil` when no product answers the query.
    func fetch(_ query: PriceQuery, client: AWSClient, today: String) async throws -> Price? {
        let filters: [JSONValue] = query.filters.map { filter in
            ["Type": .string(filter.type), "Field": .string(filter.field), "Value": .string(filter.value)]
        }
        let body: JSONValue = [
            "ServiceCode": .string(query.serviceCode), "FormatVersion": "aws_v1", "MaxResults": 100, "Filters": .array(filters),
        ]
        let pages = try await client.paginateJSON(.pricing, "GetProducts", body, tokenKey: "NextToken")
        var offers: [PriceListOffer] = []
        for page in pages {
            guard let list = page["PriceList"]?.array else {
                throw PricingRefreshError.malformedAnswer(reason: "no PriceList in the GetProducts answer")
            }
            for entry in list {
                guard let document = entry.string else {
                    throw PricingRefreshError.malformedAnswer(reason: "a PriceList entry is not a JSON string")
                }
                if let offer = try PriceListOffer.parse(document) { offers.append(offer) }
            }
        }
        if let usageType = query.usageType { offers = offers.filter { $0.matches(usageType: usageType) } }
        guard let offer = offers.sorted(by: { ($0.sku, $0.usd) < ($1.sku, $1.usd) }).first else { return nil }
        var usd = offer.usd
        if query.unit == "10k-calls", !offer.unit.lowercased().contains("10k") { usd *= 10_000 }
        usd = (usd * 1e10).rounded() / 1e10
        var note = "Price List unit \(offer.unit), sku \(offer.sku)"
        let distinct = Set(offers.map(\.usd))
        if distinct.count > 1 {
            note += "; \(offers.count) products matched at \(distinct.count) prices, lowest sku used"
        }
        return Price(usd: usd, unit: query.unit, source: query.source, date: today, note: note)
    }

    /// The free allowances when no previous table gives them.
    static func defaultAllowances(_ today: String) -> [String: Allowance] {
        [
            PriceKey.freeDataTransferOut: Allowance(
                amount: 100, unit: "GB-month", source: "https://aws.amazon.com/ec2/pricing/on-demand/", date: today,
                note: "free data transfer out to the internet per month"),
            PriceKey.includedEphemeral: Allowance(
                amount: 20, unit: "GB", source: "https://aws.amazon.com/fargate/pricing/", date: today,
                note: "ephemeral storage included per task"),
        ]
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}
