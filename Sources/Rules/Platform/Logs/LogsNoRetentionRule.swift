import Foundation
import Inventory

/// `logs_no_retention`: a log group never expires its events.
public struct LogsNoRetentionRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "logs_no_retention",
        title: "Log group never expires",
        severity: .medium,
        rationale: """
            A log group without a retention policy keeps every event forever: storage is billed per GB-month \
            and grows without bound, and logs that may hold personal data or leaked secrets are never deleted. \
            (Prowler's retention check passes "never expire"; this rule flags it.)
            """,
        remediation: """
            `aws logs put-retention-policy --log-group-name <LOG_GROUP> --retention-in-days 30`.
            """,
        references: [],
        triggering: [
            RuleExample(
                "the guide: create-log-group without put-retention-policy", PlatformFixtures.guide,
                flagged: ["/ecs/hydrous-backend"]
            ),
        ],
        nonTriggering: [
            RuleExample("30 days retention", PlatformFixtures.inventory { inv in
                inv.logGroups = [PlatformFixtures.logGroup(retention: 30)]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per log group without retention.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.logGroups.compactMap { group in
            guard group.retentionInDays == nil else { return nil }
            return context.finding(
                group, message: "The log group \(group.name) never expires its events (no retention policy).",
                field: "retentionInDays"
            )
        }
    }
}
