import Inventory
import XCTest
@testable import Rules

/// The engine: disabled rules, severity overrides, waivers and their notices, order.
final class RuleEngineTests: XCTestCase {
    let today = "2026-06-01"

    func audit(_ yaml: String = "", _ inventory: Inventory = ECSFixtures.guide,
             applicability: Set<RuleApplicability> = [.inventory]) throws -> RuleOutcome {
        let config = try RulesConfiguration.default.adding(yaml: yaml, file: "rules/rules.yml")
        return RuleEngine(configuration: config, rules: RuleRegistry.ecsRules).run(inventory, applicability: applicability, today: today)
    }

    func testGuideFindingsAreSortedAndComplete() throws {
        let outcome = try audit()
        let ids = outcome.findings.map(\.ruleId)
        XCTAssertEqual(outcome.findings, outcome.findings.sorted(by: Finding.reportOrder))
        XCTAssertEqual(ids.filter { $0 == "ecs_plaintext_secret_env" }.count, 3)
        for id in ["ecs_public_ip_on_task", "ecs_task_role_is_execution_role", "iam_task_role_has_execution_policy",
                   "ecs_mutable_image_tag", "ecs_writable_root_filesystem", "ecs_single_task", "ecs_container_insights_off",
                   "ecs_unresolved_endpoint", "ecs_plaintext_transport_url"] {
            XCTAssertTrue(ids.contains(id), id)
        }
        XCTAssertFalse(ids.contains("file_plaintext_secret"), "files-only rule ran on an inventory")
        XCTAssertEqual(outcome.findings.first?.severity, .critical)
        XCTAssertTrue(outcome.notices.isEmpty)
    }

    func testDisabledRuleDoesNotRunAndSeverityOverrides() throws {
        let outcome = try audit("rules:\n  ecs_single_task: { enabled: false }\n  ecs_container_insights_off: { severity: high }\n")
        XCTAssertFalse(outcome.findings.contains { $0.ruleId == "ecs_single_task" })
        XCTAssertEqual(outcome.findings.first { $0.ruleId == "ecs_container_insights_off" }?.severity, .high)
    }

    func testParameterReachesTheRule() throws {
        var inventory = ECSFixtures.guide
        inventory.services[0].desiredCount = 2
        XCTAssertFalse(try audit("", inventory).findings.contains { $0.ruleId == "ecs_single_task" })
        XCTAssertTrue(try audit("rules:\n  ecs_single_task: { min_tasks: 3 }\n", inventory).findings.contains { $0.ruleId == "ecs_single_task" })
    }

    func testWaiverMovesAFinding() throws {
        let outcome = try audit("""
            waivers:
              - rule: ecs_container_insights_off
                resource: "hydrous-*"
                reason: "metrics come from Datadog"
                expires: 2026-06-01
            """)
        XCTAssertFalse(outcome.findings.contains { $0.ruleId == "ecs_container_insights_off" })
        XCTAssertEqual(outcome.waived.map(\.finding.ruleId), ["ecs_container_insights_off"])
        XCTAssertEqual(outcome.waived.first?.waiver.reason, "metrics come from Datadog")
        XCTAssertEqual(outcome.waived.first?.waiver.source, SourceLocation(file: "rules/rules.yml", line: 2))
        XCTAssertTrue(outcome.notices.isEmpty, "\(outcome.notices)")
    }

    func testWaiverByARNAndFingerprint() throws {
        let finding = try audit().findings.first { $0.ruleId == "ecs_plaintext_secret_env" }
        let fingerprint = try XCTUnwrap(finding?.fingerprint)
        let outcome = try audit("""
            waivers:
              - rule: ecs_plaintext_secret_env
                resource: "arn:aws:ecs:*:task-definition/hydrous-backend-task:*"
                reason: "rotating this week"
                fingerprint: \(fingerprint)
            """)
        XCTAssertEqual(outcome.waived.map(\.finding.fingerprint), [fingerprint])
        XCTAssertEqual(outcome.findings.filter { $0.ruleId == "ecs_plaintext_secret_env" }.count, 2)
    }

    func testExpiredWaiverStopsWaivingWithANotice() throws {
        let outcome = try audit("""
            waivers:
              - rule: ecs_container_insights_off
                resource: hydrous-cluster
                reason: "metrics come from Datadog"
                expires: 2026-05-31
            """)
        XCTAssertTrue(outcome.findings.contains { $0.ruleId == "ecs_container_insights_off" })
        XCTAssertTrue(outcome.waived.isEmpty)
        XCTAssertEqual(outcome.notices.count, 1)
        let notice = try XCTUnwrap(outcome.notices.first)
        XCTAssertTrue(notice.hasPrefix("rules/rules.yml:2:"), notice)
        XCTAssertTrue(notice.contains("expired on 2026-05-31"), notice)
    }

    func testUnusedWaiverGetsANotice() throws {
        let outcome = try audit("""
            waivers:
              - rule: ecs_container_insights_off
                resource: other-cluster
                reason: "x"
            """)
        XCTAssertEqual(outcome.notices.count, 1)
        XCTAssertTrue(outcome.notices[0].contains("matches no finding"))
    }

    func testFilesApplicabilityRunsTheFileRule() throws {
        let inventory = ECSFixtures.inventory { $0.fileValues = [ECSFixtures.fileValue("--master-user-password", "hydrous_password")] }
        let outcome = try audit("", inventory, applicability: [.inventory, .files])
        XCTAssertEqual(outcome.findings.map(\.ruleId), ["file_plaintext_secret"])
        XCTAssertEqual(outcome.findings.first?.location, SourceLocation(file: "docs/deploy.md", line: 87))
        XCTAssertTrue(try audit("", inventory).findings.isEmpty)
    }

    func testRunIsDeterministic() throws {
        XCTAssertEqual(try audit(), try audit())
    }

    /// The rules that grow with the inventory start first; every rule runs
    /// once, and the findings come back in rule order whatever the start order.
    func testHeavyRulesStartFirstAndResultsKeepRuleOrder() throws {
        let active = RuleRegistry.all
        let ids = Set(active.map { $0.description.id })
        for id in RuleEngine.heavyRules { XCTAssertTrue(ids.contains(id), "\(id) is no registered rule") }
        let order = RuleEngine.startOrder(active)
        XCTAssertEqual(order.sorted(), Array(active.indices), "a permutation")
        XCTAssertEqual(order.prefix(RuleEngine.heavyRules.count).map { active[$0].description.id }, RuleEngine.heavyRules)
        let perRule = RuleEngine.findings(
            of: active, on: ECSFixtures.guide, configuration: .default, detector: RulesConfiguration.default.detector)
        XCTAssertEqual(perRule.count, active.count)
        for (rule, found) in zip(active, perRule) {
            XCTAssertTrue(found.allSatisfy { $0.ruleId == rule.description.id }, rule.description.id)
        }
        XCTAssertGreaterThan(perRule.filter { !$0.isEmpty }.count, 5)
    }
}
