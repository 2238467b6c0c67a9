import Foundation
import Inventory

/// Prices an inventory: one `CostLine` per billed item, each with the basis
/// of its figure. Unknown prices give `monthly == nil`, never 0.
public struct CostModel: Sendable {
    /// The price table.
    public var prices: PriceTable
    /// Usage figures and their origins.
    public var usage: Usage
    /// The Fargate workloads of the inventory given to `preparing(for:)`.
    var knownWorkloads: [FargateWorkload]?

    /// Creates a model.
    public init(prices: PriceTable, usage: Usage) {
        self.prices = prices
        self.usage = usage
    }

    /// This model with `inventory`'s Fargate workloads worked out once for
    /// the estimate, the savings and the fix deltas (a 1,000-service
    /// inventory otherwise resolved them four times). Use the result only
    /// with that inventory.
    public func preparing(for inventory: Inventory) -> CostModel {
        var copy = self
        copy.knownWorkloads = inventory.fargateWorkloads()
        return copy
    }

    /// The Fargate workloads of `inventory`.
    func workloads(_ inventory: Inventory) -> [FargateWorkload] {
        knownWorkloads ?? inventory.fargateWorkloads()
    }

    /// Hours in a billed month.
    var hours: Double { prices.hoursPerMonth }

    /// Every billed item of `inventory`, in a fixed order: databases, caches,
    /// Fargate, load balancers, public IPv4, logs, ECR, secrets, NAT,
    /// endpoints, data transfer; within a kind, by resource name.
    public func estimate(_ inventory: Inventory) -> [CostLine] {
        var lines: [CostLine] = []
        lines += databaseLines(inventory)
        lines += cacheLines(inventory)
        lines += fargateLines(inventory)
        lines += loadBalancerLines(inventory)
        lines += publicIPv4Lines(inventory)
        lines += logLines(inventory)
        lines += ecrLines(inventory)
        lines += secretLines(inventory)
        lines += natLines(inventory)
        lines += endpointLines(inventory)
        lines += dataTransferLines(inventory)
        return lines
    }

    /// What a line is about: who, what, and where it rolls up.
    struct Subject {
        var component: String
        var resource: String
        var item: String
        var guideRow: String?
        var label: String
    }

    /// A priced line: `quantity` × price (× hours when `hourly`), rounded to cents.
    /// `quantityText` is written before the price in the basis (`0.25 vCPU x 1 task`).
    func line(
        _ subject: Subject, key: String, quantity: Double = 1, quantityText: String? = nil,
        hourly: Bool, assumptions: [String] = []
    ) -> CostLine {
        var line = CostLine(
            component: subject.component, resource: subject.resource, item: subject.item, monthly: nil,
            guideRow: subject.guideRow, label: subject.label, basis: "")
        line.assumptions = assumptions.isEmpty ? nil : assumptions
        guard let price = prices.price(key) else {
            line.basis = unknownBasis(key)
            return line
        }
        var parts: [String] = []
        if let quantityText { parts.append(quantityText) }
        parts.append("\(Money.format(price.usd)) \(price.perUnit)")
        if hourly { parts.append("\(Money.format(hours)) h") }
        line.basis = parts.joined(separator: " x ")
        line.monthly = Money.cents(quantity * price.usd * (hourly ? hours : 1))
        return line
    }

    /// A line whose price cannot be found or computed: `monthly` stays `nil`.
    func unknownLine(_ subject: Subject, reason: String) -> CostLine {
        CostLine(
            component: subject.component, resource: subject.resource, item: subject.item, monthly: nil,
            guideRow: subject.guideRow, label: subject.label, basis: "unknown: " + reason)
    }

    func unknownBasis(_ key: String) -> String {
        "unknown: no price '\(key)' in the price table for \(prices.region); "
            + "add it to pricing/\(prices.region).json or run `hydrous-audit pricing refresh`"
    }

    /// The assumption text of a usage figure: `ALB: 1 LCU average (default; usage file key alb.lcu)`.
    static func assumption(_ what: String, _ figure: Usage.Figure, _ unit: String) -> String {
        "\(what): \(Money.format(figure.value)) \(unit) (\(figure.origin))"
    }

    /// Bytes as GiB (what AWS bills as GB), to three decimals.
    static func gigabytes(_ bytes: Int64) -> Double {
        (Double(bytes) / 1_073_741_824 * 1000).rounded() / 1000
    }

    /// `1 task` / `2 tasks`.
    static func count(_ value: Int, _ noun: String) -> String {
        let plural = noun.hasSuffix("s") ? noun + "es" : noun + "s"
        return "\(value) \(value == 1 ? noun : plural)"
    }
}
