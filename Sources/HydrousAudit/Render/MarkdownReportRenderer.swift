import Foundation
import Inventory
import Pricing
import Rules

/// A GitHub-flavoured Markdown page for a weekly issue or wiki: summary
/// first, findings by severity, the cost table against the guide's with a
/// mermaid chart, assumptions, waived findings and notices, coverage.
/// No timestamps; lists in canonical order.
public struct MarkdownReportRenderer: ReportRenderer {
    /// The page's first heading.
    public var title: String

    /// Creates the renderer.
    public init(title: String = "hydrous-audit report") {
        self.title = title
    }

    /// The report as a Markdown page ending in a newline.
    public func render(_ report: Report) throws -> String {
        var bytes: [UInt8] = []
        stream(report) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The page as UTF-8 handed to `sink` in parts as it is written (the same
    /// text as `render`): blocks separated by a blank line, the finding blocks
    /// written a batch at a time, so a large page is never held whole.
    func stream(_ report: Report, to sink: (ArraySlice<UInt8>) -> Void) {
        let report = report.canonicallyOrdered()
        var blocks = ["# " + RenderMarkdown.line(title), sourceLine(report)]
        blocks += summary(report)
        blocks.append("## Findings")
        if report.findings.isEmpty { blocks.append("No findings.") }
        // The page's tail (cost tables, waived findings, notices, coverage)
        // does not depend on the findings: it is written meanwhile (3,000
        // cost lines at 1,000 services took ~10 ms after the findings).
        let (_, tail) = Parallel.alongside({ Self.tail(report) }) {
            emit(blocks, first: true, to: sink)
            // Report order puts severity first (worst first): each severity's
            // findings are one run, taken as a slice (filtering 13,000 findings
            // once per severity read each one's box five times).
            var start = report.findings.startIndex
            for severity in Severity.allCases.reversed() {
                let end = report.findings[start...].firstIndex { $0.severity != severity } ?? report.findings.endIndex
                guard end > start else { continue }
                emit(["### \(RenderMarkdown.severityName(severity)) (\(end - start))"], first: false, to: sink)
                MarkdownFindingBlocks.write(report.findings[start..<end], firstNumber: start + 1, to: sink)
                start = end
            }
        }
        emit(tail, first: false, to: sink)
        sink(Array("\n".utf8)[...])
    }

    /// `blocks` joined by blank lines, after one unless `first`.
    private func emit(_ blocks: [String], first: Bool, to sink: (ArraySlice<UInt8>) -> Void) {
        guard !blocks.isEmpty else { return }
        let text = (first ? "" : "\n\n") + blocks.joined(separator: "\n\n")
        sink(Array(text.utf8)[...])
    }

    private func sourceLine(_ report: Report) -> String {
        var parts = ["Source: \(report.source.kind.rawValue)"]
        if let files = report.source.files, !files.isEmpty {
            parts.append(files.map(RenderMarkdown.code).joined(separator: ", "))
        }
        if let region = report.source.region { parts.append("region " + RenderMarkdown.code(region)) }
        if let account = report.source.account { parts.append("account " + RenderMarkdown.code(account)) }
        let scope = report.source.scope
        if scope.isEverything {
            parts.append("scope: everything in the region")
        } else {
            let items = scope.tags.map { "tag " + RenderMarkdown.code($0) } + scope.clusters.map { "cluster " + RenderMarkdown.code($0) }
            parts.append("scope: " + items.joined(separator: ", "))
        }
        parts.append("\(RenderMarkdown.line(report.tool.name)) \(RenderMarkdown.line(report.tool.version))")
        return parts.joined(separator: " · ")
    }

    private func summary(_ report: Report) -> [String] {
        let counts = report.summary
        let table = RenderMarkdown.table(
            ["Critical", "High", "Medium", "Low", "Info"], align: Array(repeating: "---:", count: 5),
            rows: [[counts.critical, counts.high, counts.medium, counts.low, counts.info].map(String.init)]
        )
        let cost = report.cost
        var items: [String] = []
        var total = "- **Monthly estimate:** \(RenderMarkdown.usd(cost.total))"
        let guide = RenderMarkdown.guideFigure(min: cost.guideTotalMin, max: cost.guideTotalMax)
        if guide != "—" { total += " — guide \(guide) USD: \(RenderMarkdown.status(cost.totalStatus))" }
        items.append(total)
        if let after = cost.totalAfterFixes {
            let change = Cents.signed(after - cost.total, minus: "−")
            items.append("- **After fixes:** \(RenderMarkdown.usd(after)) (\(change) USD/month)")
        }
        items.append(cost.totalComplete
            ? "- **Cost estimate:** complete"
            : "- **Cost estimate:** incomplete: some prices are unknown, so the total is a lower bound")
        let problems = report.coverage.filter { $0.status != .ok }.count
        items.append(report.complete
            ? "- **Audit:** complete: every API call the audit needed succeeded"
            : "- **Audit:** **incomplete**: \(problems) of \(report.coverage.count) operations failed or were denied (see Coverage)")
        if !report.waived.isEmpty || !report.notices.isEmpty {
            items.append("- **Waived findings:** \(report.waived.count) · **Notices:** \(report.notices.count)")
        }
        var blocks = ["## Summary", table, items.joined(separator: "\n")]
        if let rules = Self.byRule(report.findings) { blocks.append(rules) }
        return blocks
    }

    /// One row per rule and severity, in report order: how many findings,
    /// the number of the first, and what fixing them all changes in the
    /// monthly bill. A 1,000-service page holds 13,000 findings of 28 rules;
    /// the table says which ones before the reader scrolls. Nil without findings.
    static func byRule(_ findings: [Finding]) -> String? {
        guard !findings.isEmpty else { return nil }
        var rows: [[String]] = []
        var start = findings.startIndex
        // Report order keeps each (severity, rule) pair's findings together.
        while start < findings.endIndex {
            let severity = findings[start].severity
            let rule = findings[start].ruleId
            var end = start
            var delta: Double?
            while end < findings.endIndex, findings[end].severity == severity, findings[end].ruleId == rule {
                if let fix = findings[end].monthlyCostDelta { delta = (delta ?? 0) + fix }
                end += 1
            }
            rows.append([
                RenderMarkdown.cellCode(rule), RenderMarkdown.cell(severity.rawValue), String(end - start), String(start + 1),
                delta.map { Cents.signed($0, minus: "−") } ?? "—",
            ])
            start = end
        }
        return RenderMarkdown.table(
            ["Rule", "Severity", "Findings", "First", "Monthly cost if fixed (USD)"],
            align: ["---", "---", "---:", "---:", "---:"], rows: rows)
    }

    /// The blocks after the findings.
    private static func tail(_ report: Report) -> [String] {
        MarkdownCostSection.blocks(report.cost) + waivedAndNotices(report) + coverage(report)
    }

    private static func waivedAndNotices(_ report: Report) -> [String] {
        var blocks: [String] = []
        if !report.waived.isEmpty {
            let rows = report.waived.map { waived in
                [
                    RenderMarkdown.cellCode(waived.finding.ruleId), RenderMarkdown.cell(waived.finding.severity.rawValue),
                    RenderMarkdown.cellCode("\(waived.finding.resource.type) \(waived.finding.resource.id)"),
                    RenderMarkdown.cell(waived.reason), RenderMarkdown.cell(waived.expires ?? "never"),
                ]
            }
            blocks += ["## Waived findings", RenderMarkdown.table(
                ["Rule", "Severity", "Resource", "Reason", "Expires"], align: ["---", "---", "---", "---", "---"], rows: rows
            )]
        }
        if !report.notices.isEmpty {
            blocks += ["## Notices", report.notices.map { "- " + RenderMarkdown.line($0) }.joined(separator: "\n")]
        }
        return blocks
    }

    private static func coverage(_ report: Report) -> [String] {
        guard !report.coverage.isEmpty else { return ["## Coverage", "No API calls were needed (offline input)."] }
        let entries = report.coverage.sorted(by: ReportCanonicalOrder.coverageProblemsFirst)
        let rows = entries.map { entry in
            [
                RenderMarkdown.cell(entry.service), RenderMarkdown.cell(entry.operation),
                entry.status == .ok ? "ok" : "**\(entry.status.rawValue)**", RenderMarkdown.cell(entry.detail ?? ""),
            ]
        }
        let note = report.complete
            ? "Every operation succeeded."
            : "Some operations failed: findings and costs that depend on them are missing from this report."
        return ["## Coverage", note, RenderMarkdown.table(
            ["Service", "Operation", "Status", "Detail"], align: ["---", "---", "---", "---"], rows: rows
        )]
    }
}
