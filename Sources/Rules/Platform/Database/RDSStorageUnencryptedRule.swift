import Foundation
import Inventory

/// `rds_storage_unencrypted`: Database storage is not encrypted.
public struct RDSStorageUnencryptedRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "rds_storage_unencrypted",
        title: "Database storage is not encrypted",
        severity: .high,
        rationale: """
            Unencrypted storage leaves the data, its automated backups, snapshots and read replicas readable to \
            anyone who gets hold of a snapshot or the underlying volumes. Encryption can only be chosen when the \
            instance is created.
            """,
        remediation: """
            Encryption cannot be switched on in place: snapshot the instance, copy the snapshot with a KMS key and \
            restore from it: `aws rds create-db-snapshot --db-instance-identifier <DB_ID> --db-snapshot-identifier \
            <DB_ID>-plain`, `aws rds copy-db-snapshot --source-db-snapshot-identifier <DB_ID>-plain \
            --target-db-snapshot-identifier <DB_ID>-enc --kms-key-id alias/aws/rds`, `aws rds \
            restore-db-instance-from-db-snapshot --db-instance-identifier <NEW_DB_ID> --db-snapshot-identifier \
            <DB_ID>-enc`. New instances: pass `--storage-encrypted`.
            """,
        references: ["RDS.3", "prowler rds_instance_storage_encrypted"],
        triggering: [
            RuleExample("created without --storage-encrypted (the guide)", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.storageEncrypted = false }]
            }, flagged: ["hydrous-db"]),
        ],
        nonTriggering: [
            RuleExample("created with --storage-encrypted", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.storageEncrypted = true }]
            }),
            RuleExample("a file that does not state it: unknown", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db { $0.storageEncrypted = nil; $0.locations = PlatformFixtures.fileLocation(82) }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per DB instance where the fact is stated and fails; `nil` (unknown) is silent.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.dbInstances.compactMap { db in
            guard db.storageEncrypted == false else { return nil }
            return context.finding(
                db, message: "The database \(db.identifier) stores its data unencrypted.", field: "storageEncrypted"
            )
        }
    }
}
