import ArgumentParser
import Foundation
import HydrousAudit

extension HydrousAuditCommand {
    /// `hydrous-audit check`: the offline pre-merge gate over files.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Pre-merge gate: audit task definitions, runbooks and scripts with AWS CLI commands, offline."
        )

        @Argument(help: "Task definition JSON, Markdown or shell files.")
        var files: [String]

        @OptionGroup var report: ReportOptions
        @OptionGroup var data: DataOptions

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one file to check") }
        }

        func run() async throws {
            var result = try AuditPipeline.check(settings: data.settings(region: nil), files: files)
            if let baseline = report.baseline {
                result = try Baseline.load(path: baseline).apply(to: result)
            }
            let text = try ReportOutput.render(result, format: report.format)
            try emit(text, to: report.output)
            throw AuditExit(status: Gate.status(of: result, failOn: report.failOn, allowIncomplete: report.allowIncomplete))
        }
    }
}
