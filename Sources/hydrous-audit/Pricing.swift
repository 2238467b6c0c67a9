import ArgumentParser
import Foundation
import HydrousAudit

extension HydrousAuditCommand {
    /// `hydrous-audit pricing`.
    struct PricingGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pricing",
            abstract: "Maintain the price table.",
            subcommands: [Refresh.self]
        )

        /// `pricing refresh`.
        struct Refresh: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "refresh",
                abstract: "Rebuild pricing/<region>.json from the AWS Price List Query API (GetProducts)."
            )

            @Option(help: "The region whose prices to fetch.")
            var region: String = "us-east-1"

            @Option(help: "Shared-config profile (else AWS_PROFILE, else default).")
            var profile: String?

            @Option(name: .customLong("endpoint-url"), help: "Price List API endpoint (default https://api.pricing.us-east-1.amazonaws.com).")
            var endpointURL: String?

            @Option(help: "Write the table here (default: pricing/<region>.json beside the tool).")
            var output: String?

            @Option(help: ArgumentHelp("The date recorded with each price (default: today).", valueName: "YYYY-MM-DD"))
            var now: String?

            func run() async throws {
                let settings = LiveSettings(region: "us-east-1", profile: profile, endpointURL: endpointURL, verbose: false)
                let path = try await PricingRefreshCommand.run(settings: settings, region: region, output: output, today: now)
                FileHandle.standardError.write(Data("hydrous-audit: wrote \(path)\n".utf8))
            }
        }
    }
}
