import Foundation

/// An AWS CLI `(service, operation)` pair, as written (`elbv2`, `modify-listener`).
struct CLIOperation: Hashable, Sendable, CustomStringConvertible {
    var service: String
    var operation: String

    init(_ service: String, _ operation: String) {
        self.service = service
        self.operation = operation
    }

    /// `aws SERVICE OPERATION`.
    var description: String { "aws \(service) \(operation)" }
}

/// What the gate does with the AWS CLI commands rules tell users to run.
/// Every command a remediation names is either replayed
/// (`FileInventoryBuilder.handlers`) or listed here with the reason it
/// cannot change what a rule reads; `CheckRemediationTests` keeps it so.
enum CLICommandCoverage {
    /// Commands read and deliberately left out of the inventory: not modelled, and why.
    static let notModelled: [CLIOperation: String] = [
        CLIOperation("ecr", "describe-images"): "reads only",
        CLIOperation("rds", "describe-db-instances"): "reads only",
        CLIOperation("elasticache", "describe-cache-clusters"): "reads only",
        CLIOperation("ecr", "put-registry-scanning-configuration"):
            "a registry-wide setting: the inventory holds each repository's own scanOnPush (what ecr_scan_on_push_off "
            + "reads, live and in files), not the registry's scanning rules or their repository filters",
        CLIOperation("secretsmanager", "create-secret"):
            "the inventory holds no secrets: rules read the task definitions' `secrets` references and the roles' policies",
        CLIOperation("rds", "create-db-snapshot"): "snapshots are not in the inventory",
        CLIOperation("rds", "copy-db-snapshot"): "snapshots are not in the inventory",
        CLIOperation("rds", "restore-db-instance-from-db-snapshot"):
            "the new instance takes its settings (encryption among them) from a snapshot, which is not in the inventory",
        CLIOperation("rds", "modify-db-parameter-group"):
            "parameter groups (rds.force_ssl) are not in the inventory; no rule reads them",
    ]
}
