import Inventory
import XCTest
@testable import Rules

/// Loading `rules/*.yml`: the shipped files, errors with file:line, waivers.
final class RulesConfigurationTests: XCTestCase {
    static var rulesFolder: String { RuleMetadataTests.packageRoot.appendingPathComponent("rules").path }

    func load(_ yaml: String, file: String = "rules/test.yml") throws -> RulesConfiguration {
        try RulesConfiguration.default.adding(yaml: yaml, file: file)
    }

    func testShippedFolderLoadsAndRepeatsTheDefaults() throws {
        let config = try RulesConfiguration.load(directory: Self.rulesFolder)
        XCTAssertEqual(config.secrets, SecretPatterns.default, "rules/secrets.yml must repeat the built-in patterns")
        XCTAssertTrue(config.waivers.isEmpty)
        XCTAssertEqual(config.files.map { URL(fileURLWithPath: $0).lastPathComponent }, ["rules.yml", "secrets.yml"])
        for entry in RuleCatalog.entries {
            let settings = config.rules[entry.id]
            XCTAssertNotNil(settings, "rules/rules.yml does not list \(entry.id)")
            XCTAssertEqual(settings?.severity, entry.severity, entry.id)
            XCTAssertEqual(settings?.enabled, true, entry.id)
        }
        XCTAssertEqual(config.settings(for: "ecs_single_task").int("min_tasks", default: 0), 2)
    }

    func testGoodFile() throws {
        let config = try load("""
            rules:
              ecs_single_task: { enabled: true, severity: high, min_tasks: 3 }
              ecs_writable_root_filesystem: { enabled: false }
              ec2_world_open_data_port: { ports: [5432, 6379] }
              ecs_container_insights_off:
            """)
        XCTAssertEqual(config.settings(for: "ecs_single_task").severity, .high)
        XCTAssertEqual(config.settings(for: "ecs_single_task").int("min_tasks", default: 0), 3)
        XCTAssertFalse(config.settings(for: "ecs_writable_root_filesystem").enabled)
        XCTAssertEqual(config.settings(for: "ec2_world_open_data_port").list("ports", default: []), ["5432", "6379"])
        XCTAssertTrue(config.settings(for: "ecs_container_insights_off").enabled)
    }

    func testMalformedYAMLNamesFileAndLine() {
        XCTAssertThrowsError(try load("rules:\n  ecs_single_task: { enabled: true\n  other: [\n", file: "rules/bad.yml")) { error in
            guard case let .malformedYAML(file, line, _)? = error as? RulesConfigError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(file, "rules/bad.yml")
            XCTAssertNotNil(line)
            XCTAssertTrue(error.localizedDescription.hasPrefix("rules/bad.yml:"), error.localizedDescription)
        }
    }

    func testDuplicateKeysAndUnclosedBracesAreMalformed() {
        XCTAssertThrowsError(try load("rules:\n  ecs_single_task: {}\n  ecs_single_task: { enabled: false }\n")) { error in
            guard case let .malformedYAML(_, line, problem)? = error as? RulesConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2)
            XCTAssertTrue(problem.contains("duplicate"), problem)
        }
        XCTAssertThrowsError(try load("rules:\n  ecs_single_task: { enabled: true\n")) { error in
            XCTAssertTrue(error.localizedDescription.contains("began on line 2"), error.localizedDescription)
        }
    }

    func testUnknownRuleIdNamesLineAndSuggests() {
        XCTAssertThrowsError(try load("rules:\n  ecs_single_task: {}\n  ecs_singel_task: { enabled: false }\n")) { error in
            XCTAssertEqual(error as? RulesConfigError, .unknownRule(
                file: "rules/test.yml", line: 3, id: "ecs_singel_task", suggestion: "ecs_single_task"))
            XCTAssertTrue(error.localizedDescription.contains("rules/test.yml:3"), error.localizedDescription)
        }
    }

    func testSemanticErrorsNameTheLine() {
        let cases: [(String, Int, String)] = [
            ("rules:\n  ecs_single_task: { severity: urgent }\n", 2, "ecs_single_task.severity"),
            ("rules:\n  ecs_single_task: { enabled: maybe }\n", 2, "ecs_single_task.enabled"),
            ("rules:\n  ecs_single_task:\n    min_tasks: two\n", 3, "ecs_single_task.min_tasks"),
            ("rules:\n  ecs_single_task: { min_taks: 2 }\n", 2, "ecs_single_task.min_taks"),
            ("waivers:\n  - rule: elb_access_logs_off\n    resource: x\n    reason: y\n    expires: 2027-02-30\n", 5, "waivers.expires"),
            ("waivers:\n  - rule: elb_access_logs_off\n    resource: x\n", 2, "waivers.reason"),
            ("secrets:\n  value_shapes:\n    broken: '(unclosed'\n", 3, "secrets.value_shapes.broken"),
            ("secrets:\n  name_signals: PASSWORD\n", 2, "secrets.name_signals"),
            ("rulez:\n  x: 1\n", 1, "rulez"),
        ]
        for (yaml, line, key) in cases {
            XCTAssertThrowsError(try load(yaml), key) { error in
                guard case let .invalidValue(file, gotLine, gotKey, _)? = error as? RulesConfigError else {
                    return XCTFail("\(key): unexpected \(error)")
                }
                XCTAssertEqual(file, "rules/test.yml")
                XCTAssertEqual(gotLine, line, key)
                XCTAssertEqual(gotKey, key)
            }
        }
    }

    func testUnknownWaiverRule() {
        XCTAssertThrowsError(try load("waivers:\n  - rule: nope\n    resource: x\n    reason: y\n")) { error in
            XCTAssertEqual(error as? RulesConfigError, .unknownRule(file: "rules/test.yml", line: 2, id: "nope", suggestion: nil))
        }
    }

    func testMissingFolder() {
        XCTAssertThrowsError(try RulesConfiguration.load(directory: "/nonexistent/rules")) { error in
            XCTAssertEqual(error as? RulesConfigError, .missingDirectory(path: "/nonexistent/rules"))
        }
    }

    func testSecretsSectionChangesTheDetector() throws {
        let config = try load("""
            secrets:
              name_signals: [PASSWORD, PIN]
              allow: [LEGACY_PASSWORD]
              entropy: { min_length: 40 }
            """)
        let detector = config.detector
        XCTAssertTrue(detector.classify(name: "CARD_PIN", value: "1234x").isSecret)
        XCTAssertFalse(detector.classify(name: "API_TOKEN", value: "abc").isSecret)
        XCTAssertFalse(detector.classify(name: "LEGACY_PASSWORD", value: "abc").isSecret)
        XCTAssertFalse(detector.classify(name: "X", value: "q7Vx2LpK9mZr4TbW8nYc3HdF6sJa1GeU").isSecret)
        XCTAssertTrue(detector.explanation.joined().contains("PIN"))
    }

    func testLaterFilesOverrideEarlierOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "rules:\n  ecs_single_task: { severity: low, min_tasks: 3 }\n".write(
            to: folder.appendingPathComponent("a.yml"), atomically: true, encoding: .utf8)
        try "rules:\n  ecs_single_task: { severity: high }\n".write(
            to: folder.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try "not: [yaml".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let config = try RulesConfiguration.load(directory: folder.path)
        XCTAssertEqual(config.settings(for: "ecs_single_task").severity, .high)
        XCTAssertEqual(config.settings(for: "ecs_single_task").int("min_tasks", default: 0), 3)
    }
}
