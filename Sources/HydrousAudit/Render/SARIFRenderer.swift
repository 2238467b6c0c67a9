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
        let report = report.canonicallyOrdered()
        let all = report.findings + report.waived.map(\.finding)
        let ruleIds = Array(Set(all.map(\.ruleId))).sorted()
        var indexOf: [String: Int] = [:]
        for (index, id) in ruleIds.enumerated() { indexOf[id] = index }
        let rules = ruleIds.map { id in
            ruleValue(id: id, findings: all.filter { $0.ruleId == id })
        }
        var results = report.findings.map { result($0, ruleIndex: indexOf[$0.ruleId] ?? 0, suppression: nil) }
        results += report.waived.map { result($0.finding, ruleIndex: indexOf[$0.finding.ruleId] ?? 0, suppression: $0) }
        let driver: ReportJSONValue = .object([
            "name": .string(report.tool.name),
            "version": .string(report.tool.version),
            "semanticVersion": .string(report.tool.version),
            "informationUri": .string(informationUri),
            "rules": .array(rules),
        ])
        let run: ReportJSONValue = .object([
            "tool": .object(["driver": driver]),
            "results": .array(results),
            "invocations": .array([invocation(report)]),
            "columnKind": .string("unicodeCodePoints"),
        ])
        return ReportJSONWriter.pretty(.object([
            "$schema": .string(Self.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([run]),
        ]))
    }

    private func ruleValue(id: String, findings: [Finding]) -> ReportJSONValue {
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

    private func result(_ finding: Finding, ruleIndex: Int, suppression: WaivedFinding?) -> ReportJSONValue {
        var text = finding.message
        if let evidence = finding.evidence { text += " Evidence: " + RenderMarkdown.evidence(evidence) + "." }
        var location: [String: ReportJSONValue] = [:]
        if let source = finding.location {
            location["physicalLocation"] = .object([
                "artifactLocation": .object(["uri": .string(Self.uri(source.file))]),
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
            "level": .string(Self.level(finding.severity)),
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

    private func invocation(_ report: Report) -> ReportJSONValue {
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
