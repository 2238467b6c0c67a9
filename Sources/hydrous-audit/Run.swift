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
            let pipeline = try AuditPipeline(settings: data.settings(region: live.region))
            let inventory: Inventory
            let kind: SourceInfo.Kind
            if let snapshot {
                inventory = try Inventory.load(snapshot: snapshot).scoped(to: live.scope)
                kind = .snapshot
            } else {
                inventory = try await LiveAudit.read(settings: live.liveSettings, scope: live.scope, logger: StderrLogger(enabled: live.verbose))
                kind = .live
            }
            let source = SourceInfo(
                kind: kind, region: inventory.region ?? live.region, account: inventory.account,
                scope: live.scope, files: snapshot.map { [$0] }
            )
            var result = pipeline.report(inventory: inventory, source: source)
            if let baseline = report.baseline {
                result = try Baseline.load(path: baseline).apply(to: result)
            }
            let text: String
            if let compare {
                text = try ReportOutput.render(result, format: report.format, changesSince: try ReportJSON.load(path: compare))
            } else {
                text = try ReportOutput.render(result, format: report.format)
            }
            try emit(text, to: report.output)
            throw AuditExit(status: Gate.status(of: result, failOn: report.failOn, allowIncomplete: report.allowIncomplete))
        }
    }
}
