import Foundation

/// Where the audit's data comes from, as the user named it on the command line.
public struct AuditSettings: Sendable {
    /// `--rules-dir`, else `rules/` beside the tool, else built-in defaults.
    public var rulesDirectory: String?
    /// `--pricing`, else `pricing/<region>.json` beside the tool.
    public var pricingFile: String?
    /// `--budget` YAML.
    public var budgetFile: String?
    /// `--guide` Markdown whose cost table is the budget.
    public var guideFile: String?
    /// `--usage` YAML.
    public var usageFile: String?
    /// `--now` (YYYY-MM-DD), else the system date (UTC).
    public var today: String?
    /// The region whose price table applies (default us-east-1).
    public var region: String?

    /// Creates settings.
    public init(
        rulesDirectory: String? = nil, pricingFile: String? = nil, budgetFile: String? = nil, guideFile: String? = nil,
        usageFile: String? = nil, today: String? = nil, region: String? = nil
    ) {
        self.rulesDirectory = rulesDirectory
        self.pricingFile = pricingFile
        self.budgetFile = budgetFile
        self.guideFile = guideFile
        self.usageFile = usageFile
        self.today = today
        self.region = region
    }

    /// `today`, or the current UTC date.
    public var effectiveToday: String {
        if let today { return today }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Validates a `YYYY-MM-DD` date; returns it when valid.
    public static func parseDay(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1970, (1...12).contains(month), (1...31).contains(day) else { return nil }
        return text
    }
}
