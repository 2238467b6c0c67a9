import Foundation
import Inventory

/// A finding a waiver set aside, with the waiver.
public struct AppliedWaiver: Sendable, Equatable {
    /// The finding as the rule produced it.
    public var finding: Finding
    /// The waiver that covers it.
    public var waiver: Waiver

    /// Creates an applied waiver.
    public init(finding: Finding, waiver: Waiver) {
        self.finding = finding
        self.waiver = waiver
    }
}

/// What running the rules produced.
public struct RuleOutcome: Sendable, Equatable {
    /// Active findings, in report order (`Finding.reportOrder`).
    public var findings: [Finding]
    /// Findings set aside by a waiver, in report order.
    public var waived: [AppliedWaiver]
    /// Things the user should know that are not findings (expired or unused waivers), sorted.
    public var notices: [String]

    /// Creates an outcome.
    public init(findings: [Finding] = [], waived: [AppliedWaiver] = [], notices: [String] = []) {
        self.findings = findings
        self.waived = waived
        self.notices = notices
    }
}

/// Runs the registered rules over an inventory with a configuration:
/// disabled rules do not run, severity overrides apply, waivers move findings aside.
public struct RuleEngine: Sendable {
    /// The configuration in use.
    public let configuration: RulesConfiguration
    /// The rules it may run.
    public let rules: [any Rule.Type]

    /// Creates an engine over every registered rule.
    public init(configuration: RulesConfiguration) {
        self.init(configuration: configuration, rules: RuleRegistry.all)
    }

    /// Creates an engine over `rules` only (tests, `rules explain`).
    public init(configuration: RulesConfiguration, rules: [any Rule.Type]) {
        self.configuration = configuration
        self.rules = rules
    }

    /// The rules that run for `applicability` under this configuration.
    public func activeRules(applicability: Set<RuleApplicability>) -> [any Rule.Type] {
        rules.filter { rule in
            configuration.settings(for: rule.description.id).enabled && applicability.contains(rule.description.applicability)
        }
    }

    /// Runs every active rule on `inventory`; `today` (`YYYY-MM-DD`) decides which waivers have expired.
    /// `finishing` sees each rule's findings in that rule's task, on every
    /// core (the pipeline prices their fixes there); it must not change
    /// their report order (severity, rule, resource, location, fingerprint).
    public func run(
        _ inventory: Inventory, applicability: Set<RuleApplicability>, today: String,
        finishing: (@Sendable (inout [Finding]) -> Void)? = nil
    ) -> RuleOutcome {
        let detector = configuration.detector
        let active = activeRules(applicability: applicability)
        let perRule = Self.findings(of: active, on: inventory, configuration: configuration, detector: detector, finishing: finishing)
        var findings: [Finding]
        if let joined = Finding.joinedInReportOrder(perRule) {
            findings = joined
        } else {
            findings = perRule.flatMap { $0 }
            Finding.sortInReportOrder(&findings)
        }
        return applyWaivers(findings, ranRules: Set(active.map { $0.description.id }), today: today)
    }

    /// Every active rule's findings (severity overrides applied), each rule's
    /// in report order, in rule order. Rules run at once, each on its own
    /// context, sharing one run's facts.
    static func findings(
        of active: [any Rule.Type], on inventory: Inventory, configuration: RulesConfiguration, detector: SecretDetector,
        finishing: (@Sendable (inout [Finding]) -> Void)? = nil
    ) -> [[Finding]] {
        let facts = RuleFacts()
        facts.prepare(inventory, detector)
        // The cores take the rules in this order; results stay in rule order.
        let schedule = startOrder(active)
        let perRule = Parallel.mapEach(active.count) { slot -> [Finding] in
            let rule = active[schedule[slot]]
            let settings = configuration.settings(for: rule.description.id)
            let context = RuleContext(inventory: inventory, settings: settings, secrets: detector, rule: rule.description, facts: facts)
            var found = rule.init().check(context)
            if let severity = settings.severity {
                for index in found.indices { found[index].severity = severity }
            }
            Finding.sortInReportOrder(&found)
            finishing?(&found)
            return found
        }
        var inRuleOrder = [[Finding]](repeating: [], count: active.count)
        for (slot, found) in perRule.enumerated() { inRuleOrder[schedule[slot]] = found }
        return inRuleOrder
    }

    /// Rules whose work grows with every variable or service: started first,
    /// so that no core is left running one of them alone at the end (at 1,000
    /// services `net_unreachable_dependency`, 18 ms, came 18th and ran last
    /// while the other core idled). Only the speed depends on this list.
    static let heavyRules = [
        "ecs_plaintext_secret_env", "net_unreachable_dependency", "ecs_unresolved_endpoint", "ecs_plaintext_transport_url",
    ]

    /// Positions in `active`: `heavyRules` first, then the rest in order.
    static func startOrder(_ active: [any Rule.Type]) -> [Int] {
        let rank = { (index: Int) in heavyRules.firstIndex(of: active[index].description.id) ?? heavyRules.count }
        return active.indices.sorted { (rank($0), $0) < (rank($1), $1) }
    }

    /// Splits `findings` into active and waived and writes the waiver notices.
    func applyWaivers(_ findings: [Finding], ranRules: Set<String>, today: String) -> RuleOutcome {
        var outcome = RuleOutcome()
        let waivers = configuration.waivers
        guard !waivers.isEmpty else {
            outcome.findings = findings
            return outcome
        }
        var used = Set<Int>()
        for finding in findings {
            let index = waivers.indices.first { waivers[$0].matches(finding) && !waivers[$0].isExpired(today: today) }
            if let index {
                used.insert(index)
                outcome.waived.append(AppliedWaiver(finding: finding, waiver: waivers[index]))
            } else {
                outcome.findings.append(finding)
            }
        }
        for (index, waiver) in waivers.enumerated() where ranRules.contains(waiver.rule) {
            if waiver.isExpired(today: today), let expires = waiver.expires {
                outcome.notices.append(
                    "\(waiver.place)the waiver of \(waiver.rule) for `\(waiver.resource)` expired on \(expires): "
                        + "its findings count again. Fix them, or renew `expires` if the reason still holds.")
            } else if !used.contains(index) {
                outcome.notices.append(
                    "\(waiver.place)the waiver of \(waiver.rule) for `\(waiver.resource)` matches no finding: "
                        + "remove it, or check the resource id.")
            }
        }
        outcome.notices.sort()
        return outcome
    }
}
