import Foundation
import Inventory

/// `rds_backup_retention_short`: automated backups are kept for fewer days than required.
public struct RDSBackupRetentionShortRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "rds_backup_retention_short",
        title: "Database backups are kept too briefly",
        severity: .medium,
        rationale: """
            Automated backups and point-in-time recovery reach back only as far as the retention period: with \
            0 days there are none at all, and with a day or two a corruption noticed after the weekend cannot \
            be undone. The threshold is the rule parameter `min_days` (default 7).
            """,
        remediation: """
            `aws rds modify-db-instance --db-instance-identifier <DB_ID> --backup-retention-period 7 \
            --apply-immediately`.
            """,
        references: ["RDS.11", "prowler rds_instance_backup_enabled"],
        triggering: [
            RuleExample("backups disabled (retention 0)", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.backupRetentionPeriod = 0 }]
            }, flagged: ["hydrous-db"]),
            RuleExample("retention 1 day (the create-db-instance default)", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.backupRetentionPeriod = 1 }]
            }, flagged: ["hydrous-db"]),
        ],
        nonTriggering: [
            RuleExample("the guide: retention 7 days", PlatformFixtures.guide),
            RuleExample("retention not stated in a file: unknown", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.backupRetentionPeriod = nil; $0.locations = PlatformFixtures.fileLocation(82) }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per DB instance whose stated retention is below `min_days`.
    public func check(_ context: RuleContext) -> [Finding] {
        let minimum = context.settings.int("min_days", default: 7)
        return context.inventory.dbInstances.compactMap { db in
            guard let days = db.backupRetentionPeriod, days < minimum else { return nil }
            let what = days == 0
                ? "has automated backups disabled (retention 0 days)"
                : "keeps automated backups for \(days) day\(days == 1 ? "" : "s")"
            return context.finding(
                db, message: "The database \(db.identifier) \(what); at least \(minimum) are required.",
                field: "backupRetentionPeriod"
            )
        }
    }
}
