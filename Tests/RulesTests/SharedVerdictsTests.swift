import Inventory
@testable import Rules
import XCTest

/// The engine classifies each distinct ASCII (name, value) pair once and
/// shares the verdict (`RuleFacts.distinctPairs`). Two non-ASCII values may be
/// `==` (canonically equivalent) with different bytes, and so different
/// fingerprints: an allow-list entry by fingerprint then silences only one of
/// them. Merged, they would share one verdict; they must not.
final class SharedVerdictsTests: XCTestCase {
    static let precomposed = "caf\u{E9}-pw-2931-x"
    static let decomposed = "cafe\u{301}-pw-2931-x"

    func testSharedVerdictsEqualOneClassificationPerEntry() throws {
        XCTAssertEqual(Self.precomposed, Self.decomposed, "Swift compares them as equal")
        var patterns = SecretPatterns.default
        patterns.allow = ["DB_PASSWORD=" + SecretEvidence(variable: "DB_PASSWORD", value: Self.precomposed).sha256]
        let detector = try SecretDetector(patterns: patterns)
        XCTAssertNotEqual(
            detector.classify(name: "DB_PASSWORD", value: Self.precomposed),
            detector.classify(name: "DB_PASSWORD", value: Self.decomposed))
        let env: [(String, String?)] = [
            ("DEBUG", "False"), ("DB_PASSWORD", Self.precomposed), ("API_TOKEN", "q7Vx2LpK9mZr4TbW8nYc"),
            ("DEBUG", "False"), ("DB_PASSWORD", Self.decomposed), ("API_TOKEN", "q7Vx2LpK9mZr4TbW8nYc"),
            ("DB_PASSWORD", Self.decomposed), ("DB_PASSWORD", Self.precomposed), ("OTHER", "False"), ("DB_PASSWORD", "False"),
        ]
        assertSharedVerdictsAreOneClassificationPerEntry(env, revisions: 3, detector)
    }

    /// `revisions` task definitions holding `env`: the engine's shared verdicts
    /// equal classifying every variable with a value on its own.
    private func assertSharedVerdictsAreOneClassificationPerEntry(
        _ env: [(String, String?)], revisions: Int, _ detector: SecretDetector, line: UInt = #line
    ) {
        let inventory = ECSFixtures.inventory { inv in
            inv.taskDefinitions = (1...revisions).map { revision in
                ECSFixtures.taskDefinition([ECSFixtures.container(env: env)]) { $0.revision = revision }
            }
        }
        let facts = RuleFacts()
        facts.prepare(inventory, detector)
        let entries = facts.environment(inventory)
        XCTAssertEqual(entries.count, revisions * env.filter { $0.1 != nil }.count, "every variable with a value", line: line)
        XCTAssertEqual(
            facts.environmentVerdicts(inventory, detector), entries.map { detector.classify(name: $0.name, value: $0.value) }, line: line)
    }

    func testOnlyEqualASCIIPairsShareASlot() {
        let definition = DefinitionBox(ECSFixtures.taskDefinition())
        let pairs = [
            ("A", "x"), ("A", "x"), ("B", "x"), ("A", "y"), ("A", Self.precomposed), ("A", Self.decomposed), ("A", Self.precomposed),
            ("B", "x"),
        ]
        let entries = pairs.map { EnvironmentEntry(box: definition, containerIndex: 0, name: $0.0, value: $0.1) }
        let distinct = RuleFacts.distinctPairs(entries)
        XCTAssertEqual(distinct.firsts, [0, 2, 3, 4, 5, 6])
        XCTAssertEqual(distinct.slots, [0, 0, 1, 2, 3, 4, 5, 1])
    }

    /// What a name says is worked out once per ASCII name and shared by its
    /// values. `API_\u{212A}EY` (KELVIN SIGN) is `==` to `API_KEY` in Swift,
    /// yet it is not split as `API_KEY` is: it must not borrow its facts.
    func testSharedNameFactsEqualOneClassificationPerEntry() throws {
        let detector = try SecretDetector(patterns: SecretPatterns.default)
        XCTAssertEqual("API_\u{212A}EY", "API_KEY", "Swift compares them as equal")
        let names = ["API_KEY", "API_\u{212A}EY", "DB_PASSWORD", "DB_PASSWORD_ARN", "PASSWORD_FILE", "DEBUG", "apiKey",
                     "AWS_SECRET_ACCESS_KEY", "JWT_SECRET_KEY", "SECRET_NAME", "TOKEN", "\u{C9}T\u{C9}_TOKEN", ""]
        let values: [String?] = ["False", "q7Vx2LpK9mZr4TbW8nYc", "hydrous_password", "postgres://u:p4ss@db:5432/x",
                                 "arn:aws:secretsmanager:us-east-1:1:secret:db", nil, "", "/etc/app/key", "8f14e45fceea167a5a36dedd4bea2543"]
        let env = names.flatMap { name in values.map { (name, $0) } }
        assertSharedVerdictsAreOneClassificationPerEntry(env, revisions: 30, detector)
        for name in names {
            for value in values {
                XCTAssertEqual(
                    detector.classify(name: name, value: value, nameFacts: detector.nameFacts(name)), detector.classify(name: name, value: value))
            }
        }
    }

    /// The URLs and hosts the facts parse once for two rules equal what
    /// each rule worked out per value before (`URLParts`, `ECSFacts.host(in:)`).
    func testSharedURLsAndHostsEqualOneParsePerEntry() throws {
        let values: [String?] = [
            "postgres://u:p4ss@db.internal:5432/x", "  redis://:pw@hydrous-redis.xxxx.cache.amazonaws.com:6379/0 ",
            "http://api.example.com", "https://[::1]:8443/health", "hydrous-db.xxxxxxxx.us-east-1.rds.amazonaws.com",
            "db.internal:5432", "<DB_HOST>", "<DB_HOST>:5432", "localhost", "False", "5432", "", nil,
            "amqp://guest@mq", "://nohost", "http://", "caf\u{E9}.example.com", "db.internal\n", "x.y:z",
        ]
        let env = values.enumerated().map { ("VAR_\($0.offset)", $0.element) }
        let inventory = ECSFixtures.inventory { inv in
            inv.taskDefinitions = (1...3).map { revision in
                ECSFixtures.taskDefinition([ECSFixtures.container(env: env)]) { $0.revision = revision }
            }
        }
        let facts = RuleFacts()
        let entries = facts.environment(inventory)
        XCTAssertEqual(entries.count, 3 * values.compactMap { $0 }.count)
        let urls = facts.environmentURLs(inventory)
        XCTAssertEqual(urls.count, entries.count)
        for (entry, parts) in zip(entries, urls) {
            let alone = URLParts(FastText.trimmed(entry.value))
            XCTAssertEqual(parts?.scheme, alone?.scheme, entry.value)
            XCTAssertEqual(parts?.host, alone?.host, entry.value)
            XCTAssertEqual(parts?.port, alone?.port, entry.value)
            XCTAssertEqual(parts?.query, alone?.query, entry.value)
        }
        XCTAssertEqual(facts.environmentHosts(inventory), entries.map { ECSFacts.host(in: $0.value) })
        // Ten of the values name a host: the URLs with one, the host names (the one
        // ending in a newline too: `$` matches before it), the placeholders.
        XCTAssertEqual(facts.environmentHosts(inventory).compactMap { $0 }.count, 3 * 10)
        // Worked out by `prepare` (beside the verdicts), the same.
        let prepared = RuleFacts()
        prepared.prepare(inventory, try SecretDetector(patterns: SecretPatterns.default))
        XCTAssertEqual(prepared.environmentHosts(inventory), facts.environmentHosts(inventory))
        XCTAssertEqual(prepared.environmentURLs(inventory).map { $0?.host }, urls.map { $0?.host })
    }
}
