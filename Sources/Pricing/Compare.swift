import Foundation
import Inventory

/// Rolls priced lines up into rows and sets them against a budget.
///
/// Rows come in the budget's order, then rows the budget lacks (sorted by
/// label, status `not-in-guide`). A row with an unknown line is `unknown`; a
/// budget row without a figure is `variable`; otherwise `below` / `within` /
/// `above` its range (a single figure is a range with min == max). Row and
/// total figures are sums of the lines' rounded cents. `assumptions` collects
/// every usage figure the lines used, in line order, without repeats.
public func compare(lines: [CostLine], budget: Budget, hoursPerMonth: Double = 730) -> CostReport {
    var report = CostReport()
    report.hoursPerMonth = hoursPerMonth
    report.lines = lines
    // Each line goes to the first budget row it matches, else to a row of its
    // own label (labels sorted). Lines are read in place: filtering copies of
    // 3,000 lines at 1,000 services copied each (seven strings) several times.
    var taken = [Bool](repeating: false, count: lines.count)
    for budgetRow in budget.rows {
        var monthly: [Double?] = []
        for index in lines.indices where !taken[index] && matches(lines, index, budgetRow) {
            taken[index] = true
            monthly.append(lines[index].monthly)
        }
        report.rows.append(row(budgetRow.guideRow, budgetRow.label, monthly, min: budgetRow.min, max: budgetRow.max, inBudget: true))
    }
    var ownRows: [String: (guideRow: String?, monthly: [Double?])] = [:]
    for index in lines.indices where !taken[index] {
        ownRows[lines[index].label, default: (lines[index].guideRow, [])].monthly.append(lines[index].monthly)
    }
    for label in ownRows.keys.sorted() {
        guard let own = ownRows[label] else { continue }
        report.rows.append(row(own.guideRow, label, own.monthly, min: nil, max: nil, inBudget: false))
    }
    report.total = Money.sum(report.rows.map(\.monthly))
    report.totalComplete = lines.allSatisfy { $0.monthly != nil }
    report.guideTotalMin = budget.totalMin
    report.guideTotalMax = budget.totalMax
    report.totalStatus = report.totalComplete
        ? status(report.total, min: budget.totalMin, max: budget.totalMax)
        : .unknown
    var seen = Set<String>()
    report.assumptions = lines.flatMap { $0.assumptions ?? [] }.filter { seen.insert($0).inserted }
    return report
}

private func matches(_ lines: [CostLine], _ index: Int, _ row: BudgetRow) -> Bool {
    if let guideRow = row.guideRow { return lines[index].guideRow == guideRow }
    return lines[index].guideRow == nil && lines[index].label == row.label
}

/// A row over its lines' monthly figures (`nil`: a price unknown), in line order.
private func row(_ guideRow: String?, _ label: String, _ monthly: [Double?], min: Double?, max: Double?, inBudget: Bool) -> CostRow {
    let sum = Money.sum(monthly.compactMap { $0 })
    let rowStatus: RowStatus
    if monthly.contains(where: { $0 == nil }) {
        rowStatus = .unknown
    } else if !inBudget {
        rowStatus = .notInGuide
    } else {
        rowStatus = status(sum, min: min, max: max)
    }
    return CostRow(guideRow: guideRow, label: label, monthly: sum, guideMin: min, guideMax: max, status: rowStatus)
}

private func status(_ value: Double, min: Double?, max: Double?) -> RowStatus {
    guard min != nil || max != nil else { return .variable }
    if let min, Money.cents(value) < min { return .below }
    if let max, Money.cents(value) > max { return .above }
    return .within
}

extension CostModel {
    /// The whole cost section for `inventory`: lines, rows against `budget`,
    /// assumptions and savings. `totalAfterFixes` is left for the caller,
    /// who knows the findings (see `fixDelta` and `CostReport.applyingFixes`).
    public func report(for inventory: Inventory, budget: Budget) -> CostReport {
        var report = compare(lines: estimate(inventory), budget: budget, hoursPerMonth: prices.hoursPerMonth)
        report.savings = savings(inventory)
        return report
    }
}

extension CostReport {
    /// This report with `totalAfterFixes` set: the total plus every fix's delta.
    public func applyingFixes(_ fixes: [FixCost]) -> CostReport {
        applyingFixDeltas(fixes.map(\.monthlyDelta))
    }

    /// This report with `totalAfterFixes` set: the total plus `deltas` (USD per month, summed in order).
    public func applyingFixDeltas(_ deltas: [Double]) -> CostReport {
        var report = self
        report.totalAfterFixes = Money.sum([total] + deltas)
        return report
    }
}
