import ArgumentParser
import Foundation
import HydrousAudit
import Inventory

extension HydrousAuditCommand {
    /// `hydrous-audit run`: audit the live account, or a saved snapshot.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Audit the live deployment (or a saved snapshot): findings, monthly cost against the guide, coverage."
        )

        @OptionGroup var live: LiveOptions

        @Option(help: "Audit this saved inventory instead of live AWS (see `snapshot`).")
        var snapshot: String?

        @Option(help: "Last week's JSON report: the report starts with what changed since.")
        var compare: String?

        @OptionGroup var report: ReportOptions
        @OptionGroup var data: DataOptions

        func run() async throws {
            let logger = StderrLogger(enabled: live.verbose)
            let pipeline = try logger.timed("configuration") { try AuditPipeline(settings: data.settings(region: live.region)) }
            let inventory: Inventory
            let kind: SourceInfo.Kind
            if let snapshot {
                inventory = try logger.timed("snapshot") { try Inventory.load(snapshot: snapshot).scoped(to: live.scope) }
                kind = .snapshot
            } else {
                inventory = try await LiveAudit.read(settings: live.liveSettings, scope: live.scope, logger: logger)
                kind = .live
            }
            let source = SourceInfo(
                kind: kind, region: inventory.region ?? live.region, account: inventory.account,
                scope: live.scope, files: snapshot.map { [$0] }
            )
            var result = logger.timed("audit") { pipeline.report(inventory: inventory, source: source, logger: logger) }
            if let baseline = report.baseline {
                result = try Baseline.load(path: baseline).apply(to: result)
            }
            let bytes: [UInt8]
            if let compare {
                let previous = try ReportJSON.load(path: compare)
                bytes = Array(try ReportOutput.render(result, format: report.format, changesSince: previous).utf8)
            } else {
                bytes = try logger.timed("render") { try ReportOutput.renderBytes(result, format: report.format) }
            }
            try logger.timed("write") { try emit(bytes: bytes, to: report.output) }
            throw AuditExit(status: Gate.status(of: result, failOn: report.failOn, allowIncomplete: report.allowIncomplete))
        }
    }
}
