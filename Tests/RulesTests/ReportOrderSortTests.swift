import Inventory
import XCTest
@testable import Rules
import TestSupport

/// `Report` sorted its findings with `sorted(by: Finding.reportOrder)`; it
/// now uses `Finding.sortedInReportOrder` (keys with rule, type and id as
/// ranks, no sort when already in order; `sortInReportOrder` permutes in
/// place with swaps). On random lists with many ties and canonically equal
/// strings all must give the same findings in the same order.
final class ReportOrderSortTests: XCTestCase {
    func testRandomFindingListsSortAsSortedByReportOrderSortsThem() {
        var random = SeededRandom(seed: 0x50_27ED)
        var alreadySorted = 0
        for round in 0..<2_000 {
            let count = round % 100 == 0 ? 3_000 : random.int(in: 0...40)
            var findings = (0..<count).map { _ in Self.finding(&random) }
            if round % 4 == 0 { findings.sort(by: Finding.reportOrder) }
            let reference = findings.sorted(by: Finding.reportOrder)
            if reference == findings { alreadySorted += 1 }
            XCTAssertEqual(Finding.sortedInReportOrder(findings), reference)
            XCTAssertEqual(Finding.isInReportOrder(findings), reference == findings)
            var inPlace = findings
            Finding.sortInReportOrder(&inPlace)
            XCTAssertEqual(inPlace, reference)
            // Both key forms: ranks packed into one integer (up to 32,767 findings) and the struct.
            let unpacked = Finding.reportOrderPositions(findings, packing: false).map { findings[$0] }
            XCTAssertEqual(unpacked, reference)
        }
        XCTAssertGreaterThan(alreadySorted, 500)
    }

    /// The rule engine sorts each rule's findings and joins the lists
    /// (`Finding.joinedInReportOrder`): the join must equal sorting the
    /// concatenation, and decline exactly when two lists hold runs of one
    /// severity and rule id (here: one rule id split over two lists, or the
    /// canonically equal `ecs_\u{E9}` and `ecs_e\u{301}`).
    func testJoiningSortedPartsEqualsSortingTheirConcatenation() {
        var random = SeededRandom(seed: 0x70_1E5)
        var (joinedCount, declined) = (0, 0)
        for round in 0..<1_500 {
            let count = round % 100 == 0 ? 2_000 : random.int(in: 0...60)
            let findings = (0..<count).map { _ in Self.finding(&random) }
            // By rule id bytes, as the engine's lists are; now and then one rule over two lists.
            var byRule: [[UInt8]: [Finding]] = [:]
            for finding in findings { byRule[Array(finding.ruleId.utf8), default: []].append(finding) }
            var parts = byRule.keys.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { byRule[$0] }
            if random.chance(15), !parts.isEmpty, case let split = random.below(parts.count), parts[split].count > 1 {
                let half = parts[split].count / 2
                parts.append(Array(parts[split][half...]))
                parts[split] = Array(parts[split][..<half])
            }
            for index in parts.indices { Finding.sortInReportOrder(&parts[index]) }
            let reference = parts.flatMap { $0 }.sorted(by: Finding.reportOrder)
            var keys: [(Severity, String)] = []
            for part in parts {
                for finding in part where !keys.contains(where: { $0.0 == finding.severity && $0.1 == finding.ruleId }) {
                    keys.append((finding.severity, finding.ruleId))
                }
            }
            let runsPerKey = keys.map { key in
                parts.filter { $0.contains { $0.severity == key.0 && $0.ruleId == key.1 } }.count
            }
            if let joined = Finding.joinedInReportOrder(parts) {
                XCTAssertEqual(joined, reference)
                XCTAssertTrue(runsPerKey.allSatisfy { $0 == 1 })
                joinedCount += 1
            } else {
                XCTAssertTrue(runsPerKey.contains { $0 > 1 }, "declined only when a severity and rule id span two lists")
                declined += 1
            }
        }
        XCTAssertGreaterThan(joinedCount, 300)
        XCTAssertGreaterThan(declined, 100)
    }

    /// A finding drawn from few values per field, so sort keys tie often
    /// and only the message (not a key) tells tied findings apart.
    private static func finding(_ random: inout SeededRandom) -> Finding {
        var finding = Finding(
            ruleId: random.pick(["ecs_a", "ecs_b", "rds_c", "ecs_\u{E9}", "ecs_e\u{301}", "ecs_f"]),
            severity: random.pick(Severity.allCases), title: "t",
            resource: ResourceRef(type: random.pick(["ecs:service", "rds:db"]), id: random.pick(["x", "y", "Y", "\u{E9}", "e\u{301}", "f", "x:1"])),
            message: "m\(random.below(1_000))", detail: random.pick(["", "A"]), remediation: "r", references: [],
            location: random.chance(30) ? SourceLocation(file: random.pick(["a.md", "b.sh"]), line: random.int(in: -5...120)) : nil
        )
        if random.chance(10) { finding.fingerprint = "same" }
        return finding
    }
}
