import Foundation
import Rules

/// Renders reports for the command line: rule documentation for SARIF, and
/// last week's changes in front of this week's report (`run --compare`).
public enum ReportOutput {
    /// Every registered rule's documentation, for SARIF's rule descriptions.
    public static var ruleDocs: [String: RuleDoc] {
        RuleDoc.table(RuleRegistry.all.map { $0.description })
    }

    /// `report` in `format`.
    public static func render(_ report: Report, format: ReportFormat) throws -> String {
        try format.renderer(ruleDocs: ruleDocs).render(report)
    }

    /// `report` in `format` as UTF-8, handed to `sink` in chunks (the same
    /// text as `render`): every format is written straight to bytes as it
    /// goes, so a large report is never held whole.
    public static func stream(_ report: Report, format: ReportFormat, to sink: @escaping (ArraySlice<UInt8>) -> Void) throws {
        switch format {
        case .json:
            JSONReportRenderer.stream(report, to: sink)
        case .markdown:
            MarkdownReportRenderer().stream(report, to: sink)
        case .text:
            TextReportRenderer().stream(report, to: sink)
        case .sarif:
            SARIFRenderer(ruleDocs: ruleDocs).stream(report, to: sink)
        }
    }

    /// `report` in `format`, preceded by what changed since `previous`:
    /// Markdown and text put the diff first; JSON carries it as the extension
    /// member `changes` (the diff's own JSON shape, contract.md).
    public static func render(_ report: Report, format: ReportFormat, changesSince previous: Report) throws -> String {
        let diff = ReportDiff.compare(previous: previous, current: report)
        switch format {
        case .markdown:
            return try DiffFormat.markdown.renderer.render(diff) + "\n" + render(report, format: format)
        case .text:
            return try DiffFormat.text.renderer.render(diff) + "\n" + render(report, format: format)
        case .json:
            // `changes` is written first, in the sorted order of every other key.
            return String(decoding: JSONReportRenderer.bytes(of: report, changes: diff), as: UTF8.self)
        case .sarif:
            throw AuditInputError.compareNeedsReadableFormat
        }
    }
}
