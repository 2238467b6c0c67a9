import Inventory
import XCTest
@testable import Rules

/// The SwiftLint pattern: one test walks every registered rule and runs its
/// examples, so adding a rule adds its tests.
final class RuleExamplesTests: XCTestCase {
    func findings(of rule: any Rule.Type, on inventory: Inventory) -> [Finding] {
        let context = RuleContext(
            inventory: inventory, settings: RuleSettings(), secrets: SecretDetector(), rule: rule.description
        )
        return rule.init().check(context)
    }

    func testEveryTriggeringExampleFlagsExactlyItsResources() {
        for rule in RuleRegistry.all {
            let description = rule.description
            for example in description.triggering {
                let found = findings(of: rule, on: example.inventory)
                let label = "\(description.id) / \(example.name)"
                XCTAssertEqual(found.map(\.resource.id).sorted(), example.flagged.sorted(), label)
                for detail in example.details {
                    let shown = found.contains { $0.message.contains(detail) || $0.evidence?.variable == detail }
                    XCTAssertTrue(shown, "\(label): no finding names `\(detail)`")
                }
                for finding in found {
                    XCTAssertEqual(finding.ruleId, description.id, label)
                    XCTAssertEqual(finding.severity, description.severity, label)
                    XCTAssertFalse(finding.message.isEmpty, label)
                }
                XCTAssertEqual(Set(found.map(\.fingerprint)).count, found.count, "\(label): duplicate fingerprints")
            }
        }
    }

    func testNoNonTriggeringExampleFlagsAnything() {
        for rule in RuleRegistry.all {
            for example in rule.description.nonTriggering {
                let found = findings(of: rule, on: example.inventory)
                XCTAssertEqual(found.map(\.message), [], "\(rule.description.id) / \(example.name)")
            }
        }
    }
}
