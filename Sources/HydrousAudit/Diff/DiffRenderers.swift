import Foundation
import Rules

/// Turns a week-over-week diff into text.
public protocol DiffRenderer: Sendable {
    /// The diff as text.
    func render(_ diff: ReportDiff) throws -> String
}

/// The output formats of `diff --format`.
public enum DiffFormat: String, CaseIterable, Sendable {
    /// A Markdown page starting with "What changed this week".
    case markdown
    /// contract.md's diff JSON (+ a `coverage` extension).
    case json
    /// Compact terminal output.
    case text

    /// The renderer of this format.
    public var renderer: any DiffRenderer {
        switch self {
        case .markdown: return DiffMarkdownRenderer()
        case .json: return DiffJSONRenderer()
        case .text: return DiffTextRenderer()
        }
    }
}

/// contract.md's diff JSON: `new`, `resolved`, `open` (findings as in the
/// report), `cost` (`previousTotal`, `currentTotal`, `delta`, `rows`), and
/// the `coverage` extension. Keys sorted, money in cents, deterministic.
public struct DiffJSONRenderer: DiffRenderer {
    /// Creates the renderer.
    public init() {}

    /// The diff as pretty-printed JSON ending in a newline.
    public func render(_ diff: ReportDiff) throws -> String {
        var out = JSONTextWriter(pretty: true)
        Self.write(diff, into: &out)
        out.finalNewline()
        return out.text
    }

    /// The diff's JSON object, keys in sorted order (`cost`, `coverage`,
    /// `new`, `open`, `resolved`); the findings are written straight to bytes
    /// over the cores (a 1,000-service diff holds 13,000 open findings).
    static func write(_ diff: ReportDiff, into out: inout JSONTextWriter) {
        let rows: [ReportJSONValue] = diff.cost.rows.map { row in
            .object([
                "guideRow": .optional(row.guideRow),
                "label": .string(row.label),
                "previous": .money(row.previous),
                "current": .money(row.current),
                "delta": .money(row.delta),
            ])
        }
        let coverage: [ReportJSONValue] = diff.coverage.map { change in
            .object([
                "service": .string(change.service),
                "operation": .string(change.operation),
                "previous": .optional(change.previous?.rawValue),
                "current": .optional(change.current?.rawValue),
                "detail": .optional(change.detail),
            ])
        }
        out.beginObject()
        out.key("cost")
        out.value(.object([
            "currency": .string(diff.cost.currency),
            "previousTotal": .money(diff.cost.previousTotal),
            "currentTotal": .money(diff.cost.currentTotal),
            "delta": .money(diff.cost.delta),
            "rows": .array(rows),
        ]))
        out.key("coverage")
        out.value(.array(coverage))
        for (key, findings) in [("new", diff.new), ("open", diff.open), ("resolved", diff.resolved)] {
            out.key(key)
            out.beginArray()
            JSONReportRenderer.writeItems(findings, into: &out)
            out.endArray()
        }
        out.endObject()
    }
}

/// Compact terminal output of a diff.
public struct DiffTextRenderer: DiffRenderer {
    /// Creates the renderer.
    public init() {}

    /// The diff as plain text ending in a newline.
    public func render(_ diff: ReportDiff) throws -> String {
        var lines = [diff.headline(minus: "-")]
        let width = (diff.new + diff.resolved).map { $0.ruleId.count }.max() ?? 0
        for finding in diff.new { lines.append("NEW      " + TextReportRenderer.findingLine(finding, ruleWidth: width)) }
        for finding in diff.resolved { lines.append("RESOLVED " + TextReportRenderer.findingLine(finding, ruleWidth: width)) }
        for row in diff.cost.rows where Cents.cents(row.delta) != 0 {
            let before = row.previous.map { Cents.display($0) } ?? "-"
            let after = row.current.map { Cents.display($0) } ?? "-"
            lines.append("COST     \(row.label): \(before) -> \(after) (\(Cents.signed(row.delta)))")
        }
        for change in diff.coverage {
            let detail = change.detail.map { " (\(TextReportRenderer.flat($0)))" } ?? ""
            lines.append("COVERAGE \(change.service) \(change.operation): "
                + "\(change.previous?.rawValue ?? "not called") -> \(change.current?.rawValue ?? "not called")\(detail)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
