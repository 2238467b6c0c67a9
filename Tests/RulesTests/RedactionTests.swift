import Inventory
import XCTest
@testable import Rules

/// Redaction round trip: a redacted value holds no secret, yet classifies
/// the same and yields the same evidence as the original.
final class RedactionTests: XCTestCase {
    let detector = SecretDetector()

    /// Substrings of `secret` of length ≥ 4 that occur in the redaction token(s) of `text`, ignoring the masked preview.
    func leaks(of secret: String, in text: String, preview: String) -> [String] {
        var tokens: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "«"), let close = rest[open...].firstIndex(of: "»") {
            tokens.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        XCTAssertFalse(tokens.isEmpty, "no token in \(text)")
        let scrubbed = tokens.joined(separator: " ").replacingOccurrences(of: "preview:" + preview, with: "")
        let chars = Array(secret)
        guard chars.count >= 4 else { return [] }
        var found: [String] = []
        for start in 0...(chars.count - 4) {
            let piece = String(chars[start..<(start + 4)])
            if scrubbed.contains(piece) { found.append(piece) }
        }
        return found
    }

    func testRoundTripForEverySecretCase() {
        for (name, value, _) in SecretDetectorTests.secrets {
            let redacted = detector.redact(name: name, value: value)
            XCTAssertNotEqual(redacted, value, name)
            XCTAssertEqual(detector.classify(name: name, value: redacted), detector.classify(name: name, value: value), name)
            let original = detector.evidence(name: name, value: value)
            XCTAssertEqual(detector.evidence(name: name, value: redacted), original, name)
            // The secret part: the URL password when only that was redacted, else the whole value.
            let secretPart = URLCredentials.find(in: value).flatMap { creds in
                redacted.hasPrefix(creds.scheme + "://") ? creds.password : nil
            } ?? value
            XCTAssertEqual(leaks(of: secretPart, in: redacted, preview: original.preview), [], "\(name): \(redacted)")
            XCTAssertEqual(detector.redact(name: name, value: redacted), redacted, "\(name): redaction is not idempotent")
        }
    }

    func testURLKeepsSchemeUserAndHost() {
        let redis = detector.redact(name: "REDIS_URL", value: "redis://:redis_password@hydrous-redis.x.cache.amazonaws.com:6379/0")
        XCTAssertTrue(redis.hasPrefix("redis://:«redacted sha256:"), redis)
        XCTAssertTrue(redis.hasSuffix("»@hydrous-redis.x.cache.amazonaws.com:6379/0"), redis)
        XCTAssertFalse(redis.contains("redis_password"))
        let evidence = detector.evidence(name: "REDIS_URL", value: redis)
        XCTAssertEqual(evidence, SecretEvidence(variable: "REDIS_URL", value: "redis_password"))
        XCTAssertEqual(evidence.preview, "re…rd")

        let pg = detector.redact(name: "DATABASE", value: "postgres://app:s3cr3t-pw@db:5432/app")
        XCTAssertTrue(pg.hasPrefix("postgres://app:«redacted sha256:"), pg)
        XCTAssertTrue(pg.hasSuffix("@db:5432/app"), pg)
    }

    func testTokenFormat() {
        let token = detector.redact(name: "POSTGRES_PASSWORD", value: "hydrous_password")
        let evidence = SecretEvidence(variable: "POSTGRES_PASSWORD", value: "hydrous_password")
        let code = RedactionToken.code("name:PASSWORD")
        XCTAssertEqual(token, "«redacted sha256:\(evidence.sha256) preview:hy…rd signals:\(code)»")
        XCTAssertEqual(RedactionToken.parse(token, codebook: detector.codebook)?.signals, ["name:PASSWORD"])
        XCTAssertEqual(RedactionToken.parse(token, codebook: [:])?.signals, ["unknown:\(code)"])
        XCTAssertNil(RedactionToken.parse("«redacted sha256:zzzz preview:x signals:a»", codebook: detector.codebook))
    }

    func testNonSecretsAreUnchanged() {
        for (name, value) in SecretDetectorTests.nonSecrets {
            guard let value else { continue }
            XCTAssertEqual(detector.redact(name: name, value: value), value, name)
        }
    }

    func testRedactInventoryGivesIdenticalFindings() throws {
        var inventory = ECSFixtures.guide
        inventory.taskDefinitions[0].containers[0].environment += ECSPlaintextSecretEnvRule.innocentNames.map {
            NameValue(name: $0.0, value: $0.1)
        }
        inventory.fileValues = [ECSFixtures.fileValue("--master-user-password", "hydrous_password")]
        let redacted = detector.redactInventory(inventory)
        XCTAssertTrue(redacted.fileValues.isEmpty)

        let snapshot = try XCTUnwrap(String(data: try redacted.encodedSnapshot(), encoding: .utf8))
        for secret in ["hydrous_password", "redis_password", "temporalsecretkey123456789", "s3cr3t-pw",
                       "AKIAIOSFODNN7EXAMPLE", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5", "4eC39HqLyjWDarjtT1zdp7dc",
                       "q7Vx2LpK9mZr4TbW8nYc3HdF6sJa1GeU"] {
            XCTAssertFalse(snapshot.contains(secret), "snapshot holds \(secret)")
        }
        XCTAssertTrue(snapshot.contains("hydrous-redis.xxxxxx.0001.use1.cache.amazonaws.com"), "URL host must survive")

        let engine = RuleEngine(configuration: .default)
        let live = engine.run(inventory, applicability: [.inventory], today: "2026-01-01")
        let fromSnapshot = engine.run(
            try Inventory.decode(snapshot: Data(snapshot.utf8), file: "snap.json"), applicability: [.inventory], today: "2026-01-01")
        XCTAssertEqual(live.findings.map(\.fingerprint), fromSnapshot.findings.map(\.fingerprint))
        XCTAssertEqual(live.findings.map(\.evidence), fromSnapshot.findings.map(\.evidence))
        XCTAssertEqual(live.findings.map(\.message), fromSnapshot.findings.map(\.message))
    }
}
