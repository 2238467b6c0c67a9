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
        String(decoding: Self.bytes(of: report), as: UTF8.self)
    }

    /// The report's JSON text as UTF-8: the same text as `value(of:)` written
    /// by `ReportJSONWriter.pretty`, with findings and cost lines written
    /// directly (no tree per finding).
    ///
    /// `changes` adds the extension member of `run --compare`: what changed
    /// since the previous report, as `diff --format json` writes it.
    static func bytes(of report: Report, changes: ReportDiff? = nil) -> [UInt8] {
        let report = report.canonicallyOrdered()
        var out = JSONTextWriter(pretty: true, capacity: 16_384 + report.findings.count * 1_400 + report.cost.lines.count * 400)
        write(report, changes: changes, into: &out)
        return out.bytes
    }

    /// The report's JSON text handed to `sink` in chunks as it is written
    /// (the same bytes as `bytes(of:)`).
    static func stream(_ report: Report, to sink: @escaping (ArraySlice<UInt8>) -> Void) {
        var out = JSONTextWriter(pretty: true, sink: sink)
        write(report.canonicallyOrdered(), changes: nil, into: &out)
        out.finish()
    }

    /// Writes canonically ordered `report` as one JSON document ending in a newline.
    private static func write(_ report: Report, changes: ReportDiff?, into out: inout JSONTextWriter) {
        out.beginObject()
        if let changes {
            out.key("changes")
            DiffJSONRenderer.write(changes, into: &out)
        }
        out.key("complete")
        out.bool(report.complete)
        out.key("cost")
        write(report.cost, into: &out)
        out.key("coverage")
        out.value(.array(report.coverage.map(value(of:))))
        out.key("findings")
        out.beginArray()
        writeItems(report.findings, into: &out)
        out.endArray()
        out.key("notices")
        out.value(.strings(report.notices))
        out.key("schemaVersion")
        out.value(.int(report.schemaVersion))
        out.key("source")
        out.value(value(of: report.source))
        out.key("summary")
        out.value(summary(report.summary))
        out.key("tool")
        out.value(.object(["name": .string(report.tool.name), "version": .string(report.tool.version)]))
        out.key("waived")
        out.value(waived(report.waived))
        out.endObject()
        out.finalNewline()
    }

    static func summary(_ summary: SeveritySummary) -> ReportJSONValue {
        .object([
            "critical": .int(summary.critical), "high": .int(summary.high),
            "medium": .int(summary.medium), "low": .int(summary.low), "info": .int(summary.info),
        ])
    }

    static func waived(_ waived: [WaivedFinding]) -> ReportJSONValue {
        .array(waived.map { waived in
            .object([
                "finding": value(of: waived.finding),
                "reason": .string(waived.reason),
                "expires": .optional(waived.expires),
            ])
        })
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
            "waived": waived(report.waived),
            "notices": .strings(report.notices),
            "cost": value(of: report.cost),
            "summary": summary(report.summary),
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
        var members = costMembers(cost)
        members["lines"] = .array(cost.lines.map { line in
            .object([
                "component": .string(line.component),
                "resource": .string(line.resource),
                "item": .string(line.item),
                "monthly": .money(line.monthly),
                "guideRow": .optional(line.guideRow),
                "label": .string(line.label),
                "basis": .string(line.basis),
            ])
        })
        return .object(members)
    }

    /// Every member of the cost object but `lines` (the direct writer writes those itself).
    static func costMembers(_ cost: CostReport) -> [String: ReportJSONValue] {
        [
            "currency": .string(cost.currency),
            "hoursPerMonth": .plain(cost.hoursPerMonth),
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
        ]
    }
}
