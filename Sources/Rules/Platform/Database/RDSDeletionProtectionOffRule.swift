import Foundation
import Inventory

/// `rds_deletion_protection_off`: Database deletion protection is off.
public struct RDSDeletionProtectionOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "rds_deletion_protection_off",
        title: "Database deletion protection is off",
        severity: .low,
        rationale: """
            Without deletion protection one mistaken `delete-db-instance` (or a stack teardown) destroys the \
            database; with it, deletion first needs a deliberate modify call.
            """,
        remediation: """
            `aws rds modify-db-instance --db-instance-identifier <DB_ID> --deletion-protection --apply-immediately`.
            """,
        references: ["RDS.8", "prowler rds_instance_deletion_protection"],
        triggering: [
            RuleExample("deletion protection left off (the guide)", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.deletionProtection = false }]
            }, flagged: ["hydrous-db"]),
        ],
        nonTriggering: [
            RuleExample("deletion protection on", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.deletionProtection = true }]
            }),
            RuleExample("a file that does not state it: unknown", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.deletionProtection = nil; $0.locations = PlatformFixtures.fileLocation(82) }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per DB instance where the fact is stated and fails; `nil` (unknown) is silent.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.dbInstances.compactMap { db in
            guard db.deletionProtection == false else { return nil }
            return context.finding(
                db, message: "The database \(db.identifier) can be deleted without first lifting deletion protection.",
                field: "deletionProtection"
            )
        }
    }
}
