import Foundation
import Inventory
@testable import Rules
import XCTest

/// `Finding` keeps its fields in a shared copy-on-write box: a copy must not
/// see writes to the original (or the reverse), equality and hashing look at
/// the fields, and the JSON is the memberwise struct's (same keys, absent
/// optionals left out), so reports and baselines read back.
final class FindingStorageTests: XCTestCase {
    static func sample() -> Finding {
        Finding(
            ruleId: "ecs_plaintext_secret_env", severity: .critical, title: "Secret", resource: ResourceRef(type: "ecs:task-definition", id: "t:1"),
            message: "m", detail: "c/DB_PASSWORD", evidence: SecretEvidence(variable: "DB_PASSWORD", value: "hunter2-hunter2"),
            remediation: "r", references: ["ECS.8"])
    }

    func testWritesCopyTheBoxWhenShared() {
        let original = Self.sample()
        var copy = original
        XCTAssertEqual(copy, original)
        copy.severity = .low
        copy.monthlyCostDelta = 0.4
        copy.references.append("x")
        XCTAssertEqual(original.severity, .critical)
        XCTAssertNil(original.monthlyCostDelta)
        XCTAssertEqual(original.references, ["ECS.8"])
        XCTAssertEqual(copy.severity, .low)
        XCTAssertEqual(copy.monthlyCostDelta, 0.4)
        XCTAssertNotEqual(copy, original)
        var findings = [original, original]
        findings[1].message = "changed"
        XCTAssertEqual(findings[0].message, "m")
        XCTAssertEqual(findings[1].message, "changed")
        XCTAssertEqual(original.message, "m")
    }

    func testEqualFieldsAreEqualAndHashAlike() {
        let a = Self.sample()
        let b = Self.sample()
        XCTAssertEqual(a, b)
        XCTAssertEqual(Set([a, b]).count, 1)
        var c = b
        c.fingerprint = "0000000000000000"
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set([a, b, c]).count, 2)
    }

    func testJSONIsTheMemberwiseStructs() throws {
        var finding = Self.sample()
        finding.location = SourceLocation(file: "task.json", line: 7)
        finding.monthlyCostDelta = 0.4
        let encoder = JSONEncoder()
        let full = String(decoding: try encoder.encode(finding), as: UTF8.self)
        let keys = ["ruleId", "severity", "title", "resource", "message", "evidence", "remediation", "references", "fingerprint",
                    "location", "monthlyCostDelta"]
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(full.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), Set(keys), full)
        XCTAssertEqual(object["severity"] as? String, "critical")
        XCTAssertEqual(object["monthlyCostDelta"] as? Double, 0.4)
        XCTAssertEqual(try JSONDecoder().decode(Finding.self, from: Data(full.utf8)), finding)

        let bare = Self.sampleWithoutOptionals()
        let text = String(decoding: try encoder.encode(bare), as: UTF8.self)
        for absent in ["evidence", "location", "monthlyCostDelta"] { XCTAssertFalse(text.contains("\"\(absent)\""), text) }
        XCTAssertEqual(try JSONDecoder().decode(Finding.self, from: Data(text.utf8)), bare)
        let withNulls = text.dropLast() + #","evidence":null,"location":null,"monthlyCostDelta":null}"#
        XCTAssertEqual(try JSONDecoder().decode(Finding.self, from: Data(withNulls.utf8)), bare)
        XCTAssertThrowsError(try JSONDecoder().decode(Finding.self, from: Data(#"{"ruleId":"x"}"#.utf8)))
    }

    static func sampleWithoutOptionals() -> Finding {
        Finding(ruleId: "r", severity: .low, title: "t", resource: ResourceRef(type: "a", id: "b"), message: "m", remediation: "x", references: [])
    }
}
