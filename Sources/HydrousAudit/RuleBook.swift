import Foundation
import Inventory
import Rules

/// `rules list` and `rules explain`: the catalog as a user reads it, with the
/// configuration that is active (from `rules/*.yml`).
public struct RuleBook: Sendable {
    /// The active configuration.
    public let configuration: RulesConfiguration

    /// Loads the configuration from `rulesDirectory`, else `rules/` beside the tool, else the defaults.
    public init(rulesDirectory: String?, locator: DataLocator = DataLocator()) throws {
        if let dir = rulesDirectory ?? locator.rulesDirectory() {
            configuration = try RulesConfiguration.load(directory: dir)
        } else {
            configuration = .default
        }
    }

    /// Every registered rule's description, sorted by id.
    public var descriptions: [RuleDescription] {
        RuleRegistry.all.map { $0.description }.sorted { $0.id < $1.id }
    }

    func severity(of rule: RuleDescription) -> Severity {
        configuration.settings(for: rule.id).severity ?? rule.severity
    }

    /// The catalog: id, severity, title, references (text, markdown or json).
    public func list(format: ReportFormat) throws -> String {
        switch format {
        case .json:
            let entries = descriptions.map { rule in
                ListEntry(
                    id: rule.id, severity: severity(of: rule).rawValue, title: rule.title, references: rule.references,
                    enabled: configuration.settings(for: rule.id).enabled, appliesTo: rule.applicability.rawValue
                )
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(entries), as: UTF8.self) + "\n"
        case .markdown:
            var out = "| id | severity | title | references |\n|---|---|---|---|\n"
            for rule in descriptions {
                let refs = rule.references.joined(separator: ", ").replacingOccurrences(of: "|", with: "\\|")
                let state = configuration.settings(for: rule.id).enabled ? "" : " (disabled)"
                out += "| `\(rule.id)`\(state) | \(severity(of: rule).rawValue) | \(rule.title) | \(refs) |\n"
            }
            return out
        case .text, .sarif:
            let width = descriptions.map(\.id.count).max() ?? 0
            return descriptions.map { rule in
                let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let sev = severity(of: rule).rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                let state = configuration.settings(for: rule.id).enabled ? "" : " [disabled]"
                let refs = rule.references.isEmpty ? "" : "  (\(rule.references.joined(separator: ", ")))"
                return "\(id)  \(sev)  \(rule.title)\(state)\(refs)"
            }.joined(separator: "\n") + "\n"
        }
    }

    /// One rule: rationale, remediation, references, examples and active configuration.
    public func explain(id: String) throws -> String {
        guard let rule = descriptions.first(where: { $0.id == id }) else {
            throw AuditInputError.unknownRule(id)
        }
        let settings = configuration.settings(for: id)
        var out = "\(rule.id) — \(rule.title)\n\n"
        out += "Severity: \(severity(of: rule).rawValue)\(settings.severity != nil ? " (configured; built-in \(rule.severity.rawValue))" : "")\n"
        out += "Enabled: \(settings.enabled ? "yes" : "no")\n"
        out += "Applies to: \(rule.applicability == .files ? "files under `check` only" : "every inventory (live, snapshot, files)")\n"
        if !rule.references.isEmpty { out += "References: \(rule.references.joined(separator: ", "))\n" }
        out += "\nWhy it matters:\n\(indent(rule.rationale))\n\nRemediation:\n\(indent(rule.remediation))\n"
        if !settings.parameters.isEmpty {
            out += "\nParameters:\n"
            for key in settings.parameters.keys.sorted() {
                out += "  \(key): \(describe(settings.parameters[key]))\n"
            }
        }
        if id == "ecs_plaintext_secret_env" || id == "file_plaintext_secret" {
            out += "\nActive secret patterns (rules/secrets.yml):\n"
            out += configuration.detector.explanation.map { "  \($0)" }.joined(separator: "\n") + "\n"
        }
        let waivers = configuration.waivers.filter { $0.rule == id }
        if !waivers.isEmpty {
            out += "\nWaivers:\n"
            for waiver in waivers {
                out += "  \(waiver.resource): \(waiver.reason)\(waiver.expires.map { " (until \($0))" } ?? "")\n"
            }
        }
        out += "\nExamples that fire:\n" + rule.triggering.map { "  - \($0.name)" }.joined(separator: "\n") + "\n"
        out += "Examples that do not fire:\n" + rule.nonTriggering.map { "  - \($0.name)" }.joined(separator: "\n") + "\n"
        return out
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n")
    }

    private func describe(_ parameter: RuleParameter?) -> String {
        switch parameter {
        case let .string(value)?: return value
        case let .number(value)?: return value == value.rounded() ? String(Int(value)) : String(value)
        case let .bool(value)?: return value ? "true" : "false"
        case let .list(values)?: return values.joined(separator: ", ")
        case nil: return ""
        }
    }

    private struct ListEntry: Encodable {
        let id: String
        let severity: String
        let title: String
        let references: [String]
        let enabled: Bool
        let appliesTo: String
    }
}

/// Writes snapshots that hold no secret: every environment value the detector
/// flags is replaced by a redaction token that keeps its verdict and evidence,
/// so `run --snapshot` reports the same findings and fingerprints.
public enum SnapshotWriter {
    /// The snapshot bytes of `inventory`, redacted with `rules`' detector.
    public static func encode(_ inventory: Inventory, rules: RulesConfiguration) throws -> Data {
        try rules.detector.redactInventory(inventory).encodedSnapshot()
    }
}
