import Foundation
import Pricing

/// The cost part of the Markdown report: the table beside the guide's,
/// the lines, a mermaid chart, savings and assumptions.
enum MarkdownCostSection {
    /// The section's blocks (cost lists already in canonical order).
    static func blocks(_ cost: CostReport) -> [String] {
        var blocks = ["## Monthly cost (\(RenderMarkdown.line(cost.currency)))"]
        blocks.append(table(cost))
        if !cost.totalComplete {
            blocks.append("The total is a lower bound: some prices are unknown (rows marked “unknown price”).")
        }
        if let after = cost.totalAfterFixes {
            blocks.append(
                "**After fixes:** \(RenderMarkdown.usd(after))/month against \(RenderMarkdown.usd(cost.total))/month today "
                    + "(\(Cents.signed(after - cost.total, minus: "−")) USD/month)."
            )
        }
        if !cost.lines.isEmpty { blocks.append(lines(cost)) }
        if let chart = chart(cost.rows) { blocks += ["### Estimate against the guide", chart, chartCaption] }
        if !cost.savings.isEmpty { blocks += ["### Savings", savings(cost.savings)] }
        if !cost.assumptions.isEmpty {
            blocks += ["### Assumptions", cost.assumptions.map { "- " + RenderMarkdown.line($0) }.joined(separator: "\n")]
        }
        return blocks
    }

    static let chartCaption =
        "Bars: our monthly estimate per row. Lines: the guide's minimum and maximum (0 where the guide has no figure)."

    private static func table(_ cost: CostReport) -> String {
        var rows = cost.rows.map { row in
            [
                RenderMarkdown.cell(row.label), Cents.display(row.monthly, minus: "−"),
                RenderMarkdown.guideFigure(min: row.guideMin, max: row.guideMax), RenderMarkdown.status(row.status),
            ]
        }
        let guideTotal = RenderMarkdown.guideFigure(min: cost.guideTotalMin, max: cost.guideTotalMax)
        rows.append([
            "**Total**", "**\(Cents.display(cost.total, minus: "−"))\(cost.totalComplete ? "" : "+")**",
            "**\(guideTotal)**", RenderMarkdown.status(cost.totalStatus),
        ])
        return RenderMarkdown.table(
            ["Row", "Our estimate (USD/month)", "Guide (USD/month)", "Status"], align: ["---", "---:", "---:", "---"], rows: rows
        )
    }

    private static func lines(_ cost: CostReport) -> String {
        // 3,000 lines at 1,000 services repeat a few labels, items and bases: each is escaped once.
        var cells = CellMemo()
        var text = "<details><summary>Cost lines (\(cost.lines.count))</summary>\n\n" + RenderMarkdown.table(
            ["Row", "Item", "Resource", "Basis", "Monthly (USD)"], align: ["---", "---", "---", "---", "---:"], rows: []
        )
        text.reserveCapacity(cost.lines.count * 160)
        for line in cost.lines {
            RenderMarkdown.appendRow([
                cells.cell(line.label), cells.cell(line.item), RenderMarkdown.cellCode(line.resource),
                cells.cell(line.basis), line.monthly.map { Cents.display($0, minus: "−") } ?? "unknown",
            ], to: &text)
        }
        return text + "\n\n</details>"
    }

    /// `RenderMarkdown.cell` of texts a table repeats, each worked out once.
    private struct CellMemo {
        private var cells: [String: String] = [:]

        mutating func cell(_ text: String) -> String {
            if let known = cells[text] { return known }
            let escaped = RenderMarkdown.cell(text)
            cells[text] = escaped
            return escaped
        }
    }

    /// A mermaid `xychart-beta` block, `nil` without rows.
    static func chart(_ rows: [CostRow]) -> String? {
        guard !rows.isEmpty else { return nil }
        let labels = rows.map { "\"" + chartLabel($0.label) + "\"" }.joined(separator: ", ")
        let bars = rows.map { chartNumber($0.monthly) }
        let mins = rows.map { chartNumber($0.guideMin ?? 0) }
        let maxes = rows.map { chartNumber($0.guideMax ?? 0) }
        let figures: [Double] = rows.flatMap { row -> [Double] in [row.monthly, row.guideMax ?? 0, row.guideMin ?? 0] }
        let highest = figures.filter { $0.isFinite }.map { min($0, 1e9) }.max() ?? 0
        let top = max(10, (highest * 1.2 / 5).rounded(.up) * 5)
        let body = [
            "xychart-beta",
            "    title \"Monthly cost by row (USD)\"",
            "    x-axis [\(labels)]",
            "    y-axis \"USD per month\" 0 --> \(Int(top))",
            "    bar [\(bars.joined(separator: ", "))]",
            "    line [\(mins.joined(separator: ", "))]",
            "    line [\(maxes.joined(separator: ", "))]",
        ].joined(separator: "\n")
        return "```mermaid\n" + body + "\n```"
    }

    private static func chartLabel(_ text: String) -> String {
        let cleaned = text.map { character -> Character in
            switch character {
            case "\"", "[", "]", ",", "\n", "\r": return " "
            default: return character
            }
        }
        return String(cleaned).trimmingCharacters(in: .whitespaces)
    }

    private static func chartNumber(_ value: Double) -> String {
        value.isFinite ? Cents.display(max(0, min(value, 1e9))) : "0.00"
    }

    private static func savings(_ savings: [Saving]) -> String {
        var cells = CellMemo()
        var text = RenderMarkdown.table(
            ["Resource", "Change", "Monthly (USD)", "Basis"], align: ["---", "---", "---:", "---"], rows: []
        )
        text.reserveCapacity(savings.count * 160)
        for saving in savings {
            RenderMarkdown.appendRow([
                RenderMarkdown.cellCode(saving.resource), cells.cell(saving.change),
                Cents.signed(saving.monthlyDelta, minus: "−"), cells.cell(saving.basis),
            ], to: &text)
        }
        return text
    }
}
