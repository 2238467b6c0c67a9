import Foundation
import XCTest

/// False positives are bugs: the hardened variant of the guide (secrets from
/// Secrets Manager and SSM, HTTPS with redirect, private tasks, per-tier
/// groups, encrypted Multi-AZ RDS with a managed password, TLS Redis with AUTH,
/// retention, immutable tags, two tasks, decoy variables that only look like
/// secrets) read live through the real binary gives no finding at all, and its
/// cost is priced line by line with no unknown.
final class LiveHardenedAuditTests: XCTestCase {
    func testHardenedDeploymentHasNoFindingAndNoUnknownPrice() throws {
        let moto = try LiveMoto.fixture()
        let result = try CLI.run(
            ["run", "--region", "us-east-1", "--endpoint-url", moto.endpoint, "--tag", "Project=HydrousHardened",
             "--format", "json", "--fail-on", "low"],
            environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                   result.stderr)
        let findings = report["findings"] as? [[String: Any]] ?? []
        let named = findings.map { "\($0["ruleId"] ?? "?") on \(($0["resource"] as? [String: Any])?["id"] ?? "?")" }
        XCTAssertEqual(named, [], "the hardened deployment fixes every rule")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(report["complete"] as? Bool, true)
        let cost = try XCTUnwrap(report["cost"] as? [String: Any])
        XCTAssertEqual(cost["totalComplete"] as? Bool, true, "no unknown price")
        let lines = try XCTUnwrap(cost["lines"] as? [[String: Any]])
        XCTAssertTrue(lines.allSatisfy { $0["monthly"] is Double }, "every line priced")
        let items = lines.compactMap { $0["item"] as? String }.joined(separator: "\n")
        for expected in ["db.t4g.micro", "cache.t4g.micro", "arm64"] {
            XCTAssertTrue(items.lowercased().contains(expected.lowercased()), "no \(expected) line in:\n\(items)")
        }
        XCTAssertTrue(lines.contains { ($0["component"] as? String) == "secretsmanager" }, "Secrets Manager is billed")
        for decoy in ["MIN_PASSWORD_LENGTH", "SESSION_SECRET_FILE", "API_TOKEN_ARN", "MYSQL_ALLOW_EMPTY_PASSWORD", "GIT_SHA"] {
            XCTAssertFalse(result.stdout.contains(decoy), "decoy \(decoy) was reported")
        }
    }
}
