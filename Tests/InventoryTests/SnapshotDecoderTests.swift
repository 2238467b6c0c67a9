import Foundation
import XCTest
@testable import Inventory

/// The snapshot fast path must give exactly what JSONDecoder gives, and
/// decline (so JSONDecoder answers) whenever it is not sure.
final class SnapshotDecoderTests: XCTestCase {
    private var guideSnapshot: Data {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            return try Data(contentsOf: root.appendingPathComponent("examples/guide/snapshot.json"))
        }
    }

    func testTheGuideSnapshotDecodesAsJSONDecoderDecodesIt() throws {
        let data = try guideSnapshot
        let fast = try SnapshotDecoder.decode(Inventory.self, from: data)
        let reference = try JSONDecoder().decode(Inventory.self, from: data)
        XCTAssertEqual(fast, reference)
        XCTAssertFalse(fast.taskDefinitions.isEmpty)
    }

    func testEveryResourceKindRoundTripsThroughTheSnapshotEncoder() throws {
        // The encoder writes every field the model has; decoding that text both ways must agree.
        let inventory = try Inventory.decode(snapshot: try guideSnapshot, file: "guide")
        let encoded = try inventory.encodedSnapshot()
        XCTAssertEqual(try SnapshotDecoder.decode(Inventory.self, from: encoded), try JSONDecoder().decode(Inventory.self, from: encoded))
    }

    func testListenerRulesRoundTripAndListenersWithoutRulesCarryNoRulesKey() throws {
        var inventory = try Inventory.decode(snapshot: try guideSnapshot, file: "guide")
        let plain = try inventory.encodedSnapshot()
        XCTAssertFalse(String(decoding: plain, as: UTF8.self).contains("\"rules\""), "an empty rule list is left out")
        let listener = try XCTUnwrap(inventory.listeners.first).arn
        let redirect = ListenerAction(type: "redirect", redirect: RedirectConfig(protocol: "HTTPS", port: "443", statusCode: "HTTP_301"))
        inventory.listeners[0].rules = [
            ListenerRule(arn: listener + "/r2", priority: "20", conditions: ["host-header api.example.com"],
                         actions: [ListenerAction(type: "forward", targetGroupArn: "arn:tg")]),
            ListenerRule(arn: listener + "/r1", priority: "3", conditions: ["path-pattern /old/*"], actions: [redirect]),
            ListenerRule(arn: listener + "/r0", priority: "7"),
        ]
        let encoded = try inventory.encodedSnapshot()
        let fast = try SnapshotDecoder.decode(Inventory.self, from: encoded)
        XCTAssertEqual(fast, try JSONDecoder().decode(Inventory.self, from: encoded))
        XCTAssertEqual(fast.listeners.first?.rules.map(\.priority), ["3", "7", "20"], "rules are stored in evaluation order")
        XCTAssertEqual(fast.listeners.first?.rules.first, inventory.listeners[0].rules[1])
        XCTAssertEqual(fast.listeners.first?.rules[1].conditions, [], "a rule without conditions or actions decodes with empty lists")
        // A snapshot written before rules existed reads as before, on both paths.
        let older = #"{"snapshotVersion": 1, "listeners": [{"arn": "l", "loadBalancerArn": "lb", "defaultActions": [{"type": "forward"}]}]}"#
        let old = try SnapshotDecoder.decode(Inventory.self, from: Data(older.utf8))
        XCTAssertEqual(old, try JSONDecoder().decode(Inventory.self, from: Data(older.utf8)))
        XCTAssertEqual(old.listeners.first?.rules, [])
    }

    func testItDeclinesWhatJSONDecoderMustJudge() throws {
        let cases: [String] = [
            #"{"snapshotVersion": 1, "clusters": [{"arn": 5}]}"#,            // wrong type
            #"{"snapshotVersion": 1.5}"#,                                    // integer with a fraction
            #"{"snapshotVersion": 1, "snapshotVersion": 2}"#,                // duplicate key
            #"{"snapshotVersion": 1e400}"#,                                  // out of range
            #"{"snapshotVersion": 01}"#,                                     // leading zero
            #"{"snapshotVersion": 1, "region": "\ud800"}"#,                  // lone surrogate
            "{\"snapshotVersion\": 1, \"region\": \"a\u{01}b\"}",            // raw control character
            #"{"snapshotVersion": 1} x"#,                                    // trailing text
            #"{"snapshotVersion": 1, "clusters": [null]}"#,                  // null where a value is due
            #"{"snapshotVersion": "1"}"#,                                    // a string where an integer is due
            #"{"snapshotVersion": 1, "region": {"a": 1}}"#,                  // an object where a string is due
            #"{"snapshotVersion": 1, "region": [1]}"#,                       // an array where a string is due
            #"{"snapshotVersion": [1]}"#,                                    // an array where an integer is due
            #"{"snapshotVersion": 1, "clusters": {"arn": "x"}}"#,            // an object where an array is due
        ]
        for text in cases {
            XCTAssertThrowsError(try SnapshotDecoder.decode(Inventory.self, from: Data(text.utf8)), text)
        }
    }

    func testWhatFoundationTakesBeyondTheRFCDecodesAsJSONDecoderDecodesIt() throws {
        // A trailing comma and a byte order mark: JSONDecoder takes both, and so does the fast path, with the same value.
        let cases = [
            Data(#"{"snapshotVersion": 1, "region": "eu-west-1", "clusters": [],}"#.utf8),
            Data([0xEF, 0xBB, 0xBF] + Array(#"{"snapshotVersion": 1, "region": "eu-west-1"}"#.utf8)),
        ]
        for data in cases {
            let fast = try SnapshotDecoder.decode(Inventory.self, from: data)
            XCTAssertEqual(fast, try JSONDecoder().decode(Inventory.self, from: data))
            XCTAssertEqual(fast.region, "eu-west-1")
        }
    }

    func testEscapesDecodeAsJSONDecoderDecodesThem() throws {
        let text = #"{"snapshotVersion": 1, "region": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\u2028"}"#
        let fast = try SnapshotDecoder.decode(Inventory.self, from: Data(text.utf8))
        XCTAssertEqual(fast, try JSONDecoder().decode(Inventory.self, from: Data(text.utf8)))
        XCTAssertEqual(fast.region, "a\"b\\c/d\u{08}\u{0C}\n\r\té😀\u{2028}")
    }

    func testInlinePolicyDocumentsDecodeAsJSONDecoderDecodesThemAndOlderSnapshotsStillDecode() throws {
        let document = #"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"arn:aws:secretsmanager:us-east-1:1:secret:app\/db-*\"}]}"#
        let text = #"{"snapshotVersion": 1, "roles": [{"name": "r", "arn": "arn:aws:iam::1:role/r", "inlinePolicyNames": ["read", "empty"], "#
            + #""inlinePolicies": {"read": "\#(document)", "empty": ""}}]}"#
        let fast = try SnapshotDecoder.decode(Inventory.self, from: Data(text.utf8))
        XCTAssertEqual(fast, try JSONDecoder().decode(Inventory.self, from: Data(text.utf8)))
        XCTAssertEqual(fast.roles.first?.inlinePolicies["empty"], "")
        XCTAssertTrue(fast.roles.first?.inlinePolicies["read"]?.contains(#""Resource":"arn:aws:secretsmanager:us-east-1:1:secret:app/db-*""#) == true)
        // A snapshot written before the key existed: no documents, both ways.
        let older = #"{"snapshotVersion": 1, "roles": [{"name": "r", "arn": "arn:aws:iam::1:role/r", "inlinePolicyNames": ["read"]}]}"#
        let olderFast = try SnapshotDecoder.decode(Inventory.self, from: Data(older.utf8))
        XCTAssertEqual(olderFast, try JSONDecoder().decode(Inventory.self, from: Data(older.utf8)))
        XCTAssertEqual(olderFast.roles.first?.inlinePolicies, [:])
        // Written back: no key while empty (snapshots of roles without inline policies keep their bytes), sorted when not.
        XCTAssertFalse(String(decoding: try olderFast.encodedSnapshot(), as: UTF8.self).contains("inlinePolicies"))
        let encoded = try fast.encodedSnapshot()
        XCTAssertEqual(try SnapshotDecoder.decode(Inventory.self, from: encoded), fast)
        XCTAssertEqual(try JSONDecoder().decode(Inventory.self, from: encoded), fast)
    }

    func testMalformedSnapshotsStillGetJSONDecodersErrorWithPathAndLine() {
        let text = "{\n  \"snapshotVersion\": 1,\n  \"clusters\": [{\"arn\": 5}]\n}\n"
        XCTAssertThrowsError(try Inventory.decode(snapshot: Data(text.utf8), file: "bad.json")) { error in
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            XCTAssertTrue(message.hasPrefix("bad.json"), message)
            XCTAssertTrue(message.contains("clusters"), message)
        }
    }
}
