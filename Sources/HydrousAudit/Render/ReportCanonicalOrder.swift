import Foundation
import Inventory
import Pricing
import Rules

/// The order every renderer presents a report's lists in, whatever order
/// they were built in: renderings are byte-identical for equal content.
public enum ReportCanonicalOrder {
    /// The guide's cost table rows, in the guide's order.
    public static let guideRows = [
        "RDS PostgreSQL", "ElastiCache Redis", "ECS Fargate", "Application Load Balancer", "Data transfer and others",
    ]

    /// Sort key of a cost row: the guide's rows in guide order, other guide
    /// rows by name, then rows the guide lacks by label.
    static func rowKey(guideRow: String?, label: String) -> (Int, String, String) {
        if let guideRow {
            if let position = guideRows.firstIndex(of: guideRow) { return (position, "", label) }
            return (guideRows.count, guideRow, label)
        }
        return (guideRows.count + 1, label, "")
    }

    /// True when row `lhs` comes before row `rhs`.
    static func rowOrder(_ lhs: CostRow, _ rhs: CostRow) -> Bool {
        let left = rowKey(guideRow: lhs.guideRow, label: lhs.label)
        let right = rowKey(guideRow: rhs.guideRow, label: rhs.label)
        if left != right { return left < right }
        return lhs.monthly < rhs.monthly
    }

    /// True when line `lhs` comes before line `rhs`: by row, component, resource, item.
    static func lineOrder(_ lhs: CostLine, _ rhs: CostLine) -> Bool {
        let left = rowKey(guideRow: lhs.guideRow, label: lhs.label)
        let right = rowKey(guideRow: rhs.guideRow, label: rhs.label)
        if left != right { return left < right }
        // Tuples, not arrays: the lines are sorted on every render (3,000 at
        // 1,000 services), and each comparison allocated two arrays.
        let leftRest = (lhs.component, lhs.resource, lhs.item, lhs.basis)
        let rightRest = (rhs.component, rhs.resource, rhs.item, rhs.basis)
        if leftRest != rightRest { return leftRest < rightRest }
        return (lhs.monthly ?? -1) < (rhs.monthly ?? -1)
    }

    /// True when coverage entry `lhs` comes before `rhs`: by service, operation, status, detail.
    static func coverageOrder(_ lhs: CoverageEntry, _ rhs: CoverageEntry) -> Bool {
        (lhs.service, lhs.operation, lhs.status.rawValue, lhs.detail ?? "") < (rhs.service, rhs.operation, rhs.status.rawValue, rhs.detail ?? "")
    }

    /// Coverage for people: failed first, then denied, then ok; each by service and operation.
    static func coverageProblemsFirst(_ lhs: CoverageEntry, _ rhs: CoverageEntry) -> Bool {
        func rank(_ status: CoverageEntry.Status) -> Int {
            switch status {
            case .failed: return 0
            case .denied: return 1
            case .ok: return 2
            }
        }
        if lhs.status != rhs.status { return rank(lhs.status) < rank(rhs.status) }
        return coverageOrder(lhs, rhs)
    }

    /// True when waived finding `lhs` comes before `rhs`.
    static func waivedOrder(_ lhs: WaivedFinding, _ rhs: WaivedFinding) -> Bool {
        if lhs.finding != rhs.finding { return Finding.reportOrder(lhs.finding, rhs.finding) }
        return (lhs.reason, lhs.expires ?? "") < (rhs.reason, rhs.expires ?? "")
    }
}

extension Report {
    /// This report with every list in canonical order (findings in report
    /// order, cost rows in guide order, lines, coverage, notices,
    /// assumptions, savings and scope sorted). Content is unchanged.
    public func canonicallyOrdered() -> Report {
        // The findings' order is checked while the other lists are sorted.
        let (findings, others) = Parallel.both({ [findings] in Finding.sortedInReportOrder(findings) }, { [self] in
            var copy = self
            copy.findings = []
            return copy.sortingAllButFindings()
        })
        var copy = others
        copy.findings = findings
        return copy
    }

    /// Every list but the findings in canonical order.
    private func sortingAllButFindings() -> Report {
        var copy = self
        copy.waived.sort(by: ReportCanonicalOrder.waivedOrder)
        copy.notices.sort()
        copy.coverage.sort(by: ReportCanonicalOrder.coverageOrder)
        copy.source.scope.tags.sort()
        copy.source.scope.clusters.sort()
        copy.source.files?.sort()
        copy.cost.rows.sort(by: ReportCanonicalOrder.rowOrder)
        copy.cost.lines.sort(by: ReportCanonicalOrder.lineOrder)
        copy.cost.assumptions.sort()
        copy.cost.savings.sort { lhs, rhs in
            if lhs.resource != rhs.resource { return lhs.resource < rhs.resource }
            if lhs.change != rhs.change { return lhs.change < rhs.change }
            return (lhs.monthlyDelta, lhs.basis) < (rhs.monthlyDelta, rhs.basis)
        }
        return copy
    }
}
