import Foundation
import Inventory
@testable import Rules
import XCTest

/// A group a reviewed file attaches but never creates has unknown rules: the
/// reachability rule must stay silent rather than guess (issue: gate false positives).
final class UnknownSecurityGroupRulesTests: XCTestCase {
    func findings(_ inventory: Inventory) -> [Finding] {
        let rule = NetUnreachableDependencyRule()
        let context = RuleContext(
            inventory: inventory, settings: RuleSettings(), secrets: RulesConfiguration.default.detector,
            rule: NetUnreachableDependencyRule.description)
        return rule.check(context)
    }

    func testKnownEmptyGroupIsUnreachableButUnknownGroupIsSilent() throws {
        let guide = PlatformFixtures.guide
        XCTAssertEqual(findings(guide).count, 2, "the guide's database and cache are unreachable from the app")
        var unknown = guide
        let dataGroups = Set(guide.dbInstances.flatMap(\.vpcSecurityGroups))
        for index in unknown.securityGroups.indices where dataGroups.contains(unknown.securityGroups[index].id) {
            unknown.securityGroups[index].rulesKnown = false
        }
        XCTAssertEqual(findings(unknown), [], "rules of a group made outside the files are unknown")
    }
}
