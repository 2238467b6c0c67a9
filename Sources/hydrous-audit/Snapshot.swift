import ArgumentParser
import Foundation
import HydrousAudit
import Inventory

extension HydrousAuditCommand {
    /// `hydrous-audit snapshot`: save what the live source reads.
    struct Snapshot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Read the live deployment and save it as a snapshot (secret values redacted) for `run --snapshot`."
        )

        @OptionGroup var live: LiveOptions

        @Option(help: "The snapshot file to write.")
        var output: String

        @Flag(name: .customLong("allow-incomplete"), help: "Exit 0 even when some data could not be read (else 3).")
        var allowIncomplete = false

        @Option(name: .customLong("rules-dir"), help: "Folder of rules/*.yml whose secret patterns decide what is redacted.")
        var rulesDir: String?

        func run() async throws {
            let rules = try RuleBook(rulesDirectory: rulesDir).configuration
            let inventory = try await LiveAudit.read(settings: live.liveSettings, scope: live.scope, logger: StderrLogger(enabled: live.verbose))
            let data = try SnapshotWriter.encode(inventory, rules: rules)
            try emit(String(decoding: data, as: UTF8.self), to: output)
            let failed = inventory.coverage.filter { $0.status != .ok }
            if !failed.isEmpty {
                let names = failed.map { "\($0.service):\($0.operation) (\($0.status.rawValue))" }.joined(separator: ", ")
                FileHandle.standardError.write(Data("hydrous-audit: snapshot is incomplete: \(names)\n".utf8))
                if !allowIncomplete { throw AuditExit(status: .incomplete) }
            }
        }
    }
}
