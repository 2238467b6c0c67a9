import Foundation
import Rules

/// What renderers may say about a rule beyond its findings: its title,
/// rationale, remediation and default severity (from `RuleDescription`).
public struct RuleDoc: Sendable, Equatable {
    /// Stable rule identifier.
    public var id: String
    /// One-line title.
    public var title: String
    /// Why the rule matters.
    public var rationale: String
    /// What to change, often an AWS CLI command.
    public var remediation: String
    /// The rule's default severity.
    public var severity: Severity
    /// Control ids and documentation links.
    public var references: [String]

    /// Creates documentation for one rule.
    public init(id: String, title: String, rationale: String, remediation: String, severity: Severity, references: [String]) {
        self.id = id
        self.title = title
        self.rationale = rationale
        self.remediation = remediation
        self.severity = severity
        self.references = references
    }

    /// The documentation of a registered rule.
    public init(_ description: RuleDescription) {
        self.init(
            id: description.id, title: description.title, rationale: description.rationale,
            remediation: description.remediation, severity: description.severity, references: description.references
        )
    }

    /// A lookup table keyed by rule id (the last description wins on duplicates).
    public static func table(_ descriptions: [RuleDescription]) -> [String: RuleDoc] {
        var table: [String: RuleDoc] = [:]
        for description in descriptions { table[description.id] = RuleDoc(description) }
        return table
    }
}
