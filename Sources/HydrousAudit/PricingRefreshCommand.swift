import AWSClient
import Foundation
import Pricing

/// `hydrous-audit pricing refresh`: rebuilds a region's price table from the
/// AWS Price List Query API, keeping the previous table's prices for keys
/// the API does not answer.
public enum PricingRefreshCommand {
    /// Refreshes and writes the table; returns the path written.
    public static func run(
        settings: LiveSettings, region: String, output: String?, today: String?, locator: DataLocator = DataLocator()
    ) async throws -> String {
        let existing = locator.pricingFile(region: region)
        let target = output ?? existing ?? PriceTable.defaultPath(region: region)
        let base = try existing.map { try PriceTable.load(path: $0) }
        let configuration = try settings.clientConfiguration(logger: StderrLogger(enabled: settings.verbose))
        let client = AWSClient(configuration: configuration)
        let day = today ?? AuditSettings().effectiveToday
        let result = try await PricingRefresher(base: base).refreshDetailed(region: region, client: client, today: day)
        do {
            try result.table.encoded().write(to: URL(fileURLWithPath: target))
        } catch {
            throw AuditInputError.cannotWrite(path: target, reason: (error as NSError).localizedDescription)
        }
        var summary = "refreshed \(result.refreshed.count) prices"
        if !result.kept.isEmpty { summary += ", kept \(result.kept.count) the Price List did not answer" }
        if !result.missing.isEmpty { summary += ", \(result.missing.count) now unknown: \(result.missing.joined(separator: ", "))" }
        FileHandle.standardError.write(Data("hydrous-audit: \(summary)\n".utf8))
        return target
    }
}
