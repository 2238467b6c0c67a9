import ArgumentParser
import Foundation
import HydrousAudit

extension HydrousAuditCommand {
    /// `hydrous-audit rules`: the catalog.
    struct RulesGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "List the rules or explain one.",
            subcommands: [List.self, Explain.self],
            defaultSubcommand: List.self
        )

        /// `rules list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "Every rule: id, severity, title, references.")

            @Option(help: "text, markdown or json.")
            var format: ReportFormat = .text

            @Option(name: .customLong("rules-dir"), help: "Folder of rules/*.yml (default: rules/ beside the tool).")
            var rulesDir: String?

            func run() throws {
                let catalog = try RuleBook(rulesDirectory: rulesDir)
                try emit(try catalog.list(format: format), to: nil)
            }
        }

        /// `rules explain ID`.
        struct Explain: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "explain", abstract: "A rule's rationale, remediation, examples and active configuration.")

            @Argument(help: "The rule id, e.g. ecs_plaintext_secret_env.")
            var id: String

            @Option(name: .customLong("rules-dir"), help: "Folder of rules/*.yml (default: rules/ beside the tool).")
            var rulesDir: String?

            func run() throws {
                let catalog = try RuleBook(rulesDirectory: rulesDir)
                try emit(try catalog.explain(id: id), to: nil)
            }
        }
    }
}
