import Foundation
import XCTest
@testable import Rules

/// Every rule is documented, tested by examples, and listed in the catalog.
final class RuleMetadataTests: XCTestCase {
    /// The package root, from this file's path (Tests/RulesTests/…).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct MissingCatalog: Error, CustomStringConvertible {
        let tried: [String]
        var description: String { "rules.md not found; looked at " + tried.joined(separator: ", ") }
    }

    /// The rule ids in the catalog tables (first column, in backticks): the
    /// shared docs next to the package (`../shared/docs/rules.md`) and the
    /// rules this repository adds (`docs/rules.md`), whichever exist.
    static func catalogIds() throws -> [String] {
        let candidates = [
            packageRoot.appendingPathComponent("../shared/docs/rules.md").standardizedFileURL,
            packageRoot.appendingPathComponent("docs/rules.md"),
        ]
        let found = candidates.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !found.isEmpty else { throw MissingCatalog(tried: candidates.map(\.path)) }
        return try found.flatMap { url in
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| `"), let close = line.dropFirst(3).firstIndex(of: "`") else { return nil }
                return String(line[line.index(line.startIndex, offsetBy: 3)..<close])
            }
        }
    }

    func testRulesMdIsFound() throws {
        let ids = try Self.catalogIds()
        XCTAssertGreaterThan(ids.count, 30, "rules.md catalog parsed too few ids")
    }

    func testEveryRuleIsDocumentedAndHasExamples() throws {
        let catalog = Set(try Self.catalogIds())
        for rule in RuleRegistry.all {
            let d = rule.description
            XCTAssertFalse(d.title.isEmpty, d.id)
            XCTAssertFalse(d.rationale.isEmpty, d.id)
            XCTAssertFalse(d.remediation.isEmpty, d.id)
            XCTAssertGreaterThanOrEqual(d.triggering.count, 1, "\(d.id) needs a triggering example")
            XCTAssertGreaterThanOrEqual(d.nonTriggering.count, 1, "\(d.id) needs a non-triggering example")
            XCTAssertTrue(catalog.contains(d.id), "\(d.id) is not in rules.md's catalog")
        }
    }

    func testNoDuplicateIds() {
        let ids = RuleRegistry.all.map { $0.description.id }
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate rule ids: \(ids.sorted())")
    }

    func testBuiltInCatalogMatchesRulesMd() throws {
        XCTAssertEqual(RuleCatalog.entries.map(\.id).sorted(), try Self.catalogIds().sorted())
    }

    func testRegisteredSeveritiesMatchCatalog() {
        let severities = Dictionary(uniqueKeysWithValues: RuleCatalog.entries.map { ($0.id, $0.severity) })
        for rule in RuleRegistry.all {
            XCTAssertEqual(rule.description.severity, severities[rule.description.id], rule.description.id)
        }
    }

    func testEveryECSRuleIsRegistered() {
        let ids = Set(RuleRegistry.ids)
        for id in ["ecs_plaintext_secret_env", "ecs_public_ip_on_task", "ecs_task_role_is_execution_role",
                   "iam_task_role_has_execution_policy", "ecs_mutable_image_tag", "ecs_writable_root_filesystem",
                   "ecs_single_task", "ecs_container_insights_off", "ecs_unresolved_endpoint",
                   "ecs_plaintext_transport_url", "ecs_secret_unreadable", "file_plaintext_secret"] {
            XCTAssertTrue(ids.contains(id), id)
            XCTAssertNotNil(RuleRegistry.rule(id: id))
        }
        XCTAssertEqual(RuleRegistry.rule(id: "file_plaintext_secret")?.description.applicability, .files)
    }
}
