import Inventory
import XCTest
@testable import Pricing
import TestSupport

/// `fixDeltas` now splits the findings over the cores, builds the workload
/// index up front and works out resource-independent deltas once per rule:
/// for random findings on the guide's and the hardened inventories it must
/// give what `fixDelta` (one finding, nothing shared) gives.
final class FixDeltasParallelTests: XCTestCase {
    func testManyFindingsAtOnceGiveWhatOneAtATimeGives() throws {
        let model = try Fixtures.model()
        var random = SeededRandom(seed: 0xF1_DE17A5)
        let rules = Fixtures.fixDeltaRules
        for inventory in [Fixtures.guideInventory(), Fixtures.hardenedInventory()] {
            var refs = inventory.dbInstances.map(\.ref) + inventory.logGroups.map(\.ref) + inventory.cacheClusters.map(\.ref)
            refs += inventory.services.map { ResourceRef(type: "ecs:service", id: $0.name, arn: $0.arn, name: $0.name) }
            refs += inventory.taskDefinitions.map { ResourceRef(type: "ecs:task-definition", id: $0.familyRevision, arn: $0.arn) }
            refs += [ResourceRef(type: "ecs:service", id: "missing"), ResourceRef(type: "rds:db", id: "missing")]
            for count in [0, 1, 700, 3_000] {
                let findings = (0..<count).map { _ in (ruleId: random.pick(rules), resource: random.pick(refs)) }
                let together = model.fixDeltas(findings, inventory: inventory)
                let oneByOne = findings.map { model.fixDelta(ruleId: $0.ruleId, resource: $0.resource, inventory: inventory) }
                XCTAssertEqual(together, oneByOne)
                if count > 0 { XCTAssertTrue(together.contains { $0 != nil }) }
            }
        }
    }
}
