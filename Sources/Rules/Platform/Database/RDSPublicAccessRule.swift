import Foundation
import Inventory

/// `rds_public_access`: Database is publicly accessible.
public struct RDSPublicAccessRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "rds_public_access",
        title: "Database is publicly accessible",
        severity: .critical,
        rationale: """
            A publicly accessible instance gets a public DNS answer and address; one security group rule away from \
            the whole internet, it becomes a target for credential stuffing and engine exploits.
            """,
        remediation: """
            `aws rds modify-db-instance --db-instance-identifier <DB_ID> --no-publicly-accessible --apply-immediately`.
            """,
        references: ["RDS.2", "prowler rds_instance_no_public_access"],
        triggering: [
            RuleExample("created with --publicly-accessible", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.publiclyAccessible = true }]
            }, flagged: ["hydrous-db"]),
        ],
        nonTriggering: [
            RuleExample("created with --no-publicly-accessible (the guide)", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.publiclyAccessible = false }]
            }),
            RuleExample("a file that does not state it: unknown", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.publiclyAccessible = nil; $0.locations = PlatformFixtures.fileLocation(82) }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per DB instance where the fact is stated and fails; `nil` (unknown) is silent.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.dbInstances.compactMap { db in
            guard db.publiclyAccessible == true else { return nil }
            return context.finding(
                db, message: "The database \(db.identifier) is publicly accessible.", field: "publiclyAccessible"
            )
        }
    }
}
