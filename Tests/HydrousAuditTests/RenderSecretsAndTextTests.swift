import Foundation
import HydrousAudit
import Inventory
import Pricing
import Rules
import XCTest

final class RenderSecretsAndTextTests: XCTestCase {
    func testNoRenderingCarriesASecretValue() throws {
        let report = RenderSample.report()
        var later = report
        later.findings.removeAll { $0.ruleId == "file_plaintext_secret" }
        let diff = ReportDiff.compare(previous: report, current: later)
        var outputs: [String: String] = [:]
        for format in ReportFormat.allCases {
            outputs[format.rawValue] = try format.renderer().render(report)
        }
        for format in DiffFormat.allCases {
            outputs["diff-" + format.rawValue] = try format.renderer.render(diff)
        }
        XCTAssertEqual(outputs.count, 7)
        for (name, text) in outputs {
            for secret in [RenderSample.secretValue, RenderSample.tokenValue] {
                XCTAssertFalse(text.contains(secret), "\(name) leaks a secret value")
                XCTAssertFalse(text.contains(String(secret.dropFirst(2).dropLast(2))), "\(name) leaks the secret's middle")
            }
        }
        XCTAssertTrue(try XCTUnwrap(outputs["json"]).contains("\"preview\": \"hy…Kq\""), "the masked preview is shown")
        XCTAssertTrue(try XCTUnwrap(outputs["diff-markdown"]).contains("GITHUB_TOKEN (gh…aa, sha256"))
    }

    func testTextIsOneLinePerFindingWithCostSummary() throws {
        let text = try TextReportRenderer().render(RenderSample.report())
        let lines = text.components(separatedBy: "\n")
        XCTAssertTrue(lines[0].hasPrefix("CRITICAL ecs_plaintext_secret_env  ecs:task-definition hydrous-backend-task:1  Container"))
        XCTAssertTrue(lines[2].hasSuffix("(docs/aws deployment guide.md:181)"))
        XCTAssertTrue(lines[3].contains("Retention is | never expire | (no policy). Logs grow without bound."), "message on one line")
        XCTAssertTrue(lines[4].hasPrefix("LOW      rds_backup_short "))
        XCTAssertTrue(text.contains("Findings: 1 critical, 2 high, 1 medium, 1 low, 0 info; 1 waived"))
        XCTAssertTrue(text.contains("Cost: 38.80 USD/month or more (some prices unknown); guide 65.00–100.00: below"))
        XCTAssertTrue(text.contains("Audit INCOMPLETE: 1 of 3 operations could not be read:"))
        XCTAssertEqual(try TextReportRenderer().render(RenderSample.shuffled(RenderSample.report())), text)
    }

    func testFormatsAndRenderersMatch() throws {
        XCTAssertEqual(ReportFormat.allCases.map(\.rawValue), ["markdown", "json", "sarif", "text"])
        XCTAssertTrue(renderer(for: .json) is JSONReportRenderer)
        XCTAssertTrue(renderer(for: .sarif) is SARIFRenderer)
        XCTAssertTrue(ReportFormat.markdown.renderer() is MarkdownReportRenderer)
        XCTAssertTrue(ReportFormat.text.renderer() is TextReportRenderer)
        XCTAssertEqual(ReportFormat(rawValue: "sarif"), .sarif)
    }
}
