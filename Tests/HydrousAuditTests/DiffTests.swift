import Foundation
import HydrousAudit
import Inventory
import Pricing
import Rules
import XCTest

final class DiffTests: XCTestCase {
    /// Last week: the sample as audited. This week: the public IP removed
    /// from the tasks and log retention set; rds permissions fixed.
    private func weeks() -> (previous: Report, current: Report) {
        let previous = RenderSample.report()
        var current = Report(
            source: previous.source,
            coverage: previous.coverage.map { entry in
                var entry = entry
                if entry.service == "rds" { entry.status = .ok; entry.detail = "1 call" }
                return entry
            },
            findings: previous.findings.filter { !["ecs_public_ip_on_task", "logs_no_retention"].contains($0.ruleId) },
            cost: RenderSample.cost(publicIPs: 2)
        )
        current.waived = previous.waived
        return (previous, current)
    }

    func testResolvingPublicIPAndRetentionSavesOneAddress() throws {
        let (previous, current) = weeks()
        let diff = ReportDiff.compare(previous: previous, current: current)
        XCTAssertEqual(diff.resolved.map(\.ruleId), ["ecs_public_ip_on_task", "logs_no_retention"])
        XCTAssertTrue(diff.new.isEmpty)
        XCTAssertEqual(diff.open.map(\.ruleId), ["ecs_plaintext_secret_env", "file_plaintext_secret", "rds_backup_short"])
        XCTAssertEqual(diff.cost.previousTotal, 38.8)
        XCTAssertEqual(diff.cost.currentTotal, 35.15)
        XCTAssertEqual(diff.cost.delta, -3.65)
        let ipv4 = try XCTUnwrap(diff.cost.rows.first { $0.label == "Public IPv4 addresses" })
        XCTAssertNil(ipv4.guideRow)
        XCTAssertEqual(ipv4.previous, 10.95)
        XCTAssertEqual(ipv4.current, 7.3)
        XCTAssertEqual(ipv4.delta, -3.65)
        XCTAssertEqual(diff.cost.rows.map(\.label), [
            "RDS PostgreSQL", "ElastiCache Redis", "Data transfer and others", "Public IPv4 addresses",
        ])
        XCTAssertEqual(diff.cost.rows.filter { $0.delta != 0 }.count, 1)
        XCTAssertEqual(diff.coverage, [CoverageChange(service: "rds", operation: "DescribeDBInstances",
                                                      previous: .denied, current: .ok, detail: "1 call")])
    }

    func testDiffJSONFollowsTheContract() throws {
        let (previous, current) = weeks()
        let text = try DiffJSONRenderer().render(ReportDiff.compare(previous: previous, current: current))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual((root["new"] as? [Any])?.count, 0)
        let resolved = try XCTUnwrap(root["resolved"] as? [[String: Any]])
        XCTAssertEqual(resolved.map { $0["ruleId"] as? String }, ["ecs_public_ip_on_task", "logs_no_retention"])
        XCTAssertEqual(resolved.first?["fingerprint"] as? String, RenderSample.publicIPFinding().fingerprint)
        XCTAssertTrue(resolved.first?["location"] is NSNull)
        XCTAssertEqual((root["open"] as? [Any])?.count, 3)
        let cost = try XCTUnwrap(root["cost"] as? [String: Any])
        XCTAssertTrue(text.contains("\"delta\": -3.65"))
        XCTAssertTrue(text.contains("\"previousTotal\": 38.8,"))
        XCTAssertTrue(text.contains("\"currentTotal\": 35.15,"))
        let rows = try XCTUnwrap(cost["rows"] as? [[String: Any]])
        XCTAssertEqual(Set(rows.flatMap(\.keys)), ["guideRow", "label", "previous", "current", "delta"])
        XCTAssertEqual(rows.last?["current"] as? Double, 7.3)
        XCTAssertEqual((root["coverage"] as? [[String: Any]])?.first?["current"] as? String, "ok")
        XCTAssertFalse(text.contains("0000000"))
    }

    func testMarkdownSaysWhatChangedFirst() throws {
        let (previous, current) = weeks()
        let text = try DiffMarkdownRenderer().render(ReportDiff.compare(previous: previous, current: current))
        let headline = "2 resolved, 0 new, 3 still open; cost −3.65 USD/month (38.80 → 35.15); 1 operation recovered."
        XCTAssertTrue(text.contains("## What changed this week\n\n" + headline), text)
        let changed = try XCTUnwrap(text.range(of: "## What changed this week"))
        let resolved = try XCTUnwrap(text.range(of: "## Resolved findings (2)"))
        XCTAssertLessThan(changed.lowerBound, resolved.lowerBound)
        XCTAssertTrue(text.contains("| Public IPv4 addresses | 10.95 | 7.30 | −3.65 |"))
        XCTAssertTrue(text.contains("| **Total** | **38.80** | **35.15** | **−3.65** |"))
        XCTAssertTrue(text.contains("## New findings (0)\n\nNone."))
        let plain = try DiffTextRenderer().render(ReportDiff.compare(previous: previous, current: current))
        XCTAssertTrue(plain.hasPrefix("2 resolved, 0 new, 3 still open; cost -3.65 USD/month"))
        XCTAssertTrue(plain.contains("COST     Public IPv4 addresses: 10.95 -> 7.30 (-3.65)"))
    }

    func testNewFindingsRowsOnOneSideAndNewFailures() {
        let (previous, current) = weeks()
        var worse = current
        var extra = RenderSample.backupFinding()
        extra.resource = ResourceRef(type: "rds:db-instance", id: "hydrous-db-replica")
        extra.fingerprint = Finding.fingerprint(ruleId: extra.ruleId, resource: extra.resource, detail: "")
        worse.findings = (worse.findings + [extra]).sorted(by: Finding.reportOrder)
        worse.cost.rows.append(CostRow(guideRow: nil, label: "NAT gateway", monthly: 32.85, guideMin: nil, guideMax: nil,
                                       status: .notInGuide))
        worse.cost.rows.removeAll { $0.label == "ElastiCache Redis" }
        worse.coverage.append(CoverageEntry(service: "elasticache", operation: "DescribeCacheClusters", status: .failed,
                                            detail: "Throttling past retries"))
        let diff = ReportDiff.compare(previous: previous, current: worse)
        XCTAssertEqual(diff.new.map(\.resource.id), ["hydrous-db-replica"])
        let nat = diff.cost.rows.first { $0.label == "NAT gateway" }
        XCTAssertEqual(nat?.previous, nil)
        XCTAssertEqual(nat?.delta, 32.85)
        let redis = diff.cost.rows.first { $0.label == "ElastiCache Redis" }
        XCTAssertEqual(redis?.current, nil)
        XCTAssertEqual(redis?.delta, -12.41)
        XCTAssertEqual(diff.coverage.map(\.operation), ["DescribeCacheClusters", "DescribeDBInstances"])
        XCTAssertTrue(diff.headline().contains("1 operation now failing"))
    }

    func testDiffOfDecodedReportsMatchesAndIsDeterministic() throws {
        let (previous, current) = weeks()
        let renderer = JSONReportRenderer()
        let before = try ReportJSON.decode(data: Data(try renderer.render(previous).utf8), file: "week1.json")
        let after = try ReportJSON.decode(data: Data(try renderer.render(current).utf8), file: "week2.json")
        let fromFiles = try DiffJSONRenderer().render(ReportDiff.compare(previous: before, current: after))
        let direct = try DiffJSONRenderer().render(ReportDiff.compare(previous: previous, current: current))
        XCTAssertEqual(fromFiles, direct)
        let shuffled = try DiffJSONRenderer().render(ReportDiff.compare(
            previous: RenderSample.shuffled(previous), current: RenderSample.shuffled(current)
        ))
        XCTAssertEqual(shuffled, direct)
    }
}
