import Foundation
import Inventory
import Rules

/// SARIF 2.1.0 for code scanning: one run, one `rule` per rule id that
/// appears (findings and waived findings), one `result` per finding; waived
/// findings carry an external suppression with the waiver's reason.
public struct SARIFRenderer: ReportRenderer {
    /// Rule documentation by id; without an entry a rule is described by its findings.
    public var ruleDocs: [String: RuleDoc]
    /// The tool's home page.
    public var informationUri: String

    /// The SARIF schema URI written in `$schema`.
    public static let schemaURI = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    /// The default `informationUri`.
    public static let defaultInformationUri = "https://github.com/hydrous/hydrous-audit"

    /// Creates the renderer.
    public init(ruleDocs: [String: RuleDoc] = [:], informationUri: String = SARIFRenderer.defaultInformationUri) {
        self.ruleDocs = ruleDocs
        self.informationUri = informationUri
    }

    /// The SARIF level of a severity: critical/high → error, medium → warning, low/info → note.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// GitHub's `security-severity` score of a severity.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return "0.0"
        }
    }

    /// The report as SARIF JSON text ending in a newline.
    public func render(_ report: Report) throws -> String {
        var bytes: [UInt8] = []
        stream(report) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The SARIF text as UTF-8 handed to `sink` in chunks as it is written
    /// (the same text as `render`): results are written straight to bytes,
    /// over the cores, so 13,000 results are neither built as trees nor held whole.
    func stream(_ report: Report, to sink: @escaping (ArraySlice<UInt8>) -> Void) {
        let report = report.canonicallyOrdered()
        var byRule: [String: [Finding]] = [:]
        for finding in report.findings + report.waived.map(\.finding) { byRule[finding.ruleId, default: []].append(finding) }
        let ruleIds = byRule.keys.sorted()
        var indexOf: [String: Int] = [:]
        for (index, id) in ruleIds.enumerated() { indexOf[id] = index }
        let rules = ruleIds.map { id in ruleValue(id: id, findings: byRule[id] ?? []) }
        let driver: ReportJSONValue = .object([
            "name": .string(report.tool.name),
            "version": .string(report.tool.version),
            "semanticVersion": .string(report.tool.version),
            "informationUri": .string(informationUri),
            "rules": .array(rules),
        ])
        // Keys in sorted order: `$schema`, `runs` (`columnKind`, `invocations`, `results`, `tool`), `version`.
        var out = JSONTextWriter(pretty: true, sink: sink)
        out.beginObject()
        out.key("$schema")
        out.string(Self.schemaURI)
        out.key("runs")
        out.beginArray()
        out.item()
        out.beginObject()
        out.key("columnKind")
        out.string("unicodeCodePoints")
        out.key("invocations")
        out.value(.array([invocation(report)]))
        out.key("results")
        out.beginArray()
        let entries = report.findings.map { ($0, WaivedFinding?.none) } + report.waived.map { ($0.finding, Optional($0)) }
        SARIFResults.writeItems(entries, ruleIndex: indexOf, into: &out)
        out.endArray()
        out.key("tool")
        out.value(.object(["driver": driver]))
        out.endObject()
        out.endArray()
        out.key("version")
        out.string("2.1.0")
        out.endObject()
        out.finalNewline()
        out.finish()
    }

    /// The `rule` object of `id`, described by its documentation or else by its `findings`.
    func ruleValue(id: String, findings: [Finding]) -> ReportJSONValue {
        let worst = findings.map(\.severity).max() ?? .medium
        let first = findings.first
        let doc = ruleDocs[id]
        let title = doc?.title ?? first?.title ?? id
        let remediation = doc?.remediation ?? first?.remediation ?? ""
        let full = doc.map { $0.rationale.isEmpty ? $0.title : $0.rationale } ?? title
        let severity = doc?.severity ?? worst
        let references = doc?.references ?? first?.references ?? []
        var helpMarkdown = "**\(title)**\n\n"
        if let rationale = doc?.rationale, !rationale.isEmpty { helpMarkdown += rationale + "\n\n" }
        helpMarkdown += RenderMarkdown.isCommand(remediation)
            ? "Remediation:\n\n" + RenderMarkdown.codeBlock(remediation, language: "sh")
            : "Remediation: " + remediation
        if !references.isEmpty { helpMarkdown += "\n\nReferences: " + references.joined(separator: ", ") }
        return .object([
            "id": .string(id),
            "name": .string(Self.pascalCase(id)),
            "shortDescription": .object(["text": .string(title)]),
            "fullDescription": .object(["text": .string(full)]),
            "help": .object(["text": .string("Remediation: " + remediation), "markdown": .string(helpMarkdown)]),
            "defaultConfiguration": .object(["level": .string(Self.level(severity))]),
            "properties": .object([
                "tags": .strings((["security"] + references.filter { !$0.isEmpty }).uniqued()),
                "security-severity": .string(Self.securitySeverity(severity)),
            ]),
        ])
    }

    /// The run's `invocation`: success, and a warning per coverage problem.
    func invocation(_ report: Report) -> ReportJSONValue {
        let problems = report.coverage.filter { $0.status != .ok }.sorted(by: ReportCanonicalOrder.coverageOrder)
        let notifications: [ReportJSONValue] = problems.map { entry in
            var text = "\(entry.service) \(entry.operation): \(entry.status.rawValue)"
            if let detail = entry.detail, !detail.isEmpty { text += " (\(detail))" }
            return .object(["level": .string("warning"), "message": .object(["text": .string(text)])])
        }
        return .object([
            "executionSuccessful": .bool(report.complete),
            "toolExecutionNotifications": .array(notifications),
        ])
    }

    /// `ecs_plaintext_secret_env` → `EcsPlaintextSecretEnv`.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A relative URI reference for a path as the user gave it: SARIF needs a
    /// valid URI, so spaces, `%`, `?`, `#` and other unsafe characters are
    /// percent-encoded and `\` becomes `/`; plain paths are kept as given.
    static func uri(_ path: String) -> String {
        let slashed = path.replacingOccurrences(of: "\\", with: "/")
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#[]")
        return slashed.addingPercentEncoding(withAllowedCharacters: allowed) ?? slashed
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
