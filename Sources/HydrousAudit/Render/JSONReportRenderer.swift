import Foundation
import Inventory
import Pricing
import Rules

/// The JSON report of contract.md, schemaVersion 1: keys sorted, 2-space
/// indentation, money rounded to cents, absent values written as `null`,
/// lists in canonical order. Extensions: `waived`, `notices`,
/// `source.files`, `cost.totalComplete`, `cost.savings`,
/// `cost.totalAfterFixes`, finding `monthlyCostDelta`.
public struct JSONReportRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// The report as pretty-printed JSON text ending in a newline.
    public func render(_ report: Report) throws -> String {
        ReportJSONWriter.pretty(Self.value(of: report.canonicallyOrdered()))
    }

    /// The report's JSON tree (lists in the order given).
    static func value(of report: Report) -> ReportJSONValue {
        .object([
            "schemaVersion": .int(report.schemaVersion),
            "tool": .object(["name": .string(report.tool.name), "version": .string(report.tool.version)]),
            "source": value(of: report.source),
            "complete": .bool(report.complete),
            "coverage": .array(report.coverage.map(value(of:))),
            "findings": .array(report.findings.map(value(of:))),
            "waived": .array(report.waived.map { waived in
                .object([
                    "finding": value(of: waived.finding),
                    "reason": .string(waived.reason),
                    "expires": .optional(waived.expires),
                ])
            }),
            "notices": .strings(report.notices),
            "cost": value(of: report.cost),
            "summary": .object([
                "critical": .int(report.summary.critical), "high": .int(report.summary.high),
                "medium": .int(report.summary.medium), "low": .int(report.summary.low), "info": .int(report.summary.info),
            ]),
        ])
    }

    static func value(of source: SourceInfo) -> ReportJSONValue {
        .object([
            "kind": .string(source.kind.rawValue),
            "region": .optional(source.region),
            "account": .optional(source.account),
            "scope": .object(["tags": .strings(source.scope.tags), "clusters": .strings(source.scope.clusters)]),
            "files": source.files.map(ReportJSONValue.strings) ?? .null,
        ])
    }

    static func value(of entry: CoverageEntry) -> ReportJSONValue {
        .object([
            "service": .string(entry.service),
            "operation": .string(entry.operation),
            "status": .string(entry.status.rawValue),
            "detail": .optional(entry.detail),
        ])
    }

    /// A finding's JSON tree (also used by the diff).
    static func value(of finding: Finding) -> ReportJSONValue {
        .object([
            "ruleId": .string(finding.ruleId),
            "severity": .string(finding.severity.rawValue),
            "title": .string(finding.title),
            "resource": .object([
                "type": .string(finding.resource.type),
                "id": .string(finding.resource.id),
                "arn": .optional(finding.resource.arn),
                "name": .optional(finding.resource.name),
            ]),
            "message": .string(finding.message),
            "evidence": finding.evidence.map { evidence in
                .object([
                    "variable": .string(evidence.variable),
                    "preview": .string(evidence.preview),
                    "sha256": .string(evidence.sha256),
                ])
            } ?? .null,
            "remediation": .string(finding.remediation),
            "references": .strings(finding.references),
            "fingerprint": .string(finding.fingerprint),
            "location": finding.location.map { location in
                .object(["file": .string(location.file), "line": .int(location.line)])
            } ?? .null,
            "monthlyCostDelta": .money(finding.monthlyCostDelta),
        ])
    }

    static func value(of cost: CostReport) -> ReportJSONValue {
        .object([
            "currency": .string(cost.currency),
            "hoursPerMonth": .plain(cost.hoursPerMonth),
            "lines": .array(cost.lines.map { line in
                .object([
                    "component": .string(line.component),
                    "resource": .string(line.resource),
                    "item": .string(line.item),
                    "monthly": .money(line.monthly),
                    "guideRow": .optional(line.guideRow),
                    "label": .string(line.label),
                    "basis": .string(line.basis),
                ])
            }),
            "rows": .array(cost.rows.map { row in
                .object([
                    "guideRow": .optional(row.guideRow),
                    "label": .string(row.label),
                    "monthly": .money(row.monthly),
                    "guideMin": .money(row.guideMin),
                    "guideMax": .money(row.guideMax),
                    "status": .string(row.status.rawValue),
                ])
            }),
            "total": .money(cost.total),
            "totalComplete": .bool(cost.totalComplete),
            "guideTotalMin": .money(cost.guideTotalMin),
            "guideTotalMax": .money(cost.guideTotalMax),
            "totalStatus": .string(cost.totalStatus.rawValue),
            "assumptions": .strings(cost.assumptions),
            "savings": .array(cost.savings.map { saving in
                .object([
                    "resource": .string(saving.resource),
                    "change": .string(saving.change),
                    "monthlyDelta": .money(saving.monthlyDelta),
                    "basis": .string(saving.basis),
                ])
            }),
            "totalAfterFixes": .money(cost.totalAfterFixes),
        ])
    }
}
