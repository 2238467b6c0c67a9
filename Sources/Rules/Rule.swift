import Foundation
import Inventory

/// A check over the whole inventory. One rule per file; its `description`
/// carries its identity, documentation and the examples that test it
/// (the SwiftLint pattern: adding a rule adds its tests).
public protocol Rule: Sendable {
    /// Identity, documentation and examples.
    static var description: RuleDescription { get }
    /// Creates the rule.
    init()
    /// The rule's findings on `context.inventory`.
    func check(_ context: RuleContext) -> [Finding]
}

extension Rule {
    /// The rule's description (instance convenience).
    public var description: RuleDescription { Self.description }
}

/// Where a rule applies.
public enum RuleApplicability: String, Codable, Sendable {
    /// Runs on every inventory (live, snapshot, files).
    case inventory
    /// Runs only on files under review (`hydrous-audit check`).
    case files
}

/// A rule's identity and documentation.
public struct RuleDescription: Sendable {
    /// Stable identifier (a public contract: never renamed).
    public let id: String
    /// One-line title.
    public let title: String
    /// Default severity; `rules/*.yml` may override it.
    public let severity: Severity
    /// Why it matters.
    public let rationale: String
    /// What to change, as an AWS CLI command where one exists.
    public let remediation: String
    /// FSBP control, Prowler check id, Checkov id, documentation.
    public let references: [String]
    /// Where the rule applies.
    public let applicability: RuleApplicability
    /// Inventories the rule must flag, with the resources it must name.
    public var triggering: [RuleExample] { triggeringExamples() }
    /// Inventories the rule must not flag.
    public var nonTriggering: [RuleExample] { nonTriggeringExamples() }
    /// The examples are built when asked for (`rules explain`, the tests),
    /// not each time an audit starts and reads a rule's id.
    private let triggeringExamples: @Sendable () -> [RuleExample]
    private let nonTriggeringExamples: @Sendable () -> [RuleExample]
    /// The parameters `rules/*.yml` may set for this rule, with their defaults.
    public let parameters: [String: RuleParameter]

    /// Creates a description.
    public init(
        id: String, title: String, severity: Severity, rationale: String, remediation: String,
        references: [String], applicability: RuleApplicability = .inventory,
        triggering: @autoclosure @escaping @Sendable () -> [RuleExample],
        nonTriggering: @autoclosure @escaping @Sendable () -> [RuleExample], parameters: [String: RuleParameter] = [:]
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.applicability = applicability
        self.triggeringExamples = triggering
        self.nonTriggeringExamples = nonTriggering
        self.parameters = parameters
    }
}

/// A small inventory that shows a rule at work.
public struct RuleExample: Sendable {
    /// What the example shows (printed by `rules explain` and in test failures).
    public let name: String
    /// The inventory the rule runs on.
    public let inventory: Inventory
    /// The `ResourceRef.id` of every finding the rule must produce, one entry
    /// per finding (sorted comparison); empty for non-triggering examples.
    public let flagged: [String]
    /// For secret-bearing examples: details that must appear in findings
    /// (e.g. variable names), checked by the shared test.
    public let details: [String]

    /// Creates an example.
    public init(_ name: String, _ inventory: Inventory, flagged: [String] = [], details: [String] = []) {
        self.name = name
        self.inventory = inventory
        self.flagged = flagged
        self.details = details
    }
}
