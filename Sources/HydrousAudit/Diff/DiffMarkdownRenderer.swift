import Foundation
import Rules

/// A Markdown page of a diff: "What changed this week" first, then new,
/// resolved and still-open findings, the cost per row and coverage changes.
public struct DiffMarkdownRenderer: DiffRenderer {
    /// The page's first heading.
    public var title: String

    /// Creates the renderer.
    public init(title: String = "hydrous-audit: week over week") {
        self.title = title
    }

    /// The diff as a Markdown page ending in a newline.
    public func render(_ diff: ReportDiff) throws -> String {
        var blocks = ["# " + RenderMarkdown.line(title), "## What changed this week", diff.headline() + "."]
        blocks += ["## New findings (\(diff.new.count))", findingTable(diff.new)]
        blocks += ["## Resolved findings (\(diff.resolved.count))", findingTable(diff.resolved)]
        blocks.append("## Still open (\(diff.open.count))")
        blocks.append(diff.open.isEmpty
            ? "None."
            : "<details><summary>\(diff.open.count) findings</summary>\n\n" + findingTable(diff.open) + "\n\n</details>")
        blocks += ["## Cost per row (\(RenderMarkdown.line(diff.cost.currency))/month)", costTable(diff.cost)]
        if !diff.coverage.isEmpty {
            let rows = diff.coverage.map { change in
                [
                    RenderMarkdown.cell(change.service), RenderMarkdown.cell(change.operation),
                    change.previous?.rawValue ?? "not called", change.current?.rawValue ?? "not called",
                    RenderMarkdown.cell(change.detail ?? ""),
                ]
            }
            blocks += ["## Coverage changes", RenderMarkdown.table(
                ["Service", "Operation", "Before", "Now", "Detail"], align: ["---", "---", "---", "---", "---"], rows: rows
            )]
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func findingTable(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "None." }
        let rows = findings.map { finding in
            var message = RenderMarkdown.cell(finding.message)
            if let evidence = finding.evidence { message += " " + RenderMarkdown.cellCode(RenderMarkdown.evidence(evidence)) }
            if let location = finding.location {
                message += " " + RenderMarkdown.cellCode("\(location.file):\(location.line)")
            }
            return [
                finding.severity.rawValue, RenderMarkdown.cellCode(finding.ruleId),
                RenderMarkdown.cellCode("\(finding.resource.type) \(finding.resource.id)"), message,
            ]
        }
        return RenderMarkdown.table(["Severity", "Rule", "Resource", "Message"], align: ["---", "---", "---", "---"], rows: rows)
    }

    private func costTable(_ cost: CostDiff) -> String {
        var rows = cost.rows.map { row in
            [
                RenderMarkdown.cell(row.label),
                row.previous.map { Cents.display($0, minus: "−") } ?? "—",
                row.current.map { Cents.display($0, minus: "−") } ?? "—",
                Cents.signed(row.delta, minus: "−"),
            ]
        }
        rows.append([
            "**Total**", "**\(Cents.display(cost.previousTotal, minus: "−"))**",
            "**\(Cents.display(cost.currentTotal, minus: "−"))**", "**\(Cents.signed(cost.delta, minus: "−"))**",
        ])
        return RenderMarkdown.table(["Row", "Previous", "Current", "Change"], align: ["---", "---:", "---:", "---:"], rows: rows)
    }
}
