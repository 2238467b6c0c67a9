import Foundation
import Inventory
import Pricing
import Rules

/// Compact terminal output: one line per finding (severity, rule, resource,
/// message, location), then the cost and coverage summary.
public struct TextReportRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// The report as plain text ending in a newline.
    public func render(_ report: Report) throws -> String {
        let report = report.canonicallyOrdered()
        var lines: [String] = []
        let width = report.findings.map { $0.ruleId.count }.max() ?? 0
        for finding in report.findings {
            lines.append(Self.findingLine(finding, ruleWidth: width))
        }
        if report.findings.isEmpty { lines.append("No findings.") }
        lines.append("")
        let counts = report.summary
        lines.append("Findings: \(counts.critical) critical, \(counts.high) high, \(counts.medium) medium, "
            + "\(counts.low) low, \(counts.info) info" + (report.waived.isEmpty ? "" : "; \(report.waived.count) waived"))
        lines.append(Self.costLine(report.cost))
        if let after = report.cost.totalAfterFixes {
            lines.append("After fixes: \(Cents.display(after)) USD/month (\(Cents.signed(after - report.cost.total)))")
        }
        for row in report.cost.rows where row.status == .above || row.status == .unknown {
            lines.append("  \(row.label): \(Cents.display(row.monthly)) USD/month, \(Self.status(row.status))")
        }
        let problems = report.coverage.filter { $0.status != .ok }.sorted(by: ReportCanonicalOrder.coverageProblemsFirst)
        if problems.isEmpty {
            lines.append("Audit complete.")
        } else {
            lines.append("Audit INCOMPLETE: \(problems.count) of \(report.coverage.count) operations could not be read:")
            for entry in problems {
                let detail = entry.detail.map { " (\(Self.flat($0)))" } ?? ""
                lines.append("  \(entry.status.rawValue) \(entry.service) \(entry.operation)\(detail)")
            }
        }
        for notice in report.notices { lines.append("Notice: " + Self.flat(notice)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `CRITICAL ecs_plaintext_secret_env  ecs:task-definition app:1  message [evidence] (file:line)`.
    static func findingLine(_ finding: Finding, ruleWidth: Int) -> String {
        let severity = finding.severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
        let rule = finding.ruleId.padding(toLength: max(ruleWidth, finding.ruleId.count), withPad: " ", startingAt: 0)
        var line = "\(severity) \(rule)  \(finding.resource.type) \(finding.resource.id)  \(flat(finding.message))"
        if let evidence = finding.evidence {
            line += " [\(RenderMarkdown.evidence(evidence))]"
        }
        if let location = finding.location { line += " (\(location.file):\(location.line))" }
        return line
    }

    static func costLine(_ cost: CostReport) -> String {
        var line = "Cost: \(Cents.display(cost.total)) \(cost.currency)/month"
        if !cost.totalComplete { line += " or more (some prices unknown)" }
        let guide = RenderMarkdown.guideFigure(min: cost.guideTotalMin, max: cost.guideTotalMax)
        if guide != "—" { line += "; guide \(guide): \(status(cost.totalStatus))" }
        return line
    }

    static func status(_ status: RowStatus) -> String {
        status == .notInGuide ? "not in guide" : status.rawValue
    }

    /// `text` on one line.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
