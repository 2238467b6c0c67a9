import Foundation
@testable import HydrousAudit
import Inventory
import Pricing
import Rules
import XCTest

/// The pipeline prices each rule's fixes in the rule's own task
/// (`AuditPipeline.priceFixes`, `FixDeltaPricer`). The deltas must be the
/// ones `CostModel.fixDeltas` gives the active findings after the rules, the
/// total after fixes their sum, and a waived finding must carry none.
final class PipelineFixDeltaTests: XCTestCase {
    private var root: URL { CLI.packageRoot }

    private func pipeline(rulesDirectory: String) throws -> AuditPipeline {
        try AuditPipeline(settings: AuditSettings(
            rulesDirectory: rulesDirectory, pricingFile: root.appendingPathComponent("pricing/us-east-1.json").path,
            today: "2026-11-30"))
    }

    private func guideInventory() throws -> Inventory {
        try Inventory.load(snapshot: root.appendingPathComponent("examples/guide/snapshot.json").path)
    }

    /// The deltas as the pipeline worked them out before: after the rules, for the active findings.
    private func expectedDeltas(_ report: Report, _ pipeline: AuditPipeline, _ inventory: Inventory) -> [Double?] {
        let model = CostModel(prices: pipeline.prices, usage: pipeline.usage).preparing(for: inventory)
        let fixes = model.fixDeltas(report.findings.map { ($0.ruleId, $0.resource, $0.evidence?.variable) }, inventory: inventory)
        return fixes.map { fix in fix.flatMap { $0.monthlyDelta == 0 ? nil : $0.monthlyDelta } }
    }

    func testDeltasAreThoseOfTheActiveFindingsAndTheTotalTheirSum() throws {
        let inventory = try guideInventory()
        let pipeline = try pipeline(rulesDirectory: root.appendingPathComponent("rules").path)
        let report = pipeline.report(inventory: inventory, source: SourceInfo(kind: .snapshot, region: "us-east-1", account: nil, scope: Scope()))
        let deltas = report.findings.map(\.monthlyCostDelta)
        XCTAssertEqual(deltas, expectedDeltas(report, pipeline, inventory))
        XCTAssertGreaterThan(deltas.compactMap { $0 }.count, 3, "the guide's fixes change the bill")
        XCTAssertEqual(report.cost.totalAfterFixes, Money.sum([report.cost.total] + deltas.compactMap { $0 }))
    }

    func testWaivedFindingsCarryNoDeltaAndLeaveTheTotal() throws {
        let inventory = try guideInventory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fix-delta-waivers-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: root.appendingPathComponent("rules"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try pipeline(rulesDirectory: folder.path)
            .report(inventory: inventory, source: SourceInfo(kind: .snapshot, region: "us-east-1", account: nil, scope: Scope()))
        let secret = try XCTUnwrap(plain.findings.first { $0.ruleId == "ecs_plaintext_secret_env" && $0.monthlyCostDelta != nil })
        try """
            waivers:
              - rule: ecs_plaintext_secret_env
                resource: "\(secret.resource.id)"
                fingerprint: "\(secret.fingerprint)"
                reason: moved to Secrets Manager next sprint
            """.write(to: folder.appendingPathComponent("waivers.yml"), atomically: true, encoding: .utf8)
        let waiving = try pipeline(rulesDirectory: folder.path)
        let report = waiving.report(inventory: inventory, source: SourceInfo(kind: .snapshot, region: "us-east-1", account: nil, scope: Scope()))
        XCTAssertEqual(report.waived.map(\.finding.fingerprint), [secret.fingerprint])
        XCTAssertEqual(report.waived.map(\.finding.monthlyCostDelta), [nil])
        XCTAssertEqual(report.findings.count, plain.findings.count - 1)
        XCTAssertEqual(report.findings.map(\.monthlyCostDelta), expectedDeltas(report, waiving, inventory))
        let total = try XCTUnwrap(report.cost.totalAfterFixes)
        XCTAssertEqual(total, Money.sum([report.cost.total] + report.findings.compactMap(\.monthlyCostDelta)))
        XCTAssertEqual(total, Money.sum([try XCTUnwrap(plain.cost.totalAfterFixes), -(secret.monthlyCostDelta ?? 0)]))
    }
}
