import Foundation
import Inventory
import Rules
import XCTest
@_spi(Fuzzing) @testable import HydrousAudit
import TestSupport

/// Reading reports back (`diff`, `--baseline`, `--compare`): the tool reads
/// its own reports at 1,000 services (17 MB), and findings read straight
/// from the parsed tree are the findings `JSONDecoder` reads.
final class ReportJSONReadTests: XCTestCase {
    /// A report of `count` findings with a long shared remediation, as large
    /// as the tool's own report of ~1,000 services.
    static func largeReport(findings count: Int) -> Report {
        var report = RenderSample.report()
        let remediation = "aws secretsmanager create-secret --name \"x\" " + String(repeating: "then do this and that; ", count: 50)
        report.findings = (0..<count).map { index in
            var finding = Finding(
                ruleId: "ecs_plaintext_secret_env", severity: .critical, title: "Secret in clear text",
                resource: ResourceRef(type: "ecs:task-definition", id: "task-\(index):1", arn: "arn:aws:ecs:us-east-1:1:task-definition/task-\(index):1",
                                      name: "task-\(index)"),
                message: "Container `app` sets `DB_PASSWORD` in clear text (finding \(index)).", detail: "\(index)",
                evidence: SecretEvidence(variable: "DB_PASSWORD", value: "secret-\(index)-value"),
                remediation: remediation, references: ["ECS.8", "prowler ecs_task_definitions_no_environment_secrets"])
            finding.monthlyCostDelta = index.isMultiple(of: 3) ? 0.4 : nil
            return finding
        }
        report.summary = SeveritySummary(report.findings)
        return report
    }

    /// FuzzReport's find (session 12): a `monthlyCostDelta` of
    /// `07766279631452241920` was read by the tree reader while JSONDecoder
    /// refuses a leading zero. Both refuse it now, with the file and line.
    func testANumberWithALeadingZeroIsRefusedAsJSONDecoderRefusesIt() throws {
        let report = try JSONReportRenderer().render(RenderSample.report())
        for (bad, good) in [("07766279631452241920", "7766279631452241920"), ("-03.5", "-3.5"), ("00", "0"), ("01e2", "1e2")] {
            let edited = report.replacingOccurrences(of: "\"monthlyCostDelta\": -3.65", with: "\"monthlyCostDelta\": \(bad)")
            XCTAssertNotEqual(edited, report)
            XCTAssertThrowsError(try ReportJSON.decode(data: Data(edited.utf8), file: "week.json"), bad) { error in
                XCTAssertTrue("\(error.localizedDescription)".hasPrefix("week.json"), "\(error)")
            }
            let readings = ReportJSON.readingsForFuzzing(Data(edited.utf8))
            XCTAssertNil(readings.tree, bad)
            XCTAssertNil(readings.decoder, bad)
            let fixed = report.replacingOccurrences(of: "\"monthlyCostDelta\": -3.65", with: "\"monthlyCostDelta\": \(good)")
            XCTAssertNoThrow(try ReportJSON.decode(data: Data(fixed.utf8), file: "week.json"), good)
        }
        for valid in ["0", "-0", "0.5", "-0.25", "0e12", "-0e1", "10", "100.0"] {
            let edited = report.replacingOccurrences(of: "\"monthlyCostDelta\": -3.65", with: "\"monthlyCostDelta\": \(valid)")
            let readings = ReportJSON.readingsForFuzzing(Data(edited.utf8))
            XCTAssertNotNil(readings.tree, valid)
            XCTAssertEqual(readings.tree, readings.decoder, valid)
        }
        // Foundation's JSONDecoder refuses exactly `0e1`…`0e9` (and `0E…`),
        // valid JSON it reads with a sign or a second exponent digit: the
        // tree reader follows RFC 8259 there (FuzzReport skips such documents).
        let quirk = report.replacingOccurrences(of: "\"monthlyCostDelta\": -3.65", with: "\"monthlyCostDelta\": 0e1")
        let readings = ReportJSON.readingsForFuzzing(Data(quirk.utf8))
        XCTAssertNotNil(readings.tree)
        XCTAssertNil(readings.decoder, "if JSONDecoder reads 0e1 now, FuzzReport's exception can go")
    }

    func testAReportOverSixteenMegabytesIsReadBack() throws {
        let report = Self.largeReport(findings: 12_000)
        let bytes = JSONReportRenderer.bytes(of: report)
        XCTAssertGreaterThan(bytes.count, 16 * 1024 * 1024, "the report is over the limit of other input files")
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let read = try ReportJSON.load(path: path)
        XCTAssertEqual(read.findings.count, 12_000)
        XCTAssertEqual(read, report.canonicallyOrdered())
    }

    /// The tree reader against `JSONDecoder` on the same trees: random
    /// reports, and findings with members removed, nulled or of another type.
    /// Wherever the tree reader answers, `JSONDecoder` reads the same report.
    func testTreeFindingsAreJSONDecoderFindings() throws {
        var rng = SeededRandom(seed: 0x7EAD)
        var report = RenderFastPathTests.report(findings: 400, seed: 0x7EAD)
        report.findings[0].location = SourceLocation(file: "a.json", line: -3)
        let parsed = try ReportJSONParser.parse(Data(JSONReportRenderer.bytes(of: report)), lines: false)
        guard case let .object(root) = parsed.value else { return XCTFail("not an object") }
        XCTAssertEqual(ReportTreeDecoder.report(root), try Self.jsonDecoded(root))

        let odd: [ReportJSONValue] = [.null, .bool(true), .number("1"), .number("1.5"), .number("1e2"), .number("-0"),
                                      .number("99999999999999999999"), .string("x"), .string("critical"), .array([]), .object([:])]
        guard case let .array(findings)? = root["findings"], case let .object(sample)? = findings.first else { return XCTFail("no findings") }
        let paths: [[String]] = [
            ["ruleId"], ["severity"], ["title"], ["resource"], ["resource", "type"], ["resource", "id"], ["resource", "arn"],
            ["resource", "name"], ["message"], ["evidence"], ["evidence", "variable"], ["evidence", "preview"], ["evidence", "sha256"],
            ["remediation"], ["references"], ["fingerprint"], ["location"], ["location", "file"], ["location", "line"],
            ["monthlyCostDelta"],
        ]
        var answered = 0
        for path in paths {
            for replacement in odd + [nil] {
                var finding = ReportJSONValue.object(sample)
                if path.first == "location" && path.count > 1 {
                    finding = Self.setting(finding, ["location"], to: .object(["file": .string("f"), "line": .number("3")]))
                }
                finding = Self.setting(finding, path, to: replacement)
                var mutated = root
                mutated["findings"] = .array([finding] + findings.dropFirst(rng.below(3)))
                let decoded = try? Self.jsonDecoded(mutated)
                if let tree = ReportTreeDecoder.report(mutated) {
                    answered += 1
                    XCTAssertEqual(tree, decoded, "\(path) = \(String(describing: replacement))")
                }
            }
        }
        XCTAssertGreaterThan(answered, 20, "the tree reader answers for valid members")
    }

    static func jsonDecoded(_ root: [String: ReportJSONValue]) throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(ReportJSONWriter.compact(.object(root)).utf8))
    }

    /// `value` with the member at `path` set to `replacement` (removed when `nil`).
    static func setting(_ value: ReportJSONValue, _ path: [String], to replacement: ReportJSONValue?) -> ReportJSONValue {
        guard let key = path.first, case var .object(members) = value else { return value }
        if path.count == 1 {
            members[key] = replacement
        } else {
            members[key] = setting(members[key] ?? .object([:]), Array(path.dropFirst()), to: replacement)
        }
        return .object(members)
    }
}
