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
        var bytes: [UInt8] = []
        stream(report) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text as UTF-8 handed to `sink` in parts as it is written (the same
    /// text as `render`); the finding lines are written over the cores.
    func stream(_ report: Report, to sink: (ArraySlice<UInt8>) -> Void) {
        let report = report.canonicallyOrdered()
        let findings = report.findings
        let width = Self.ruleWidth(findings)
        ParallelText.write(count: findings.count, bytesPerItem: 300, state: { LineMemo() }, item: { index, out, memo in
            Self.writeLine(findings[index], ruleWidth: width, into: &out, memo: &memo)
            out.append(UInt8(ascii: "\n"))
        }, to: sink)
        var lines: [String] = []
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
        sink(Array((lines.joined(separator: "\n") + "\n").utf8)[...])
    }

    /// The widest rule id, in characters (counted once per run of equal ids).
    static func ruleWidth(_ findings: [Finding]) -> Int {
        var width = 0
        var last: String?
        for finding in findings where finding.ruleId != last {
            last = finding.ruleId
            width = max(width, finding.ruleId.count)
        }
        return width
    }

    /// `findingLine` as UTF-8, with the padded severity and rule taken from `memo`.
    static func writeLine(_ finding: Finding, ruleWidth: Int, into out: inout [UInt8], memo: inout LineMemo) {
        out.append(contentsOf: memo.head(finding, ruleWidth: ruleWidth))
        out.append(contentsOf: finding.resource.type.utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: finding.resource.id.utf8)
        out.append(contentsOf: "  ".utf8)
        out.append(contentsOf: flat(finding.message).utf8)
        if let evidence = finding.evidence {
            out.append(contentsOf: " [\(RenderMarkdown.evidence(evidence))]".utf8)
        }
        if let location = finding.location { out.append(contentsOf: " (\(location.file):\(location.line))".utf8) }
    }

    /// The padded `SEVERITY rule_id  ` that starts a finding's line, by rule id.
    struct LineMemo {
        private var heads: [String: (severity: Severity, bytes: [UInt8])] = [:]

        mutating func head(_ finding: Finding, ruleWidth: Int) -> [UInt8] {
            if let slot = heads[finding.ruleId], slot.severity == finding.severity { return slot.bytes }
            let severity = TextReportRenderer.paddedSeverity(finding.severity)
            let rule = TextReportRenderer.paddedRule(finding.ruleId, width: ruleWidth)
            let bytes = Array("\(severity) \(rule)  ".utf8)
            heads[finding.ruleId] = (finding.severity, bytes)
            return bytes
        }
    }

    /// `CRITICAL` in 8 columns.
    static func paddedSeverity(_ severity: Severity) -> String {
        severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
    }

    /// The rule id in `width` columns (never cut).
    static func paddedRule(_ ruleId: String, width: Int) -> String {
        ruleId.padding(toLength: max(width, ruleId.count), withPad: " ", startingAt: 0)
    }

    /// `CRITICAL ecs_plaintext_secret_env  ecs:task-definition app:1  message [evidence] (file:line)`.
    static func findingLine(_ finding: Finding, ruleWidth: Int) -> String {
        var bytes: [UInt8] = []
        var memo = LineMemo()
        writeLine(finding, ruleWidth: ruleWidth, into: &bytes, memo: &memo)
        return String(decoding: bytes, as: UTF8.self)
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
        guard RenderBytes.hasNewline(text) else { return text }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
