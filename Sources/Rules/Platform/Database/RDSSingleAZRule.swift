import Foundation
import Inventory

/// `rds_single_az`: Database runs in a single availability zone.
public struct RDSSingleAZRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "rds_single_az",
        title: "Database runs in a single availability zone",
        severity: .medium,
        rationale: """
            A single-AZ instance goes down with its zone, and every maintenance or instance-class change means \
            downtime; Multi-AZ keeps a synchronous standby that takes over in a minute or two (at about twice the \
            instance price).
            """,
        remediation: """
            `aws rds modify-db-instance --db-instance-identifier <DB_ID> --multi-az --apply-immediately` (doubles \
            the instance cost).
            """,
        references: ["RDS.5", "prowler rds_instance_multi_az"],
        triggering: [
            RuleExample("single-AZ (the guide)", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.multiAZ = false }]
            }, flagged: ["hydrous-db"]),
        ],
        nonTriggering: [
            RuleExample("Multi-AZ", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.multiAZ = true }]
            }),
            RuleExample("a file that does not state it: unknown", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.multiAZ = nil; $0.locations = PlatformFixtures.fileLocation(82) }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per DB instance where the fact is stated and fails; `nil` (unknown) is silent.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.dbInstances.compactMap { db in
            // Aurora spreads storage over three zones and fails over to replicas: not this rule's concern.
            guard db.multiAZ == false, !(db.engine?.lowercased().hasPrefix("aurora") ?? false) else { return nil }
            let zone = db.availabilityZone.map { " (\($0))" } ?? ""
            return context.finding(
                db, message: "The database \(db.identifier) runs in a single availability zone\(zone).", field: "multiAZ"
            )
        }
    }
}
