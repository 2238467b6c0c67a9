import Foundation
import Inventory
import Pricing
import Rules
@testable import HydrousAudit

/// The renderers' previous implementations (before the byte-level fast paths
/// and the direct writers), kept as the oracle of `RenderFastPathTests`.
enum Previous {
    static func cell(_ text: String) -> String {
        inline(text)
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }

    static func cellCode(_ text: String) -> String {
        code(text).replacingOccurrences(of: "|", with: "\\|")
    }

    static func inline(_ text: String) -> String {
        guard text.contains("`") else { return escapeHTML(text) }
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        let closed = parts.count % 2 == 1
        return parts.enumerated().map { index, part in
            let insideCode = index % 2 == 1 && (closed || index < parts.count - 1)
            return insideCode ? String(part) : escapeHTML(String(part))
        }.joined(separator: "`")
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func line(_ text: String) -> String {
        inline(text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func code(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// With `remediationShownAt`, the block of a finding whose long
    /// remediation an earlier block of its run (that number) shows.
    static func findingBlock(_ finding: Finding, number: Int, remediationShownAt shown: Int? = nil) -> String {
        var lines = ["#### \(number). \(code(finding.ruleId)) — \(line(finding.title))", ""]
        var resource = "- **Resource:** \(code(finding.resource.type)) \(code(finding.resource.id))"
        if let name = finding.resource.name, name != finding.resource.id { resource += " (\(line(name)))" }
        lines.append(resource)
        if let location = finding.location {
            lines.append("- **Location:** \(code("\(location.file):\(location.line)"))")
        }
        if let evidence = finding.evidence {
            lines.append("- **Evidence:** \(code(RenderMarkdown.evidence(evidence)))")
        }
        if let delta = finding.monthlyCostDelta {
            lines.append("- **Monthly cost if fixed:** \(Cents.signed(delta, minus: "−")) USD")
        }
        let remediation = finding.remediation.trimmingCharacters(in: .whitespacesAndNewlines)
        let short = !remediation.contains("\n") && remediation.count <= 160 && !RenderMarkdown.isCommand(remediation)
        if short, !remediation.isEmpty { lines.append("- **Remediation:** \(line(remediation))") }
        lines += ["", inline(finding.message).trimmingCharacters(in: .whitespacesAndNewlines), ""]
        lines += ["<details><summary>Details</summary>", ""]
        if !short, let shown {
            lines.append("Remediation: as for finding \(shown) above.")
            lines.append("")
        } else if !short {
            lines.append("Remediation:")
            lines.append("")
            lines.append(RenderMarkdown.isCommand(remediation)
                ? RenderMarkdown.codeBlock(remediation, language: "sh")
                : inline(remediation))
            lines.append("")
        }
        if !finding.references.isEmpty {
            lines.append("References: " + finding.references.map(line).joined(separator: ", ") + "  ")
        }
        if let arn = finding.resource.arn { lines.append("ARN: \(code(arn))  ") }
        lines.append("Fingerprint: \(code(finding.fingerprint))")
        lines += ["", "</details>"]
        return lines.joined(separator: "\n")
    }

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

    /// The SARIF document as one tree.
    static func sarif(_ report: Report, renderer: SARIFRenderer) -> ReportJSONValue {
        let report = report.canonicallyOrdered()
        let all = report.findings + report.waived.map(\.finding)
        let ruleIds = Array(Set(all.map(\.ruleId))).sorted()
        var indexOf: [String: Int] = [:]
        for (index, id) in ruleIds.enumerated() { indexOf[id] = index }
        let rules = ruleIds.map { id in
            renderer.ruleValue(id: id, findings: all.filter { $0.ruleId == id })
        }
        var results = report.findings.map { result($0, ruleIndex: indexOf[$0.ruleId] ?? 0, suppression: nil) }
        results += report.waived.map { result($0.finding, ruleIndex: indexOf[$0.finding.ruleId] ?? 0, suppression: $0) }
        let driver: ReportJSONValue = .object([
            "name": .string(report.tool.name),
            "version": .string(report.tool.version),
            "semanticVersion": .string(report.tool.version),
            "informationUri": .string(renderer.informationUri),
            "rules": .array(rules),
        ])
        let run: ReportJSONValue = .object([
            "tool": .object(["driver": driver]),
            "results": .array(results),
            "invocations": .array([renderer.invocation(report)]),
            "columnKind": .string("unicodeCodePoints"),
        ])
        return .object(["$schema": .string(SARIFRenderer.schemaURI), "version": .string("2.1.0"), "runs": .array([run])])
    }

    static func result(_ finding: Finding, ruleIndex: Int, suppression: WaivedFinding?) -> ReportJSONValue {
        var text = finding.message
        if let evidence = finding.evidence { text += " Evidence: " + RenderMarkdown.evidence(evidence) + "." }
        var location: [String: ReportJSONValue] = [:]
        if let source = finding.location {
            location["physicalLocation"] = .object([
                "artifactLocation": .object(["uri": .string(SARIFRenderer.uri(source.file))]),
                "region": .object(["startLine": .int(max(1, source.line))]),
            ])
        }
        location["logicalLocations"] = .array([.object([
            "name": .string(finding.resource.id),
            "fullyQualifiedName": .string(finding.resource.arn ?? "\(finding.resource.type)/\(finding.resource.id)"),
            "kind": .string("resource"),
        ])])
        var properties: [String: ReportJSONValue] = [
            "severity": .string(finding.severity.rawValue),
            "resourceType": .string(finding.resource.type),
            "resourceId": .string(finding.resource.id),
        ]
        if let delta = finding.monthlyCostDelta { properties["monthlyCostDelta"] = .money(delta) }
        var members: [String: ReportJSONValue] = [
            "ruleId": .string(finding.ruleId),
            "ruleIndex": .int(ruleIndex),
            "level": .string(SARIFRenderer.level(finding.severity)),
            "message": .object(["text": .string(text)]),
            "locations": .array([.object(location)]),
            "partialFingerprints": .object(["hydrousAudit/v1": .string(finding.fingerprint)]),
            "properties": .object(properties),
        ]
        if let suppression {
            var justification = suppression.reason
            if let expires = suppression.expires { justification += " (expires \(expires))" }
            members["suppressions"] = .array([.object([
                "kind": .string("external"), "justification": .string(justification),
            ])])
        }
        return .object(members)
    }

    /// The diff JSON as one tree (`DiffJSONRenderer` before it wrote findings directly).
    static func diffJSON(_ diff: ReportDiff) -> String {
        let rows: [ReportJSONValue] = diff.cost.rows.map { row in
            .object([
                "guideRow": .optional(row.guideRow), "label": .string(row.label), "previous": .money(row.previous),
                "current": .money(row.current), "delta": .money(row.delta),
            ])
        }
        let coverage: [ReportJSONValue] = diff.coverage.map { change in
            .object([
                "service": .string(change.service), "operation": .string(change.operation),
                "previous": .optional(change.previous?.rawValue), "current": .optional(change.current?.rawValue),
                "detail": .optional(change.detail),
            ])
        }
        return ReportJSONWriter.pretty(.object([
            "new": .array(diff.new.map(JSONReportRenderer.value(of:))),
            "resolved": .array(diff.resolved.map(JSONReportRenderer.value(of:))),
            "open": .array(diff.open.map(JSONReportRenderer.value(of:))),
            "cost": .object([
                "currency": .string(diff.cost.currency), "previousTotal": .money(diff.cost.previousTotal),
                "currentTotal": .money(diff.cost.currentTotal), "delta": .money(diff.cost.delta), "rows": .array(rows),
            ]),
            "coverage": .array(coverage),
        ]))
    }
}
