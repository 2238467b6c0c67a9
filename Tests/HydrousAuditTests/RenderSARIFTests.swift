import Foundation
import HydrousAudit
import Inventory
import Pricing
import Rules
import XCTest

final class RenderSARIFTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func sarif(_ report: Report = RenderSample.report(), docs: [String: RuleDoc] = [:]) throws -> String {
        try SARIFRenderer(ruleDocs: docs).render(report)
    }

    private func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Runs scripts/validate-sarif.py on `text`; returns its exit code and output.
    private func validate(_ text: String) throws -> (Int32, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString).sarif")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = Self.packageRoot.appendingPathComponent("scripts/validate-sarif.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testValidatesAgainstTheSARIFSchema() throws {
        let (status, output) = try validate(try sarif())
        XCTAssertEqual(status, 0, "python3 with jsonschema and the SARIF schema are required: \(output)")
        XCTAssertTrue(output.contains("valid SARIF 2.1.0"), output)
        let empty = Report(source: SourceInfo(kind: .files, region: nil, account: nil, scope: Scope()),
                           coverage: [], findings: [], cost: CostReport())
        XCTAssertEqual(try validate(try sarif(empty)).0, 0)
    }

    func testValidatorRejectsInvalidSARIF() throws {
        let broken = try sarif().replacingOccurrences(of: "\"version\": \"2.1.0\"", with: "\"version\": \"9\"")
        let (status, output) = try validate(broken)
        XCTAssertEqual(status, 1, output)
    }

    func testRulesResultsLevelsAndFileLocation() throws {
        let docs = RuleDoc.table([])
            .merging(["logs_no_retention": RuleDoc(
                id: "logs_no_retention", title: "Log group without retention", rationale: "Logs kept forever cost money.",
                remediation: "aws logs put-retention-policy --retention-in-days 30", severity: .low, references: ["CloudWatch.16"]
            )]) { $1 }
        let root = try object(try sarif(docs: docs))
        XCTAssertEqual(root["version"] as? String, "2.1.0")
        XCTAssertNotNil(root["$schema"] as? String)
        let run = try XCTUnwrap((root["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "hydrous-audit")
        XCTAssertNotNil(driver["informationUri"] as? String)
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, ["ecr_tag_mutable", "ecs_plaintext_secret_env", "ecs_public_ip_on_task",
                             "file_plaintext_secret", "logs_no_retention", "rds_backup_short"], "one rule per id, sorted")
        let logsRule = rules[4]
        XCTAssertEqual((logsRule["fullDescription"] as? [String: Any])?["text"] as? String, "Logs kept forever cost money.")
        XCTAssertEqual((logsRule["defaultConfiguration"] as? [String: Any])?["level"] as? String, "note", "from the doc's severity")
        XCTAssertNotNil((logsRule["help"] as? [String: Any])?["text"] as? String)

        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 6, "five findings and one waived")
        for result in results {
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(ids[index], result["ruleId"] as? String)
            XCTAssertNotNil((result["partialFingerprints"] as? [String: Any])?["hydrousAudit/v1"] as? String)
        }
        let levels = results.map { "\($0["ruleId"] ?? "")=\($0["level"] ?? "")" }
        XCTAssertEqual(levels, ["ecs_plaintext_secret_env=error", "ecs_public_ip_on_task=error", "file_plaintext_secret=error",
                                "logs_no_retention=warning", "rds_backup_short=note", "ecr_tag_mutable=warning"])

        let fileResult = results[2]
        let fileLocation = try XCTUnwrap((fileResult["locations"] as? [[String: Any]])?.first)
        let physical = try XCTUnwrap(fileLocation["physicalLocation"] as? [String: Any])
        XCTAssertEqual((physical["region"] as? [String: Any])?["startLine"] as? Int, 181)
        XCTAssertEqual((physical["artifactLocation"] as? [String: Any])?["uri"] as? String, "docs/aws%20deployment%20guide.md")
        XCTAssertEqual((fileResult["partialFingerprints"] as? [String: Any])?["hydrousAudit/v1"] as? String,
                       RenderSample.fileSecretFinding().fingerprint)

        let awsResult = results[1]
        let awsLocation = try XCTUnwrap((awsResult["locations"] as? [[String: Any]])?.first)
        XCTAssertNil(awsLocation["physicalLocation"], "no file location for a live finding")
        let logical = try XCTUnwrap((awsLocation["logicalLocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(logical["name"] as? String, "hydrous-backend-service")

        let waived = try XCTUnwrap(results.last?["suppressions"] as? [[String: Any]])
        XCTAssertEqual(waived.first?["kind"] as? String, "external")
        XCTAssertEqual(SARIFRenderer.level(.info), "note")
        XCTAssertEqual(SARIFRenderer.level(.critical), "error")
    }

    func testPlainRelativePathIsKeptAsGiven() throws {
        var report = RenderSample.report()
        var finding = RenderSample.fileSecretFinding()
        finding.location = SourceLocation(file: "deploy/task-definition.json", line: 12)
        report.findings = [finding]
        let text = try sarif(report)
        XCTAssertTrue(text.contains("\"uri\": \"deploy/task-definition.json\""))
        XCTAssertTrue(text.contains("\"startLine\": 12"))
    }

    func testDeterministic() throws {
        let report = RenderSample.report()
        XCTAssertEqual(try sarif(report), try sarif(report))
        XCTAssertEqual(try sarif(RenderSample.shuffled(report)), try sarif(report))
    }
}
