import Foundation
import Inventory

/// A parameter value from `rules/*.yml`.
public enum RuleParameter: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([String])
}

/// One rule's configuration from `rules/*.yml`.
public struct RuleSettings: Sendable, Equatable {
    /// False turns the rule off.
    public var enabled: Bool
    /// Overrides the rule's default severity.
    public var severity: Severity?
    /// Rule-specific parameters.
    public var parameters: [String: RuleParameter]

    /// Creates settings; the defaults leave the rule as it is built.
    public init(enabled: Bool = true, severity: Severity? = nil, parameters: [String: RuleParameter] = [:]) {
        self.enabled = enabled
        self.severity = severity
        self.parameters = parameters
    }

    /// An integer parameter, else `fallback`.
    public func int(_ key: String, default fallback: Int) -> Int {
        if case let .number(value)? = parameters[key] { return Int(value) }
        return fallback
    }

    /// A list parameter, else `fallback`.
    public func list(_ key: String, default fallback: [String]) -> [String] {
        if case let .list(value)? = parameters[key] { return value }
        return fallback
    }
}

/// What a rule sees: the inventory, its own settings, and the shared secret detector.
public struct RuleContext: Sendable {
    /// The resources to check.
    public let inventory: Inventory
    /// This rule's settings.
    public let settings: RuleSettings
    /// The configured secret detector.
    public let secrets: SecretDetector
    /// The rule being run (fills findings' title, remediation, references).
    public let rule: RuleDescription
    /// Readings shared by the rules of one run.
    let facts: RuleFacts

    /// Creates a context.
    public init(inventory: Inventory, settings: RuleSettings, secrets: SecretDetector, rule: RuleDescription) {
        self.init(inventory: inventory, settings: settings, secrets: secrets, rule: rule, facts: RuleFacts())
    }

    init(inventory: Inventory, settings: RuleSettings, secrets: SecretDetector, rule: RuleDescription, facts: RuleFacts) {
        self.inventory = inventory
        self.settings = settings
        self.secrets = secrets
        self.rule = rule
        self.facts = facts
    }

    /// The inventory's task definitions indexed for lookup, built once per run.
    var taskDefinitions: TaskDefinitionIndex { facts.taskDefinitions(inventory) }

    /// Every container environment variable with a value, read once per run.
    var environment: [EnvironmentEntry] { facts.environment(inventory) }

    /// The secret detector's verdict on each `environment` value, in the same order (classified once per run).
    var environmentVerdicts: [SecretVerdict] { facts.environmentVerdicts(inventory, secrets) }

    /// Per `environment` entry, whether its value signals are URL credentials
    /// alone (`SecretDetector.Classification`), for the secrets' evidence.
    var environmentOnlyURLCredentials: [Bool?] { facts.environmentOnlyURLCredentials(inventory, secrets) }

    /// `URLParts` of each trimmed `environment` value, in the same order (parsed once per run).
    var environmentURLs: [URLParts?] { facts.environmentURLs(inventory) }

    /// `ECSFacts.host(in:)` of each trimmed `environment` value, in the same order (once per run).
    var environmentHosts: [String?] { facts.environmentHosts(inventory) }

    /// A finding of this rule on `resource`. `detail` separates findings of
    /// the rule on one resource (it enters the fingerprint); `field` picks the
    /// source line when the resource came from a file.
    public func finding<R: AuditedResource>(
        _ resource: R, message: String, detail: String = "", evidence: SecretEvidence? = nil, field: String? = nil
    ) -> Finding {
        finding(ref: resource.ref, location: resource.location(of: field), message: message, detail: detail, evidence: evidence)
    }

    /// A finding of this rule on the resource `ref` names, read at `location`
    /// (for rules that have both at hand without the resource).
    func finding(
        ref: ResourceRef, location: SourceLocation?, message: String, detail: String, evidence: SecretEvidence? = nil
    ) -> Finding {
        Finding(
            ruleId: rule.id, severity: settings.severity ?? rule.severity, title: rule.title,
            resource: ref, message: message, detail: detail, evidence: evidence,
            remediation: rule.remediation, references: rule.references, location: location
        )
    }
}
