import Inventory
import XCTest
@testable import Rules

/// `Report` sorted its findings with `sorted(by: Finding.reportOrder)`; it
/// now uses `Finding.sortedInReportOrder` (precomputed keys, no sort when
/// already in order). On random lists with many ties both must give the
/// same findings in the same order, as must the in-place `sortInReportOrder`.
final class ReportOrderSortTests: XCTestCase {
    func testRandomFindingListsSortAsSortedByReportOrderSortsThem() {
        var random = SeededRandom(seed: 0x50_27ED)
        var alreadySorted = 0
        for round in 0..<2_000 {
            var findings = (0..<random.int(in: 0...40)).map { _ in Self.finding(&random) }
            if round % 4 == 0 { findings.sort(by: Finding.reportOrder) }
            let reference = findings.sorted(by: Finding.reportOrder)
            if reference == findings { alreadySorted += 1 }
            XCTAssertEqual(Finding.sortedInReportOrder(findings), reference)
            XCTAssertEqual(Finding.isInReportOrder(findings), reference == findings)
            var inPlace = findings
            Finding.sortInReportOrder(&inPlace)
            XCTAssertEqual(inPlace, reference)
        }
        XCTAssertGreaterThan(alreadySorted, 500)
    }

    /// A finding drawn from few values per field, so sort keys tie often
    /// and only the message (not a key) tells tied findings apart.
    private static func finding(_ random: inout SeededRandom) -> Finding {
        var finding = Finding(
            ruleId: random.pick(["ecs_a", "ecs_b", "rds_c"]), severity: random.pick(Severity.allCases), title: "t",
            resource: ResourceRef(type: random.pick(["ecs:service", "rds:db"]), id: random.pick(["x", "y", "Y", "é"])),
            message: "m\(random.below(1_000))", detail: random.pick(["", "A"]), remediation: "r", references: [],
            location: random.chance(30) ? SourceLocation(file: random.pick(["a.md", "b.sh"]), line: random.int(in: -5...120)) : nil
        )
        if random.chance(10) { finding.fingerprint = "same" }
        return finding
    }
}
