import Foundation

/// One row of a budget: the guide's (or the user's) figure for one kind of cost.
public struct BudgetRow: Codable, Sendable, Equatable {
    /// The guide row in English, `nil` for a row of the user's own (e.g. `Public IPv4 addresses`).
    public var guideRow: String?
    /// The row's label (the guide row, or the user's name for it).
    public var label: String
    /// Low figure, USD/month; `nil` when the budget gives none (`Variable`).
    public var min: Double?
    /// High figure; equal to `min` for a single value.
    public var max: Double?
    /// The figure as written (`$15-25`, `Variable`).
    public var text: String

    /// Creates a row.
    public init(guideRow: String?, label: String, min: Double?, max: Double?, text: String) {
        self.guideRow = guideRow
        self.label = label
        self.min = min
        self.max = max
        self.text = text
    }
}

/// The monthly figures an estimate is compared against: the guide's cost
/// table (`parseGuide`), or a YAML budget file (`loadYAML`).
public struct Budget: Codable, Sendable, Equatable {
    /// Rows in the budget's order.
    public var rows: [BudgetRow]
    /// The total's low figure; `nil` when the budget gives no total.
    public var totalMin: Double?
    /// The total's high figure.
    public var totalMax: Double?

    /// Creates a budget.
    public init(rows: [BudgetRow], totalMin: Double?, totalMax: Double?) {
        self.rows = rows
        self.totalMin = totalMin
        self.totalMax = totalMax
    }

    /// The Spanish guide's "Costos Estimados" table, as shipped.
    public static let guideDefault = Budget(
        rows: [
            BudgetRow(guideRow: GuideRow.rds, label: GuideRow.rds, min: 15, max: 25, text: "$15-25"),
            BudgetRow(guideRow: GuideRow.elastiCache, label: GuideRow.elastiCache, min: 15, max: 25, text: "$15-25"),
            BudgetRow(guideRow: GuideRow.fargate, label: GuideRow.fargate, min: 15, max: 30, text: "$15-30"),
            BudgetRow(guideRow: GuideRow.loadBalancer, label: GuideRow.loadBalancer, min: 20, max: 20, text: "$20"),
            BudgetRow(guideRow: GuideRow.dataTransfer, label: GuideRow.dataTransfer, min: nil, max: nil, text: "Variable"),
        ],
        totalMin: 65, totalMax: 100)

    /// The guide row a row name means, in Spanish or English (`Transferencia
    /// de datos y otros` → `Data transfer and others`); `nil` when none.
    public static func guideRow(forName name: String) -> String? {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let exact = GuideRow.all.first(where: { $0.lowercased() == lower }) { return exact }
        let words = Set(lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        func has(_ any: String...) -> Bool {
            any.contains { $0.contains(" ") ? lower.contains($0) : (words.contains($0) || (lower.contains($0) && $0.count > 4)) }
        }
        if has("rds", "postgres", "postgresql", "base de datos", "database") { return GuideRow.rds }
        if has("elasticache", "redis", "valkey", "caché", "cache") { return GuideRow.elastiCache }
        if has("fargate", "ecs", "contenedor", "contenedores", "container", "containers") { return GuideRow.fargate }
        if has("load balancer", "alb", "balanceador") { return GuideRow.loadBalancer }
        if has("transfer", "transferencia", "datos", "otros", "others", "other") { return GuideRow.dataTransfer }
        return nil
    }

    /// The label a row name means: a guide row, one of `CostLabel`'s labels
    /// (case-insensitive), else the name as written.
    static func label(forName name: String) -> (guideRow: String?, label: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let own = [CostLabel.publicIPv4, CostLabel.logs, CostLabel.ecr, CostLabel.secrets, CostLabel.nat, CostLabel.endpoints]
        if let label = own.first(where: { $0.lowercased() == trimmed.lowercased() }) { return (nil, label) }
        if let row = guideRow(forName: trimmed) { return (row, row) }
        return (nil, trimmed)
    }

    /// A cost figure: `$15-25`, `$12–13`, `$20 - $25`, `$20`, `**$65-100**`
    /// → low and high; `Variable`, `-` or empty → `(nil, nil)`; anything else → `nil`.
    public static func parseFigure(_ text: String) -> (min: Double?, max: Double?)? {
        var value = text.replacingOccurrences(of: "*", with: "").lowercased().trimmingCharacters(in: .whitespaces)
        let words = ["", "-", "–", "—", "variable", "varies", "varía", "n/a", "tbd", "?"]
        if words.contains(value) { return (nil, nil) }
        for noise in ["us$", "usd", "$", "/mes", "/month", "per month", "al mes", "mensual", "~", "≈", "aprox.", "approx."] {
            value = value.replacingOccurrences(of: noise, with: " ")
        }
        for dash in ["–", "—", " to ", " a "] { value = value.replacingOccurrences(of: dash, with: "-") }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map { number(String($0)) }
        switch parts.count {
        case 1: return parts[0].map { ($0, $0) }
        case 2:
            guard let low = parts[0], let high = parts[1], low <= high else { return nil }
            return (low, high)
        default: return nil
        }
    }

    private static func number(_ text: String) -> Double? {
        var digits = text.trimmingCharacters(in: .whitespaces)
        // `1,000` is a thousands separator; `12,5` a decimal comma.
        if let comma = digits.lastIndex(of: ","), digits.distance(from: comma, to: digits.endIndex) == 4 {
            digits = digits.replacingOccurrences(of: ",", with: "")
        } else {
            digits = digits.replacingOccurrences(of: ",", with: ".")
        }
        guard !digits.isEmpty, let value = Double(digits), value.isFinite, value >= 0 else { return nil }
        return value
    }
}
