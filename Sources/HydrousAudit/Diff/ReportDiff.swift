import Foundation
import Inventory
import Pricing
import Rules

/// What changed between two reports (`hydrous-audit diff`, the weekly page):
/// findings matched by fingerprint, cost per row and in total, coverage.
public struct ReportDiff: Sendable, Equatable {
    /// Findings of the current report the previous one lacked (report order).
    public var new: [Finding]
    /// Findings of the previous report the current one lacks (report order).
    public var resolved: [Finding]
    /// Findings in both, as the current report has them (report order).
    public var open: [Finding]
    /// The cost change.
    public var cost: CostDiff
    /// Operations whose coverage status changed.
    public var coverage: [CoverageChange]

    /// Creates a diff from its parts.
    public init(new: [Finding], resolved: [Finding], open: [Finding], cost: CostDiff, coverage: [CoverageChange]) {
        self.new = new
        self.resolved = resolved
        self.open = open
        self.cost = cost
        self.coverage = coverage
    }

    /// Compares `previous` with `current`.
    public static func compare(previous: Report, current: Report) -> ReportDiff {
        let before = previous.findings.sorted(by: Finding.reportOrder)
        let after = current.findings.sorted(by: Finding.reportOrder)
        let beforePrints = Set(before.map(\.fingerprint))
        let afterPrints = Set(after.map(\.fingerprint))
        return ReportDiff(
            new: after.filter { !beforePrints.contains($0.fingerprint) },
            resolved: before.filter { !afterPrints.contains($0.fingerprint) },
            open: after.filter { beforePrints.contains($0.fingerprint) },
            cost: CostDiff.compare(previous: previous.cost, current: current.cost),
            coverage: CoverageChange.compare(previous: previous.coverage, current: current.coverage)
        )
    }

    /// `2 resolved, 0 new, 5 still open; cost −3.65 USD/month`; `minus` is the sign used.
    public func headline(minus: String = "−") -> String {
        var text = "\(resolved.count) resolved, \(new.count) new, \(open.count) still open; "
        if Cents.cents(cost.delta) == 0 {
            text += "cost unchanged"
        } else {
            text += "cost \(Cents.signed(cost.delta, minus: minus)) \(cost.currency)/month"
        }
        text += " (\(Cents.display(cost.previousTotal, minus: minus)) → \(Cents.display(cost.currentTotal, minus: minus)))"
        let failing = coverage.filter { $0.current != nil && $0.current != .ok }.count
        let recovered = coverage.filter { $0.current == .ok }.count
        if failing > 0 { text += "; \(failing) operation\(failing == 1 ? "" : "s") now failing" }
        if recovered > 0 { text += "; \(recovered) operation\(recovered == 1 ? "" : "s") recovered" }
        return text
    }
}

/// The change of the monthly cost between two reports, in cents.
public struct CostDiff: Sendable, Equatable {
    /// The currency (the current report's).
    public var currency: String
    /// The previous monthly total.
    public var previousTotal: Double
    /// The current monthly total.
    public var currentTotal: Double
    /// `currentTotal - previousTotal`, rounded to cents.
    public var delta: Double
    /// Per row, rows matched by `guideRow ?? label`, in canonical row order.
    public var rows: [CostRowDiff]

    /// Creates a cost diff from its parts.
    public init(currency: String, previousTotal: Double, currentTotal: Double, delta: Double, rows: [CostRowDiff]) {
        self.currency = currency
        self.previousTotal = previousTotal
        self.currentTotal = currentTotal
        self.delta = delta
        self.rows = rows
    }

    /// Compares two cost reports row by row.
    public static func compare(previous: CostReport, current: CostReport) -> CostDiff {
        var merged: [String: CostRowDiff] = [:]
        for row in previous.rows {
            let key = row.guideRow ?? row.label
            var entry = merged[key] ?? CostRowDiff(guideRow: row.guideRow, label: row.label, previous: nil, current: nil, delta: 0)
            entry.previous = Cents.round((entry.previous ?? 0) + row.monthly)
            merged[key] = entry
        }
        for row in current.rows {
            let key = row.guideRow ?? row.label
            var entry = merged[key] ?? CostRowDiff(guideRow: row.guideRow, label: row.label, previous: nil, current: nil, delta: 0)
            entry.label = row.label
            entry.current = Cents.round((entry.current ?? 0) + row.monthly)
            merged[key] = entry
        }
        let rows = merged.values.map { row -> CostRowDiff in
            var row = row
            row.delta = Cents.round((row.current ?? 0) - (row.previous ?? 0))
            return row
        }.sorted { lhs, rhs in
            let left = ReportCanonicalOrder.rowKey(guideRow: lhs.guideRow, label: lhs.label)
            let right = ReportCanonicalOrder.rowKey(guideRow: rhs.guideRow, label: rhs.label)
            return left < right
        }
        let before = Cents.round(previous.total)
        let after = Cents.round(current.total)
        return CostDiff(
            currency: current.currency, previousTotal: before, currentTotal: after,
            delta: Cents.round(after - before), rows: rows
        )
    }
}

/// One cost row's change; a row only one report has shows `nil` on the other side.
public struct CostRowDiff: Sendable, Equatable {
    /// The guide's row, `nil` for rows the guide lacks.
    public var guideRow: String?
    /// The row's label (the current report's when both have it).
    public var label: String
    /// USD per month before, `nil` when the row was absent.
    public var previous: Double?
    /// USD per month now, `nil` when the row is gone.
    public var current: Double?
    /// `current - previous` (absent as 0), rounded to cents.
    public var delta: Double

    /// Creates a row change.
    public init(guideRow: String?, label: String, previous: Double?, current: Double?, delta: Double) {
        self.guideRow = guideRow
        self.label = label
        self.previous = previous
        self.current = current
        self.delta = delta
    }
}

/// An operation whose coverage changed: it became failed/denied, or ok again.
public struct CoverageChange: Sendable, Equatable {
    /// Service name (`ecs`).
    public var service: String
    /// Operation (`DescribeServices`).
    public var operation: String
    /// Status in the previous report, `nil` when it was not called.
    public var previous: CoverageEntry.Status?
    /// Status in the current report, `nil` when it is no longer called.
    public var current: CoverageEntry.Status?
    /// The current report's detail (why it failed).
    public var detail: String?

    /// Creates a coverage change.
    public init(service: String, operation: String, previous: CoverageEntry.Status?, current: CoverageEntry.Status?, detail: String?) {
        self.service = service
        self.operation = operation
        self.previous = previous
        self.current = current
        self.detail = detail
    }

    /// Changed statuses, plus operations newly called that did not succeed; sorted by service, operation.
    public static func compare(previous: [CoverageEntry], current: [CoverageEntry]) -> [CoverageChange] {
        func worst(_ entries: [CoverageEntry]) -> [String: CoverageEntry] {
            var table: [String: CoverageEntry] = [:]
            for entry in entries.sorted(by: ReportCanonicalOrder.coverageOrder) {
                let key = entry.service + "\u{1F}" + entry.operation
                if let known = table[key], known.status != .ok { continue }
                table[key] = entry
            }
            return table
        }
        let before = worst(previous)
        let after = worst(current)
        var changes: [CoverageChange] = []
        for key in Set(before.keys).union(after.keys) {
            let old = before[key]
            let new = after[key]
            guard old?.status != new?.status else { continue }
            if old == nil, new?.status == .ok { continue }
            if new == nil, old?.status == .ok { continue }
            guard let any = new ?? old else { continue }
            changes.append(CoverageChange(
                service: any.service, operation: any.operation, previous: old?.status, current: new?.status, detail: new?.detail
            ))
        }
        return changes.sorted { ($0.service, $0.operation) < ($1.service, $1.operation) }
    }
}
