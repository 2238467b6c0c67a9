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
        // The Fargate workloads, read by the estimate and by the fix deltas,
        // and the fix deltas' lookups are worked out once, by whichever side
        // asks first (the estimate's, unless the machine has one core).
        let model = SharedOnce { [prices, usage] in CostModel(prices: prices, usage: usage).preparing(for: inventory) }
        let pricer = SharedOnce { FixDeltaPricer(model: model.value, inventory: inventory) }
        // The rules and the estimate do not depend on each other: they run at
        // once. Each rule's findings have their fixes priced in the rule's own
        // task, on every core (after the rules, they took ~20 ms, half of it on one core).
        let (ruleOutcome, estimate) = Parallel.both({
            logger.timed("rules") {
                RuleEngine(configuration: rules).run(inventory, applicability: applicability, today: today) { findings in
                    Self.priceFixes(&findings, pricer)
                }
            }
        }, {
            let prepared = logger.timed("workloads") { model.value }
            _ = logger.timed("fix lookups") { pricer.value }
            return logger.timed("cost") { prepared.report(for: inventory, budget: budget) }
        })
        var outcome = consume ruleOutcome
        let findings = outcome.findings
        // Waived findings carry no fix delta: their fixes are not in the total.
        for index in outcome.waived.indices where outcome.waived[index].finding.monthlyCostDelta != nil {
            outcome.waived[index].finding.monthlyCostDelta = nil
        }
        let cost = estimate.applyingFixDeltas(findings.compactMap(\.monthlyCostDelta))
        // The engine's findings are in report order (fix deltas change no sort key).
        var report = Report(source: source, coverage: inventory.coverage, findingsInReportOrder: findings, cost: cost)
        report.waived = outcome.waived.map { WaivedFinding(finding: $0.finding, reason: $0.waiver.reason, expires: $0.waiver.expires) }
        report.notices = outcome.notices
        return report
    }
}

extension AuditPipeline {
    /// Sets the monthly cost delta of each of `findings` whose fix changes
    /// the bill (only rules with fix deltas are priced: 5,000 of 13,000
    /// findings at 1,000 services).
    static func priceFixes(_ findings: inout [Finding], _ pricer: SharedOnce<FixDeltaPricer>) {
        let priced = findings.indices.filter { CostModel.rulesWithFixDeltas.contains(findings[$0].ruleId) }
        guard !priced.isEmpty else { return }
        let computed = pricer.value.fixDeltas(
            priced.map { (findings[$0].ruleId, findings[$0].resource, findings[$0].evidence?.variable) })
        for (position, fix) in zip(priced, computed) {
            if let fix, fix.monthlyDelta != 0 { findings[position].monthlyCostDelta = fix.monthlyDelta }
        }
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
        try check(read: FileSource().read(paths: files), files: files)
    }

    /// `check(files:)` with the configuration loaded while the files are
    /// read (the two take ~6 and ~10 ms for the guide); a configuration
    /// error still wins over an error in the files, as when loaded first.
    public static func check(settings: AuditSettings, files: [String]) throws -> Report {
        let (configured, read) = Parallel.both({ Result { try AuditPipeline(settings: settings) } }, {
            Result { try FileSource().read(paths: files) }
        })
        return try configured.get().check(read: read.get(), files: files)
    }

    /// The gate over files already read (`FileSource.read(paths:)`).
    func check(read: FileReadResult, files: [String]) throws -> Report {
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
