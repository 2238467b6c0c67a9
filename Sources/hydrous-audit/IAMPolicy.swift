import ArgumentParser
import Foundation
import HydrousAudit

extension HydrousAuditCommand {
    /// `hydrous-audit iam-policy`: the least-privilege policy of the live audit.
    struct IAMPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "iam-policy",
            abstract: "Print the least-privilege IAM policy (JSON) naming exactly the read-only actions the live audit calls."
        )

        func run() throws {
            try emit(LiveAuditActions.policyDocument(), to: nil)
        }
    }
}
