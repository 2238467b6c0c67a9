import Inventory
@testable import Rules
import XCTest

/// A secret's evidence reuses what classifying its value found
/// (`SecretDetector.Classification.onlyURLCredentials`) instead of running the
/// value shapes again: the evidence must be the one worked out afresh.
final class EvidenceHintTests: XCTestCase {
    /// Values that exercise every branch: URL credentials alone, URL
    /// credentials with another value shape, redaction tokens (whole and in a
    /// URL's password), edge whitespace, name-only and entropy-only secrets.
    static func samples(_ detector: SecretDetector) -> [(String, String)] {
        let token = detector.redact(name: "DB_PASSWORD", value: "s3cr3t-Pw-8841")
        let urlToken = detector.redact(name: "DATABASE_URL", value: "postgresql://app:Pw-77x19aq@db.internal:5432/app")
        return [
            ("DATABASE_URL", "postgresql://hydrous:HydrousPass2024!@hydrous-db.xxxx.rds.amazonaws.com:5432/hydrous"),
            ("REDIS_URL", "redis://:r3d1s-Pass-991@cache.internal:6379/0"),
            ("DATABASE_URL", "  postgresql://app:Pw-77x19aq@db.internal:5432/app\n"),
            ("BROKER_URL", "amqp://svc:AKIAIOSFODNN7EXAMPLE@mq.internal:5672/"),
            ("CALLBACK", "https://user:ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789@github.com/org/repo.git"),
            ("DB_PASSWORD", "s3cr3t-Pw-8841"),
            ("JWT_SECRET_KEY", "your-super-secret-jwt-key-change-in-production"),
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            ("BLOB", "q7Vx2LpK9mZr4TbW8nYcQ3sD6fGh1JkL"),
            ("DB_PASSWORD", token),
            ("DATABASE_URL", urlToken),
            ("DATABASE_URL", "postgresql://app@db.internal:5432/app"),
            ("DEBUG", "False"),
        ]
    }

    func testEvidenceWithTheHintEqualsEvidenceWorkedOutAgain() {
        let detector = SecretDetector()
        var secrets = 0, partial = 0
        for (name, value) in Self.samples(detector) {
            let classification = detector.classification(name: name, value: value, nameFacts: nil)
            XCTAssertEqual(classification.verdict, detector.classify(name: name, value: value), "\(name)=\(value)")
            guard classification.verdict.isSecret else { continue }
            secrets += 1
            let fresh = detector.evidence(name: name, value: value)
            XCTAssertEqual(
                detector.evidence(name: name, value: value, onlyURLCredentials: classification.onlyURLCredentials), fresh,
                "\(name)=\(value)")
            if classification.onlyURLCredentials == true { partial += 1 }
        }
        XCTAssertGreaterThanOrEqual(secrets, 10, "the samples reach the secret branches")
        XCTAssertGreaterThanOrEqual(partial, 2, "and the password-only one")
    }

    /// The hint is what `partialSecret` would work out: a wrong one changes the evidence.
    func testTheHintDecidesWhetherThePasswordAloneIsTheSecret() {
        let detector = SecretDetector()
        let value = "redis://:r3d1s-Pass-991@cache.internal:6379/0"
        let whole = detector.evidence(name: "REDIS_URL", value: value, onlyURLCredentials: false)
        let password = detector.evidence(name: "REDIS_URL", value: value, onlyURLCredentials: true)
        XCTAssertEqual(password, SecretEvidence(variable: "REDIS_URL", value: "r3d1s-Pass-991"))
        XCTAssertEqual(whole, SecretEvidence(variable: "REDIS_URL", value: value))
        XCTAssertEqual(detector.evidence(name: "REDIS_URL", value: value), password)
    }

    /// Through the engine: the rule's findings carry the evidence worked out afresh.
    func testEngineFindingsCarryFreshEvidence() {
        let detector = SecretDetector()
        let env = Self.samples(detector).map { ($0.0, Optional($0.1)) }
        let inventory = ECSFixtures.inventory { inv in
            inv.taskDefinitions = [ECSFixtures.taskDefinition([ECSFixtures.container(env: env)])]
        }
        let context = RuleContext(
            inventory: inventory, settings: RuleSettings(), secrets: detector, rule: ECSPlaintextSecretEnvRule.description)
        let findings = ECSPlaintextSecretEnvRule().check(context)
        let expected = env.compactMap { name, value -> SecretEvidence? in
            guard let value, detector.classify(name: name, value: value).isSecret else { return nil }
            return detector.evidence(name: name, value: value)
        }
        XCTAssertGreaterThanOrEqual(expected.count, 10)
        XCTAssertEqual(findings.map(\.evidence), expected, "one finding per secret, in environment order")
    }
}
