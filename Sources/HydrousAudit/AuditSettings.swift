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
        today ?? Self.utcDay(unixSeconds: Date().timeIntervalSince1970)
    }

    /// The UTC calendar day (`YYYY-MM-DD`, proleptic Gregorian) holding the
    /// instant `unixSeconds` after 1970-01-01T00:00:00Z. Worked out by
    /// arithmetic (days to civil date): a `Calendar` cost every run ~0.7 ms
    /// of setting up time zones and locales, for a date.
    static func utcDay(unixSeconds: Double) -> String {
        let seconds = unixSeconds.isFinite ? Int64(min(max(unixSeconds.rounded(.down), -1e15), 1e15)) : 0
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        // Days since 0000-03-01 in 400-year eras of 146,097 days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// `value` in decimal, zero-padded on the left to `width` digits (after any sign).
    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
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
