import ArgumentParser
import Foundation
import HydrousAudit
import Inventory

extension HydrousAuditCommand {
    /// `hydrous-audit run`: audit the live account, or a saved snapshot.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
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
            if compare == nil && report.baseline == nil { MemoryTuning.keepHeap() }
            let logger = StderrLogger(enabled: live.verbose)
            let settings = data.settings(region: live.region)
            // Last week's report and the baseline (17 MB each at 1,000 services) are
            // read while the audit runs; an error in them is still raised where it was.
            let previousRead = compare.map { path in Task { Result { try ReportJSON.load(path: path) } } }
            let baselineRead = report.baseline.map { path in Task { Result { try Baseline.load(path: path) } } }
            let pipeline: AuditPipeline
            let inventory: Inventory
            let kind: SourceInfo.Kind
            if let snapshot {
                // Configuration and snapshot load at once; a configuration error still wins.
                let scope = live.scope
                let (configured, loaded) = Parallel.both({
                    logger.timed("configuration") { Result { try AuditPipeline(settings: settings) } }
                }, {
                    logger.timed("snapshot") { Result { try Inventory.load(snapshot: snapshot).scoped(to: scope) } }
                })
                pipeline = try configured.get()
                inventory = try loaded.get()
                kind = .snapshot
            } else {
                pipeline = try logger.timed("configuration") { try AuditPipeline(settings: settings) }
                inventory = try await LiveAudit.read(settings: live.liveSettings, scope: live.scope, logger: logger)
                kind = .live
            }
            let source = SourceInfo(
                kind: kind, region: inventory.region ?? live.region, account: inventory.account,
                scope: live.scope, files: snapshot.map { [$0] }
            )
            // The inventory stays alive to the end: freeing 1,000 services before
            // rendering took ~6 ms on this thread and lowered no peak (exit frees it).
            var result = logger.timed("audit") { pipeline.report(inventory: inventory, source: source, logger: logger) }
            if let baselineRead {
                result = try await baselineRead.value.get().apply(to: result)
            }
            if let previousRead {
                let previous = try await previousRead.value.get()
                try emit(try ReportOutput.render(result, format: report.format, changesSince: previous), to: report.output)
            } else {
                let output = try OutputFile(path: report.output)
                try logger.timed("render and write") {
                    try ReportOutput.stream(result, format: report.format, to: output.write)
                    try output.close()
                }
            }
            AuditExit.now(Gate.status(of: result, failOn: report.failOn, allowIncomplete: report.allowIncomplete))
        }
    }
}
