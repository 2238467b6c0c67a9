import Foundation

/// One billed item of one resource, priced for a month.
public struct CostLine: Codable, Sendable, Equatable {
    /// `rds`, `elasticache`, `fargate`, `alb`, `public-ipv4`, `logs`, `ecr`,
    /// `secretsmanager`, `nat`, `vpc-endpoint`, `data-transfer`.
    public var component: String
    /// The resource's name or id.
    public var resource: String
    /// What is billed (`db.t3.micro instance`, `gp2 storage 20 GB`).
    public var item: String
    /// USD per month, rounded to cents; `nil` when the price is unknown.
    public var monthly: Double?
    /// The guide's row in English, `nil` when the guide has no row for it.
    public var guideRow: String?
    /// The row this line rolls up into (the guide row, or a row of its own).
    public var label: String
    /// How the figure was computed (`0.018 USD/h x 730 h`), or why it is unknown.
    public var basis: String
    /// The usage figures behind this line, each with where it came from
    /// (`ALB: 1 LCU average (default; usage file key alb.lcu)`); `nil` when none.
    public var assumptions: [String]?

    /// Creates a line.
    public init(component: String, resource: String, item: String, monthly: Double?, guideRow: String?, label: String, basis: String) {
        self.component = component
        self.resource = resource
        self.item = item
        self.monthly = monthly
        self.guideRow = guideRow
        self.label = label
        self.basis = basis
    }
}

/// How a row's estimate compares with the guide's figure.
public enum RowStatus: String, Codable, Sendable {
    /// Within the guide's range.
    case within
    /// Cheaper than the guide's low end.
    case below
    /// Dearer than the guide's high end.
    case above
    /// The guide has no row for this kind of cost.
    case notInGuide = "not-in-guide"
    /// The guide gives no figure (`Variable`).
    case variable
    /// Some line of the row has no known price: the estimate is incomplete.
    case unknown
}

/// One row of the cost table: lines rolled up and set against the guide.
public struct CostRow: Codable, Sendable, Equatable {
    /// The guide's row in English; `nil` for a row the guide lacks.
    public var guideRow: String?
    /// The row's display label.
    public var label: String
    /// USD per month (known lines only; see `status`).
    public var monthly: Double
    /// The guide's low and high figures; equal for a single value; `nil` when none.
    public var guideMin: Double?
    public var guideMax: Double?
    public var status: RowStatus

    /// Creates a row.
    public init(guideRow: String?, label: String, monthly: Double, guideMin: Double?, guideMax: Double?, status: RowStatus) {
        self.guideRow = guideRow
        self.label = label
        self.monthly = monthly
        self.guideMin = guideMin
        self.guideMax = guideMax
        self.status = status
    }
}

/// A cheaper equivalent of something deployed, with its monthly difference.
public struct Saving: Codable, Sendable, Equatable {
    public var resource: String
    /// What to change (`db.t3.micro → db.t4g.micro`).
    public var change: String
    /// USD per month, negative when it saves.
    public var monthlyDelta: Double
    /// How the figure was computed.
    public var basis: String

    /// Creates a saving.
    public init(resource: String, change: String, monthlyDelta: Double, basis: String) {
        self.resource = resource
        self.change = change
        self.monthlyDelta = monthlyDelta
        self.basis = basis
    }
}

/// The monthly cost estimate of an inventory, against a budget.
public struct CostReport: Codable, Sendable, Equatable {
    public var currency: String = "USD"
    public var hoursPerMonth: Double = 730
    public var lines: [CostLine] = []
    public var rows: [CostRow] = []
    /// Sum of every known line.
    public var total: Double = 0
    /// False when some line's price is unknown: the total is then a lower bound.
    public var totalComplete: Bool = true
    public var guideTotalMin: Double?
    public var guideTotalMax: Double?
    public var totalStatus: RowStatus = .variable
    /// Every usage assumption behind a usage-based line, with where it came from.
    public var assumptions: [String] = []
    /// Cheaper equivalents.
    public var savings: [Saving] = []
    /// The monthly total once every finding with a cost delta is fixed.
    public var totalAfterFixes: Double?

    /// An empty report.
    public init() {}
}
