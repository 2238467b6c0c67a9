import Inventory
@testable import Rules
import XCTest

/// Findings on resources read from files point at the line to change, using
/// the location keys the file reader writes (`ingress.N`, `attributes.KEY`,
/// `vpcSecurityGroups`, `defaultActions`, ...).
final class PlatformLocationTests: XCTestCase {
    typealias F = PlatformFixtures

    static func at(_ line: Int) -> SourceLocation { SourceLocation(file: "guide.md", line: line) }

    /// The guide as the file reader would build it, with the lines of its commands.
    static let fromFiles: Inventory = F.with(F.guide) { inv in
        inv.securityGroups[0].locations = [LocationKey.resource: at(215), "ingress.0": at(215), "ingress.1": at(218)]
        inv.securityGroups[2].locations = [LocationKey.resource: at(89)]
        inv.loadBalancers[0].locations = [LocationKey.resource: at(228), "securityGroups": at(232)]
        inv.listeners[0].locations = [LocationKey.resource: at(253), "defaultActions": at(257)]
        inv.dbInstances[0].locations = [LocationKey.resource: at(82), "vpcSecurityGroups": at(89), "masterUserPassword": at(87)]
        inv.cacheClusters[0].locations = [LocationKey.resource: at(100), "securityGroups": at(106)]
        inv.repositories[0].locations = [LocationKey.resource: at(112), "scanOnPush": at(114)]
        inv.logGroups[0].locations = [LocationKey.resource: at(151)]
    }

    func line(_ rule: any Rule.Type, _ resource: String) -> Int? {
        platformFindings(rule, Self.fromFiles).first { $0.resource.id == resource }?.location?.line
    }

    func testGuideFindingsPointAtTheLineToChange() {
        XCTAssertEqual(line(ELBHTTPOnlyListenerRule.self, "hydrous-alb"), 257)
        XCTAssertEqual(line(ELBOpenPortWithoutListenerRule.self, "hydrous-alb"), 218)
        XCTAssertEqual(line(EC2SharedSecurityGroupRule.self, F.dataSG), 89)
        XCTAssertEqual(line(NetUnreachableDependencyRule.self, "hydrous-db"), 89)
        XCTAssertEqual(line(NetUnreachableDependencyRule.self, "hydrous-redis"), 106)
        XCTAssertEqual(line(RDSUnmanagedMasterPasswordRule.self, "hydrous-db"), 87)
        XCTAssertEqual(line(RDSStorageUnencryptedRule.self, "hydrous-db"), 82, "no flag: the create command's line")
        XCTAssertEqual(line(ECRNoLifecyclePolicyRule.self, "hydrous-backend"), 112)
        XCTAssertEqual(line(LogsNoRetentionRule.self, "/ecs/hydrous-backend"), 151)
    }

    func testAttributeFindingPointsAtTheModifyAttributesLine() {
        let inventory = F.inventory { inv in
            inv.loadBalancers = [F.loadBalancer {
                $0.attributes["deletion_protection.enabled"] = "false"
                $0.locations = [LocationKey.resource: Self.at(228), "attributes.deletion_protection.enabled": Self.at(300)]
            }]
        }
        XCTAssertEqual(runPlatformRule(ELBDeletionProtectionOffRule.self, inventory).first?.location?.line, 300)
        XCTAssertEqual(runPlatformRule(ELBAccessLogsOffRule.self, inventory).first?.location?.line, 228)
    }

    func testWorldOpenFindingPointsAtTheOffendingIngressLine() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [F.securityGroup(F.dataSG, ingress: [
                F.tcp(5432, from: [F.appSG]), F.tcp(6379, cidrs: ["0.0.0.0/0"]),
            ]) { $0.locations = [LocationKey.resource: Self.at(40), "ingress.0": Self.at(41), "ingress.1": Self.at(42)] }]
        }
        XCTAssertEqual(runPlatformRule(EC2WorldOpenDataPortRule.self, inventory).first?.location?.line, 42)
    }

    func testLiveFindingsHaveNoLocation() {
        let findings = RuleRegistry.platformRules.flatMap { platformFindings($0, F.guide) }
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0.location == nil })
    }
}
