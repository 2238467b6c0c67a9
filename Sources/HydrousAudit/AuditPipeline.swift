import Foundation
import Inventory
import Pricing
import Rules

/// Why the audit's own inputs could not be used (exit 2).
public enum AuditInputError: Error, LocalizedError, Equatable {
    /// No price table was found beside the tool.
    case pricingNotFound(region: String)
    /// An unknown rule id.
    case unknownRule(String)
    /// `run --compare` with a format that cannot carry a diff.
    case compareNeedsReadableFormat
    /// An output file could not be written.
    case cannotWrite(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .pricingNotFound(region):
            return "no price table for \(region): pass --pricing FILE, set HYDROUS_AUDIT_HOME to the folder holding pricing/\(region).json, or run `hydrous-audit pricing refresh --region \(region)`"
        case let .unknownRule(id):
            return "no rule \(id): `hydrous-audit rules list` shows every rule id"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write (\(reason)); check that the folder exists and is writable"
        case .compareNeedsReadableFormat:
            return "--compare works with --format markdown, text or json; SARIF has no place for a diff (run `hydrous-audit diff` instead)"
        }
    }
}

/// The audit proper: rule configuration, prices, usage and budget loaded once;
/// then an inventory in, a report out. Sources and renderers stay outside.
public struct AuditPipeline: Sendable {
    /// The rules' configuration (severities, parameters, waivers, secret patterns).
    public let rules: RulesConfiguration
    /// Prices.
    public let prices: PriceTable
    /// Usage assumptions.
    public let usage: Usage
    /// What the estimate is compared against.
    public let budget: Budget
    /// `YYYY-MM-DD`, for waiver expiry.
    public let today: String

    /// Loads everything `settings` names; a malformed file is an input error naming file and line.
    public init(settings: AuditSettings, locator: DataLocator = DataLocator()) throws {
        let region = settings.region ?? "us-east-1"
        if let dir = settings.rulesDirectory ?? locator.rulesDirectory() {
            rules = try RulesConfiguration.load(directory: dir)
        } else {
            rules = RulesConfiguration.default
        }
        guard let pricingPath = settings.pricingFile ?? locator.pricingFile(region: region)
            ?? locator.pricingFile(region: "us-east-1") else {
            throw AuditInputError.pricingNotFound(region: region)
        }
        prices = try PriceTable.load(path: pricingPath)
        usage = try settings.usageFile.map { try Usage.load(path: $0) } ?? Usage.defaults
        if let file = settings.budgetFile {
            budget = try Budget.loadYAML(path: file)
        } else if let file = settings.guideFile {
            budget = try Budget.loadGuide(path: file)
        } else {
            budget = Budget.guideDefault
        }
        today = settings.effectiveToday
    }

    /// Audits `inventory`: rules, cost, fix deltas, coverage; `logger` times the phases (`--verbose`).
    public func report(
        inventory: Inventory, source: SourceInfo, applicability: Set<RuleApplicability> = [.inventory],
        logger: StderrLogger = StderrLogger(enabled: false)
    ) -> Report {
        // The rules and the estimate (with the workloads it and the fix deltas
        // read) do not depend on each other: they run at once.
        let (ruleOutcome, (model, estimate)) = Parallel.both({
            logger.timed("rules") { RuleEngine(configuration: rules).run(inventory, applicability: applicability, today: today) }
        }, {
            let model = logger.timed("workloads") { CostModel(prices: prices, usage: usage).preparing(for: inventory) }
            return (model, logger.timed("cost") { model.report(for: inventory, budget: budget) })
        })
        var outcome = consume ruleOutcome
        var findings = outcome.findings
        outcome.findings = []  // `findings` is now the only copy: setting fix deltas does not duplicate 13,000 findings
        var fixes: [FixCost] = []
        let deltas = logger.timed("fix deltas") { [findings] () -> [FixCost?] in
            // Only findings of rules that have a fix delta are priced (5,000 of 13,000 at 1,000 services).
            let priced = findings.indices.filter { CostModel.rulesWithFixDeltas.contains(findings[$0].ruleId) }
            let computed = model.fixDeltas(
                priced.map { (findings[$0].ruleId, findings[$0].resource, findings[$0].evidence?.variable) }, inventory: inventory)
            var all = [FixCost?](repeating: nil, count: findings.count)
            for (position, fix) in zip(priced, computed) { all[position] = fix }
            return all
        }
        for (index, fix) in deltas.enumerated() {
            if let fix, fix.monthlyDelta != 0 {
                findings[index].monthlyCostDelta = fix.monthlyDelta
                fixes.append(fix)
            }
        }
        let cost = estimate.applyingFixes(fixes)
        // The engine's findings are in report order (fix deltas change no sort key).
        var report = Report(source: source, coverage: inventory.coverage, findingsInReportOrder: findings, cost: cost)
        report.waived = outcome.waived.map { WaivedFinding(finding: $0.finding, reason: $0.waiver.reason, expires: $0.waiver.expires) }
        report.notices = outcome.notices
        return report
    }
}

extension Budget {
    /// The cost table of a deployment guide in Markdown (`--guide FILE`).
    public static func loadGuide(path: String) throws -> Budget {
        let text: String
        do {
            text = try InputFile.readText(path: path)
        } catch {
            throw PricingError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try Budget.parseGuide(markdown: text, file: path)
    }
}

extension AuditPipeline {
    /// The pre-merge gate: reads task definitions, runbooks and scripts into
    /// an inventory, runs every rule (file rules too) and the cost model on it,
    /// and applies inline suppressions. A suppression without a reason is not
    /// honoured, and one that matches no finding is stale: both are reported as notices.
    public func check(files: [String]) throws -> Report {
        let read = try FileSource().read(paths: files)
        let source = SourceInfo(kind: .files, region: read.inventory.region, account: nil, scope: Scope(), files: files)
        var report = report(inventory: read.inventory, source: source, applicability: [.inventory, .files])
        // One implementation of the suppression semantics (FileReadResult.applySuppressions):
        // a reasonless comment waives nothing, and a comment that matches no finding says so.
        let applied = read.applySuppressions(to: report.findings)
        report.findings = applied.active
        report.summary = SeveritySummary(applied.active)
        report.waived += applied.waived
        report.waived.sort { Finding.reportOrder($0.finding, $1.finding) }
        report.notices += applied.notices
        report.notices += read.problems
        return report
    }
}
