import Foundation
import HydrousAudit
import Inventory
import Pricing
import Rules
import XCTest

final class RenderJSONTests: XCTestCase {
    private func json(_ report: Report) throws -> String {
        try JSONReportRenderer().render(report)
    }

    private func object(_ text: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(parsed as? [String: Any])
    }

    func testContractShapeNullsAndCents() throws {
        let text = try json(RenderSample.report())
        let root = try object(text)
        XCTAssertEqual(root["schemaVersion"] as? Int, 1)
        XCTAssertEqual((root["tool"] as? [String: Any])?["name"] as? String, "hydrous-audit")
        XCTAssertEqual(root["complete"] as? Bool, false)
        let findings = try XCTUnwrap(root["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["ruleId"] as? String }, [
            "ecs_plaintext_secret_env", "ecs_public_ip_on_task", "file_plaintext_secret", "logs_no_retention", "rds_backup_short",
        ])
        let publicIP = findings[1]
        XCTAssertTrue(publicIP["location"] is NSNull, "location is null when absent")
        XCTAssertTrue(publicIP["evidence"] is NSNull, "evidence is null for non-secrets")
        let fileSecret = findings[2]
        let location = try XCTUnwrap(fileSecret["location"] as? [String: Any])
        XCTAssertEqual(location["line"] as? Int, 181)
        XCTAssertEqual((fileSecret["evidence"] as? [String: Any])?["variable"] as? String, "GITHUB_TOKEN")
        XCTAssertEqual((fileSecret["resource"] as? [String: Any])?["type"] as? String, "file:value")

        // Money prints as cents, never float noise.
        XCTAssertTrue(text.contains("\"monthly\": 15.44,"), text)
        XCTAssertTrue(text.contains("\"monthlyCostDelta\": -3.65"))
        XCTAssertTrue(text.contains("\"guideMin\": 15,"))
        XCTAssertTrue(text.contains("\"hoursPerMonth\": 730,"))
        XCTAssertTrue(text.contains("\"monthly\": 10.95,"))
        XCTAssertTrue(text.contains("\"monthly\": 2.3,"))
        XCTAssertFalse(text.contains("0000000"), "no float noise")

        let cost = try XCTUnwrap(root["cost"] as? [String: Any])
        let rows = try XCTUnwrap(cost["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["label"] as? String }, [
            "RDS PostgreSQL", "ElastiCache Redis", "Data transfer and others", "Public IPv4 addresses",
        ], "guide rows in guide order, then rows the guide lacks")
        let ipv4 = try XCTUnwrap(rows.last)
        XCTAssertTrue(ipv4["guideRow"] is NSNull)
        XCTAssertEqual(ipv4["status"] as? String, "not-in-guide")
        XCTAssertEqual(rows[2]["status"] as? String, "unknown")
        let lines = try XCTUnwrap(cost["lines"] as? [[String: Any]])
        XCTAssertTrue(try XCTUnwrap(lines.first { $0["component"] as? String == "data-transfer" })["monthly"] is NSNull)
        XCTAssertEqual(cost["totalComplete"] as? Bool, false)
        XCTAssertEqual(cost["total"] as? Double, 38.8)
        XCTAssertEqual(cost["totalAfterFixes"] as? Double, 35.15)
        XCTAssertEqual((root["summary"] as? [String: Any])?["critical"] as? Int, 1)
        XCTAssertEqual((root["waived"] as? [[String: Any]])?.count, 1)
    }

    func testKeysAreSortedAndIndentedByTwoSpaces() throws {
        let text = try json(RenderSample.report())
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") && !$0.hasPrefix("   ") }
            .map { String($0.dropFirst(3).prefix { $0 != "\"" }) }
        XCTAssertEqual(topKeys, topKeys.sorted())
        XCTAssertTrue(topKeys.contains("schemaVersion"))
        XCTAssertTrue(text.hasPrefix("{\n  \"complete\": false,\n"))
        XCTAssertTrue(text.hasSuffix("}\n"))
    }

    func testRoundTripDecodesToTheSameReport() throws {
        let report = RenderSample.report().canonicallyOrdered()
        let text = try json(report)
        let decoded = try ReportJSON.decode(data: Data(text.utf8), file: "report.json")
        XCTAssertEqual(decoded, report)
        XCTAssertEqual(try json(decoded), text)
    }

    func testRepeatedAndShuffledRendersAreByteIdentical() throws {
        let report = RenderSample.report()
        let first = try json(report)
        XCTAssertEqual(try json(report), first)
        XCTAssertEqual(try json(RenderSample.shuffled(report)), first)
    }

    func testEscapesStringsAsJSON() throws {
        var report = RenderSample.report()
        report.notices = ["quote \" backslash \\ tab \t bell \u{07} line\nbreak é…"]
        let text = try json(report)
        XCTAssertTrue(text.contains(#""quote \" backslash \\ tab \t bell \u0007 line\nbreak é…""#), text)
        XCTAssertEqual(try ReportJSON.decode(data: Data(text.utf8), file: "r.json").notices, report.notices)
    }

    func testDecodesTheContractExampleWithoutExtensions() throws {
        let example = """
        {
          "schemaVersion": 1,
          "tool": {"name": "hydrous-audit", "version": "0.0.9"},
          "source": {"kind": "live", "region": "us-east-1", "account": "1", "scope": {"tags": ["Project=HydrousBackend"], "clusters": []}},
          "complete": true,
          "coverage": [{"service": "ecs", "operation": "DescribeServices", "status": "ok", "detail": "1 call"}],
          "findings": [{
            "ruleId": "ecs_plaintext_secret_env", "severity": "critical", "title": "t",
            "resource": {"type": "ecs:task-definition", "id": "hydrous-backend-task:1", "arn": "a", "name": "n"},
            "message": "m", "evidence": {"variable": "POSTGRES_PASSWORD", "preview": "hy…rd", "sha256": "1a2b3c4d"},
            "remediation": "r", "references": ["ECS.8"], "fingerprint": "0123456789abcdef",
            "location": null
          }],
          "cost": {
            "currency": "USD", "hoursPerMonth": 730,
            "lines": [{"component": "rds", "resource": "hydrous-db", "item": "db.t3.micro instance", "monthly": 13.14,
                       "guideRow": "RDS PostgreSQL", "basis": "0.018 USD/h x 730 h"}],
            "rows": [{"guideRow": "RDS PostgreSQL", "monthly": 15.44, "guideMin": 15, "guideMax": 25, "status": "within"}],
            "total": 70.62, "guideTotalMin": 65, "guideTotalMax": 100, "totalStatus": "within",
            "assumptions": ["ALB: 1 LCU average (usage file key alb.lcu)"]
          },
          "summary": {"critical": 1, "high": 0, "medium": 0, "low": 0, "info": 0}
        }
        """
        let report = try ReportJSON.decode(data: Data(example.utf8), file: "old.json")
        XCTAssertEqual(report.findings.first?.fingerprint, "0123456789abcdef")
        XCTAssertEqual(report.findings.first?.evidence?.preview, "hy…rd")
        XCTAssertEqual(report.cost.rows.first?.label, "RDS PostgreSQL")
        XCTAssertEqual(report.cost.lines.first?.label, "RDS PostgreSQL")
        XCTAssertEqual(report.cost.total, 70.62)
        XCTAssertTrue(report.waived.isEmpty)
        XCTAssertTrue(report.cost.totalComplete)
    }

    func testDecodeErrorsNameFileAndPosition() throws {
        let good = try json(RenderSample.report())

        let truncated = String(good.prefix(200))
        XCTAssertThrowsError(try ReportJSON.decode(data: Data(truncated.utf8), file: "week1.json")) { error in
            guard case let ReportJSONError.malformed(file, line, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "week1.json")
            XCTAssertGreaterThan(line, 1)
            XCTAssertTrue(error.localizedDescription.hasPrefix("week1.json:\(line):"), error.localizedDescription)
        }

        let badSeverity = good.replacingOccurrences(of: "\"severity\": \"medium\"", with: "\"severity\": \"severe\"")
        let expectedLine = badSeverity.components(separatedBy: "\n").firstIndex { $0.contains("\"severe\"") }.map { $0 + 1 }
        XCTAssertThrowsError(try ReportJSON.decode(data: Data(badSeverity.utf8), file: "week2.json")) { error in
            guard case let ReportJSONError.notAReport(file, line, path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "week2.json")
            XCTAssertEqual(line, expectedLine)
            XCTAssertEqual(path, "findings[3].severity")
            XCTAssertTrue(error.localizedDescription.contains("week2.json:\(line):"))
        }

        let missing = good.replacingOccurrences(of: "\"fingerprint\"", with: "\"fingerprintX\"")
        XCTAssertThrowsError(try ReportJSON.decode(data: Data(missing.utf8), file: "w.json")) { error in
            guard case let ReportJSONError.notAReport(_, line, path, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "findings[0]")
            XCTAssertTrue(reason.contains("fingerprint"), reason)
            XCTAssertGreaterThan(line, 1)
        }

        let future = good.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 2")
        XCTAssertThrowsError(try ReportJSON.decode(data: Data(future.utf8), file: "new.json")) { error in
            guard case ReportJSONError.unsupportedSchemaVersion(_, _, "2") = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ReportJSON.decode(data: Data("[1]".utf8), file: "a.json"))
        XCTAssertThrowsError(try ReportJSON.load(path: "/nonexistent/report.json")) { error in
            guard case ReportJSONError.unreadable = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.localizedDescription.contains("/nonexistent/report.json"))
        }
    }

    func testDeeplyNestedInputIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try ReportJSON.decode(data: Data(deep.utf8), file: "deep.json")) { error in
            guard case ReportJSONError.malformed = error else { return XCTFail("\(error)") }
        }
    }
}
