import Foundation
@testable import HydrousAudit
import Inventory
import Pricing
import Rules
import XCTest

final class RenderMarkdownTests: XCTestCase {
    private func markdown(_ report: Report = RenderSample.report()) throws -> String {
        try MarkdownReportRenderer().render(report)
    }

    private func position(of needle: String, in text: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let range = text.range(of: needle) else {
            XCTFail("missing \(needle)", file: file, line: line)
            return -1
        }
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    func testSummaryComesFirstThenFindingsCostCoverage() throws {
        let text = try markdown()
        XCTAssertTrue(text.hasPrefix("# hydrous-audit report\n"))
        let order = ["## Summary", "## Findings", "### Critical (1)", "### High (2)", "### Medium (1)", "### Low (1)",
                     "## Monthly cost", "```mermaid", "### Assumptions", "## Waived findings", "## Notices", "## Coverage"]
        let positions = order.map { position(of: $0, in: text) }
        XCTAssertEqual(positions, positions.sorted(), "sections in order: \(order)")
        XCTAssertTrue(text.contains("| 1 | 2 | 1 | 1 | 0 |"), "severity counts in the summary")
        XCTAssertTrue(text.contains("- **Monthly estimate:** 38.80 USD — guide 65.00–100.00 USD: below"))
        XCTAssertTrue(text.contains("- **After fixes:** 35.15 USD (−3.65 USD/month)"))
        XCTAssertTrue(text.contains("**Cost estimate:** incomplete"))
        XCTAssertTrue(text.contains("**Audit:** **incomplete**"))
    }

    func testFindingShowsEvidenceLocationCommandAndCostDelta() throws {
        let text = try markdown()
        XCTAssertTrue(text.contains("- **Evidence:** `POSTGRES_PASSWORD (hy…Kq, sha256 \(RenderSample.secretFinding().evidence?.sha256 ?? "?"))`"))
        XCTAssertTrue(text.contains("- **Location:** `docs/aws deployment guide.md:181`"))
        XCTAssertTrue(text.contains("```sh\naws logs put-retention-policy --log-group-name /ecs/hydrous-backend --retention-in-days 30\n```"))
        XCTAssertTrue(text.contains("- **Monthly cost if fixed:** −3.65 USD"))
        XCTAssertTrue(text.contains("- **Remediation:** Raise the backup retention period to 7 days."))
        XCTAssertTrue(text.contains("<details><summary>Details</summary>"))
        XCTAssertEqual(text.components(separatedBy: "<details>").count, text.components(separatedBy: "</details>").count)
    }

    func testSummaryCountsFindingsByRule() throws {
        let text = try markdown()
        let table = """
            | Rule | Severity | Findings | First | Monthly cost if fixed (USD) |
            |---|---|---:|---:|---:|
            | `ecs_plaintext_secret_env` | critical | 1 | 1 | — |
            | `ecs_public_ip_on_task` | high | 1 | 2 | −3.65 |
            | `file_plaintext_secret` | high | 1 | 3 | — |
            | `logs_no_retention` | medium | 1 | 4 | — |
            | `rds_backup_short` | low | 1 | 5 | — |
            """
        XCTAssertTrue(text.contains("\n\n" + table + "\n\n## Findings\n"), text)
        XCTAssertTrue(text.contains("#### 2. `ecs_public_ip_on_task`"))
        var empty = RenderSample.report()
        empty.findings = []
        empty.summary = SeveritySummary([])
        XCTAssertFalse(try markdown(empty).contains("| Rule | Severity | Findings |"))
    }

    /// On a large report the rows add up to the findings, each row's "First"
    /// is the number of a block of that rule, and the cost column sums the
    /// rule's fix deltas.
    func testFindingsByRuleAgreeWithTheBlocks() throws {
        let report = RenderFastPathTests.report(findings: 1_500, seed: 0xB7).canonicallyOrdered()
        let text = try markdown(report)
        let summary = try XCTUnwrap(text.components(separatedBy: "## Findings").first)
        let rows = summary.split(separator: "\n").filter { $0.hasPrefix("| `") }.map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        XCTAssertGreaterThan(rows.count, 6)
        XCTAssertEqual(rows.reduce(0) { $0 + (Int($1[2]) ?? 0) }, 1_500)
        for row in rows {
            let rule = row[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let first = try XCTUnwrap(Int(row[3]))
            XCTAssertTrue(text.contains("#### \(first). `\(rule)` — "), "row \(row)")
            let findings = report.findings[(first - 1)..<(first - 1 + (Int(row[2]) ?? 0))]
            XCTAssertTrue(findings.allSatisfy { $0.ruleId == rule && $0.severity.rawValue == row[1] }, "row \(row)")
            let deltas = findings.compactMap(\.monthlyCostDelta)
            XCTAssertEqual(row[4], deltas.isEmpty ? "—" : Cents.signed(deltas.reduce(0, +), minus: "−"), "row \(row)")
        }
    }

    /// A rule's long remediation is written out in the first of its findings
    /// in a row only; the others point to that finding's number. A rule with
    /// another remediation in between starts a new run.
    func testRepeatedRemediationPointsToTheFirstFinding() throws {
        var report = RenderSample.report()
        var first = RenderSample.secretFinding()
        first.fingerprint = "ffff000000000001"  // report order: first, second, other
        var second = RenderSample.secretFinding()
        second.fingerprint = "ffff000000000002"
        var other = RenderSample.secretFinding()
        other.remediation = "aws secretsmanager create-secret --name other --secret-string file://other.txt"
        other.fingerprint = "ffff000000000003"
        report.findings = [first, second, other]
        report.summary = SeveritySummary(report.findings)
        let text = try markdown(report)
        let command = "```sh\n" + first.remediation + "\n```"
        XCTAssertEqual(text.components(separatedBy: command).count, 2, "the command once")
        XCTAssertEqual(text.components(separatedBy: "Remediation: as for finding 1 above.").count, 2)
        XCTAssertTrue(text.contains("```sh\n" + other.remediation + "\n```"), "another remediation is written out")
        XCTAssertLessThan(position(of: "#### 2.", in: text), position(of: "Remediation: as for finding 1 above.", in: text))
        XCTAssertLessThan(position(of: "Remediation: as for finding 1 above.", in: text), position(of: "#### 3.", in: text))
    }

    func testCostTableSideBySideWithTheGuideAndChart() throws {
        let text = try markdown()
        XCTAssertTrue(text.contains("| RDS PostgreSQL | 15.44 | 15.00–25.00 | within |"))
        XCTAssertTrue(text.contains("| ElastiCache Redis | 12.41 | 15.00–25.00 | below |"))
        XCTAssertTrue(text.contains("| Public IPv4 addresses | 10.95 | — | not in guide |"))
        XCTAssertTrue(text.contains("| **Total** | **38.80+** | **65.00–100.00** | below |"))
        XCTAssertTrue(text.contains("<details><summary>Cost lines (5)</summary>"))
        XCTAssertTrue(text.contains("| `hydrous-db` | db.t3.micro → db.t4g.micro | −1.46 |"))
        let chart = try XCTUnwrap(text.components(separatedBy: "```mermaid\n").dropFirst().first?.components(separatedBy: "```").first)
        XCTAssertTrue(chart.hasPrefix("xychart-beta\n"))
        XCTAssertTrue(chart.contains("x-axis [\"RDS PostgreSQL\", \"ElastiCache Redis\", \"Data transfer and others\", \"Public IPv4 addresses\"]"))
        XCTAssertTrue(chart.contains("bar [15.44, 12.41, 0.00, 10.95]"))
        XCTAssertTrue(chart.contains("line [15.00, 15.00, 0.00, 0.00]"))
        XCTAssertTrue(chart.contains("line [25.00, 25.00, 0.00, 0.00]"))
    }

    func testTableCellsEscapePipesAndNewlines() throws {
        var report = RenderSample.report()
        report.cost.rows.append(CostRow(guideRow: nil, label: "NAT | gateway\nhourly", monthly: 32.85,
                                        guideMin: nil, guideMax: nil, status: .notInGuide))
        let text = try markdown(report)
        XCTAssertTrue(text.contains("| NAT \\| gateway<br>hourly | 32.85 | — | not in guide |"), text)
        XCTAssertTrue(text.contains("| data out \\| internet |"))
        XCTAssertTrue(text.contains("AccessDenied: not authorized \\| ask for rds:Describe*"))
        XCTAssertTrue(text.contains("\"NAT   gateway hourly\"") || text.contains("\"NAT | gateway hourly\""),
                      "chart labels stay on one line")
        // Every row of a table has as many unescaped pipes as its header.
        var expected: Int?
        for line in text.components(separatedBy: "\n") {
            guard line.hasPrefix("|") else { expected = nil; continue }
            let pipes = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let expected { XCTAssertEqual(pipes, expected, line) } else { expected = pipes }
        }
    }

    func testCoverageTableListsFailuresFirst() throws {
        let text = try markdown()
        let coverage = try XCTUnwrap(text.components(separatedBy: "## Coverage").last)
        XCTAssertLessThan(position(of: "| rds | DescribeDBInstances | **denied** |", in: coverage),
                          position(of: "| ec2 | DescribeSecurityGroups | ok |", in: coverage))
    }

    func testNoTimestampsAndDeterministic() throws {
        let report = RenderSample.report()
        let text = try markdown(report)
        XCTAssertEqual(try markdown(report), text)
        XCTAssertEqual(try markdown(RenderSample.shuffled(report)), text)
        XCTAssertNil(text.range(of: #"\d{2}:\d{2}:\d{2}"#, options: .regularExpression), "no clock time")
        XCTAssertNil(text.range(of: #"20(2[5-9]|3\d)-\d{2}-\d{2}T"#, options: .regularExpression), "no ISO timestamps")
    }

    func testEmptyReportSaysSo() throws {
        let report = Report(source: SourceInfo(kind: .files, region: nil, account: nil, scope: Scope()),
                            coverage: [], findings: [], cost: CostReport())
        let text = try markdown(report)
        XCTAssertTrue(text.contains("No findings."))
        XCTAssertTrue(text.contains("**Audit:** complete"))
        XCTAssertFalse(text.contains("```mermaid"), "no chart without rows")
    }
}
