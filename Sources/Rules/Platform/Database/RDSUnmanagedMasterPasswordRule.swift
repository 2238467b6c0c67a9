import Foundation
import Inventory

/// `rds_unmanaged_master_password`: the master password is not managed by RDS in Secrets Manager.
public struct RDSUnmanagedMasterPasswordRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "rds_unmanaged_master_password",
        title: "Database master password is not managed in Secrets Manager",
        severity: .medium,
        rationale: """
            A master password passed with `--master-user-password` lives wherever it was typed: shell history, \
            deployment guides, task definition environments. It is never rotated. With \
            `--manage-master-user-password` RDS generates it, keeps it in Secrets Manager (`MasterUserSecret`) \
            and rotates it, and tasks read it through the container `secrets` list.
            """,
        remediation: """
            `aws rds modify-db-instance --db-instance-identifier <DB_ID> --manage-master-user-password \
            --apply-immediately`, \
            then reference the secret from the task definition (`"secrets": [{"name": "POSTGRES_PASSWORD", \
            "valueFrom": "<MASTER_USER_SECRET_ARN>:password::"}]`).
            """,
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html"],
        triggering: [
            RuleExample("the guide: --master-user-password on the command line", PlatformFixtures.guide, flagged: ["hydrous-db"]),
        ],
        nonTriggering: [
            RuleExample("created with --manage-master-user-password", PlatformFixtures.inventory { inv in
                inv.dbInstances = [PlatformFixtures.db {
                    $0.masterUserSecretArn = "arn:aws:secretsmanager:us-east-1:882816896907:secret:rds!db-0a1b2c3d-AbCdEf"
                }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per DB instance without a `MasterUserSecret`; Aurora
    /// instances are skipped (their cluster holds the password).
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.dbInstances.compactMap { db in
            guard db.masterUserSecretArn?.isEmpty ?? true, !(db.engine?.lowercased().hasPrefix("aurora") ?? false) else { return nil }
            return context.finding(
                db,
                message: "The database \(db.identifier)'s master password is set by hand, "
                    + "not managed and rotated by RDS in Secrets Manager.",
                field: "masterUserPassword"
            )
        }
    }
}
