import Foundation

/// Turns a report into text for one audience (people, scripts, code scanning).
/// Renderers are deterministic: equal reports render byte-identically,
/// whatever order their lists were built in, and no rendering carries a
/// secret value (findings hold only a masked preview and a short hash).
public protocol ReportRenderer: Sendable {
    /// The report as text.
    func render(_ report: Report) throws -> String
}

/// The output formats of `run --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// A page for a weekly issue or wiki (GitHub-flavoured Markdown, mermaid chart).
    case markdown
    /// The JSON report of contract.md, schemaVersion 1.
    case json
    /// SARIF 2.1.0 for code scanning.
    case sarif
    /// Compact terminal output.
    case text

    /// The renderer of this format; `ruleDocs` (rule id → documentation)
    /// enriches SARIF rule descriptions and is ignored by the other formats.
    public func renderer(ruleDocs: [String: RuleDoc] = [:]) -> any ReportRenderer {
        switch self {
        case .markdown: return MarkdownReportRenderer()
        case .json: return JSONReportRenderer()
        case .sarif: return SARIFRenderer(ruleDocs: ruleDocs)
        case .text: return TextReportRenderer()
        }
    }
}

/// The renderer of `format` (see `ReportFormat.renderer(ruleDocs:)`).
public func renderer(for format: ReportFormat, ruleDocs: [String: RuleDoc] = [:]) -> any ReportRenderer {
    format.renderer(ruleDocs: ruleDocs)
}
