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
}
