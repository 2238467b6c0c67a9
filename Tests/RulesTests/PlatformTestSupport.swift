import Inventory
@testable import Rules
import XCTest

/// Runs one platform rule on `inventory` with `settings`.
func runPlatformRule<R: Rule>(
    _ rule: R.Type, _ inventory: Inventory, settings: RuleSettings = RuleSettings()
) -> [Finding] {
    R().check(RuleContext(inventory: inventory, settings: settings, secrets: SecretDetector(), rule: R.description))
}

/// The ids of the resources `findings` name, sorted.
func flaggedIds(_ findings: [Finding]) -> [String] {
    findings.map(\.resource.id).sorted()
}

/// Runs every registered platform rule on `inventory`: `ruleId resourceId` pairs, sorted.
func platformFindingKeys(_ inventory: Inventory) -> [String] {
    RuleRegistry.platformRules.flatMap { rule in
        platformFindings(rule, inventory).map { "\($0.ruleId) \($0.resource.id)" }
    }.sorted()
}

/// Runs an existential rule type on `inventory`.
func platformFindings(_ rule: any Rule.Type, _ inventory: Inventory, settings: RuleSettings = RuleSettings()) -> [Finding] {
    rule.init().check(RuleContext(inventory: inventory, settings: settings, secrets: SecretDetector(), rule: rule.description))
}
