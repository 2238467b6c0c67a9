import AWSClient
import Foundation

/// One product of a GetProducts answer with its on-demand price.
struct PriceListOffer: Sendable, Equatable {
    /// The product's SKU.
    var sku: String
    /// `product.attributes.usagetype`.
    var usageType: String
    /// USD per `unit`: the first non-zero tier (lowest `beginRange`), else 0.
    var usd: Double
    /// The Price List unit (`Hrs`, `GB-Mo`, `Requests`).
    var unit: String

    /// Reads one `PriceList` entry (a JSON document held in a string).
    /// `nil` when the product has no on-demand USD price.
    static func parse(_ document: String) throws -> PriceListOffer? {
        let json: JSONValue
        do {
            json = try JSONValue.parse(document)
        } catch {
            throw PricingRefreshError.malformedAnswer(reason: "a PriceList entry is not JSON")
        }
        let product = json["product"]
        let sku = product?["sku"]?.string ?? "?"
        let usageType = product?["attributes"]?["usagetype"]?.string ?? ""
        var dimensions: [(begin: Double, usd: Double, unit: String)] = []
        for term in (json["terms"]?["OnDemand"]?.object ?? [:]).values {
            for dimension in (term["priceDimensions"]?.object ?? [:]).values {
                guard let text = dimension["pricePerUnit"]?["USD"]?.string, let usd = Double(text) else { continue }
                let begin = dimension["beginRange"]?.string.flatMap(Double.init) ?? 0
                dimensions.append((begin, usd, dimension["unit"]?.string ?? ""))
            }
        }
        dimensions.sort { ($0.begin, $0.usd) < ($1.begin, $1.usd) }
        guard let chosen = dimensions.first(where: { $0.usd > 0 }) ?? dimensions.first else { return nil }
        return PriceListOffer(sku: sku, usageType: usageType, usd: chosen.usd, unit: chosen.unit)
    }

    /// True when `usageType` is `expected`, or `expected` after a region prefix
    /// without dashes (`USE1-`, `EUC1-`); rejects `USE1-SpotUsage-…` and the like.
    func matches(usageType expected: String) -> Bool {
        if usageType == expected { return true }
        guard usageType.hasSuffix("-" + expected) else { return false }
        let prefix = usageType.dropLast(expected.count + 1)
        return !prefix.isEmpty && !prefix.contains("-") && !prefix.contains(":")
    }
}

/// What can go wrong refreshing prices (AWS errors pass through as they are).
public enum PricingRefreshError: LocalizedError, Equatable, Sendable {
    /// `today` is not `YYYY-MM-DD`.
    case invalidDate(String)
    /// The Price List answered something this tool cannot read.
    case malformedAnswer(reason: String)
    /// Not one price was found: wrong region, or an API change.
    case nothingFound(region: String)

    /// The message shown to the user.
    public var errorDescription: String? {
        switch self {
        case let .invalidDate(text):
            return "pricing refresh: date '\(text)' must be YYYY-MM-DD."
        case let .malformedAnswer(reason):
            return "pricing refresh: the AWS Price List answer cannot be read (\(reason)); retry later, "
                + "or keep the current pricing file."
        case let .nothingFound(region):
            return "pricing refresh: the AWS Price List has no prices for region '\(region)'. Check the region code "
                + "(e.g. us-east-1); the current pricing file was left as it was."
        }
    }
}
