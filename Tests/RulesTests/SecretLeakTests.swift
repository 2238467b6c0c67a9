import Inventory
import XCTest
@testable import Rules

/// No finding, in any form a renderer could print, carries a secret input value.
final class SecretLeakTests: XCTestCase {
    static let secretInputs: [(name: String, value: String)] = SecretDetectorTests.secrets.map { ($0.name, $0.value) }
        + [("DB_PASSWORD", "changeme.example.com"), ("REDIS_PASSWORD", "hydrous-db.xxxx.us-east-1.rds.amazonaws.com")]

    func testNoFindingEncodingContainsASecret() throws {
        let env = Self.secretInputs.map { NameValue(name: $0.name, value: $0.value) }
        let inventory = ECSFixtures.inventory { inv in
            inv.taskDefinitions = [ECSFixtures.taskDefinition([ECSFixtures.container { $0.environment = env }])]
            inv.fileValues = Self.secretInputs.enumerated().map { index, pair in
                ECSFixtures.fileValue(pair.name, pair.value, kind: .jsonValue, line: 10 + index)
            }
        }
        let outcome = RuleEngine(configuration: .default).run(inventory, applicability: [.inventory, .files], today: "2026-01-01")
        XCTAssertEqual(outcome.findings.filter { $0.ruleId == "ecs_plaintext_secret_env" }.count, Self.secretInputs.count)
        XCTAssertEqual(outcome.findings.filter { $0.ruleId == "file_plaintext_secret" }.count, Self.secretInputs.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try XCTUnwrap(String(data: try encoder.encode(outcome.findings), encoding: .utf8))
        for (name, value) in Self.secretInputs {
            // The secret itself: for URLs, the password; values shorter than 6 characters are checked whole too.
            let secret = URLCredentials.find(in: value)?.password ?? value
            XCTAssertFalse(json.contains(secret), "\(name): a finding carries its secret")
            XCTAssertFalse(json.contains(value), "\(name): a finding carries its value")
        }
    }

    func testGuideOutcomeIsExactlyTheThreeSecrets() {
        let context = RuleContext(
            inventory: ECSFixtures.guide, settings: RuleSettings(), secrets: SecretDetector(),
            rule: ECSPlaintextSecretEnvRule.description
        )
        let findings = ECSPlaintextSecretEnvRule().check(context)
        XCTAssertEqual(Set(findings.compactMap(\.evidence?.variable)), ["POSTGRES_PASSWORD", "JWT_SECRET_KEY", "REDIS_URL"])
        XCTAssertEqual(findings.count, 3)
        for finding in findings {
            // The fixture mirrors the guide's environment with stand-in values (the
            // binary embeds rule examples, so it carries none of the guide's secrets).
            XCTAssertFalse(finding.message.contains("example_db_pw_41k"))
            XCTAssertFalse(finding.message.contains("example_redis_pw_7q"))
            XCTAssertFalse(finding.message.contains("examplejwtsigningkey"))
        }
        XCTAssertEqual(findings.first { $0.evidence?.variable == "POSTGRES_PASSWORD" }?.evidence?.preview, "ex…1k")
    }

    func testFindingsKeepTheirFileLocation() {
        var definition = ECSFixtures.taskDefinition([ECSFixtures.container(env: [("POSTGRES_PASSWORD", "hydrous_password")])])
        definition.locations = [
            LocationKey.resource: SourceLocation(file: "task-definition.json", line: 1),
            LocationKey.environment("hydrous-backend", "POSTGRES_PASSWORD"): SourceLocation(file: "task-definition.json", line: 23),
        ]
        let inventory = ECSFixtures.inventory { $0.taskDefinitions = [definition] }
        let outcome = RuleEngine(configuration: .default, rules: [ECSPlaintextSecretEnvRule.self])
            .run(inventory, applicability: [.inventory], today: "2026-01-01")
        XCTAssertEqual(outcome.findings.first?.location, SourceLocation(file: "task-definition.json", line: 23))
    }
}
