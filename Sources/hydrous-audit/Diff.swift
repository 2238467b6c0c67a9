import ArgumentParser
import Foundation
import HydrousAudit

extension HydrousAuditCommand {
    /// `hydrous-audit diff`: what changed between two JSON reports.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two JSON reports: new, resolved and open findings; cost change per row; coverage changes."
        )

        @Argument(help: "The earlier JSON report.")
        var previous: String

        @Argument(help: "The later JSON report.")
        var current: String

        @Option(help: "markdown, json or text.")
        var format: DiffFormat = .markdown

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        func run() throws {
            let diff = ReportDiff.compare(previous: try ReportJSON.load(path: previous), current: try ReportJSON.load(path: current))
            try emit(try format.renderer.render(diff), to: output)
        }
    }
}
