import Foundation
import XCTest
@_spi(Fuzzing) @testable import Inventory
import TestSupport

/// The hand-written fast path (`Inventory.readSnapshot`) against `JSONDecoder`:
/// the same `Inventory` for every snapshot it takes, a decline for anything
/// `JSONDecoder` must judge.
final class SnapshotReaderTests: XCTestCase {
    func testTheGuideSnapshotReadsAsJSONDecoderDecodesIt() throws {
        let data = try SnapshotFixtures.guide()
        let fast = try Inventory.readSnapshot(data)
        XCTAssertEqual(fast, try JSONDecoder().decode(Inventory.self, from: data))
        XCTAssertEqual(fast.services.count, 1)
        XCTAssertFalse(fast.taskDefinitions.first?.containers.first?.environment.isEmpty ?? true)
    }

    func testAGeneratedHundredServiceSnapshotReadsAsJSONDecoderDecodesIt() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-reader-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", SnapshotFixtures.root.appendingPathComponent("scripts/bench-snapshot.py").path, "--services", "100",
            "--input", SnapshotFixtures.root.appendingPathComponent("examples/guide/snapshot.json").path, output.path,
        ]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let data = try Data(contentsOf: output)
        let fast = try Inventory.readSnapshot(data)
        XCTAssertEqual(fast, try JSONDecoder().decode(Inventory.self, from: data))
        XCTAssertEqual(fast.services.count, 100)
        XCTAssertEqual(fast.taskDefinitions.count, 100)
        XCTAssertEqual(Set(fast.taskDefinitions.map(\.family)).count, 100)
    }

    func testEveryFieldOfTheHandReadTypesReadsAsJSONDecoderDecodesItInAnyKeyOrder() throws {
        let rich = try SnapshotFixtures.rich()
        var random = SeededRandom(seed: 0x5AA9_0001)
        for _ in 0..<8 {
            XCTAssertTrue(assertDecodesAsJSONDecoder(SnapshotFixtures.write(rich, shuffling: &random)))
        }
        let fast = try Inventory.readSnapshot(Data(SnapshotFixtures.write(rich, shuffling: &random).utf8))
        XCTAssertEqual(fast.services.first?.tags["team"], "payments")
        XCTAssertEqual(fast.services.first?.locations["image"], SourceLocation(file: "b é.json", line: 9))
        XCTAssertEqual(fast.taskDefinitions.first?.containers.first?.secrets.first?.name, "DB_PASSWORD")
        XCTAssertEqual(fast.taskDefinitions.last?.revision, -3)
        XCTAssertEqual(fast.scope?.tags, ["env=prod"])
    }

    /// Each member of the rich snapshot removed, set to null, given a value of
    /// another type, and each object given unknown members: both paths agree
    /// (the fast path takes what JSONDecoder takes, declines what it rejects).
    func testMutatedSnapshotsReadAsJSONDecoderDecodesThem() throws {
        let rich = try SnapshotFixtures.rich()
        var random = SeededRandom(seed: 0x5AA9_0002)
        let paths = SnapshotFixtures.memberPaths(rich)
        XCTAssertGreaterThan(paths.count, 100)
        var taken = 0
        let others: [Any] = [5, 1.5, "5", true, [Any](), [String: Any](), ["x"], NSNull()]
        for path in paths {
            for change in [{ (_: Any) -> Any? in nil }, { _ in NSNull() }, { _ in random.pick(others) }] {
                let mutated = SnapshotFixtures.changing(rich, at: path, change)
                if assertDecodesAsJSONDecoder(SnapshotFixtures.write(mutated, shuffling: &random)) { taken += 1 }
            }
            let unknown: [String: Any] = ["zzUnknown": ["nested": [1, ["a": NSNull()], "\u{E9}"]], "arn2": 1.5e300]
            let extended = SnapshotFixtures.changing(rich, at: path) { old in
                guard let object = old as? [String: Any], !SnapshotFixtures.mapKeys.contains("\(path.last ?? "")") else { return old }
                return object.merging(unknown) { current, _ in current }
            }
            XCTAssertTrue(assertDecodesAsJSONDecoder(SnapshotFixtures.write(extended, shuffling: &random)), "\(path)")
        }
        XCTAssertGreaterThan(taken, paths.count, "removing or nulling an optional member keeps the fast path")
    }

    func testItDeclinesWhatJSONDecoderRejects() throws {
        let service = #""arn": "a", "name": "n", "clusterArn": "c""#
        let definition = #""arn": "a", "family": "f", "revision": 1"#
        let cases: [String] = [
            #"{"snapshotVersion": 1, "services": [{"arn": "a", "name": "n"}]}"#,                   // required key missing
            #"{"snapshotVersion": 1, "services": [{"arn": null, "name": "n", "clusterArn": "c"}]}"#, // null where required
            #"{"snapshotVersion": 1, "services": [{\#(service), "tags": {"k": null}}]}"#,             // null tag value
            #"{"snapshotVersion": 1, "services": [{\#(service), "desiredCount": 1.5}]}"#,            // fraction in an integer
            #"{"snapshotVersion": 1, "services": [{\#(service), "desiredCount": 9223372036854775808}]}"#, // out of range
            #"{"snapshotVersion": 1, "services": [{\#(service), "launchType": 5}]}"#,                 // wrong type
            #"{"snapshotVersion": 1, "services": [{\#(service), "loadBalancers": [null]}]}"#,         // null element
            #"{"snapshotVersion": 1, "services": [{\#(service), "networkConfiguration": []}]}"#,      // an array for an object
            #"{"snapshotVersion": 1, "services": [null]}"#,                                           // null service
            #"{"snapshotVersion": 1, "services": [{\#(service)}], "coverage": [{"service": "e", "operation": "o", "status": "maybe"}]}"#,
            #"{"snapshotVersion": 1, "taskDefinitions": [{\#(definition), "containers": [{"name": "c", "essential": "true"}]}]}"#,
            #"{"snapshotVersion": 1, "taskDefinitions": [{"arn": "a", "family": "f", "revision": "2"}]}"#,
            #"{"snapshotVersion": 1, "taskDefinitions": [{\#(definition), "locations": {"r": {"file": "f"}}}]}"#,
            #"{"snapshotVersion": 1, "taskDefinitions": [{\#(definition)}]} x"#,                     // trailing text
            #"{"snapshotVersion": 1, "taskDefinitions": [{\#(definition),, "cpu": "1"}]}"#,          // not JSON
            #"{"snapshotVersion": 1, "taskDefinitions": [{\#(definition), "cpu": "1"]}"#,            // not JSON
            #"{"region": "r"}"#,                                                                      // no snapshotVersion
            #"[]"#,
        ]
        for text in cases {
            XCTAssertThrowsError(try Inventory.readSnapshot(Data(text.utf8)), text)
            XCTAssertThrowsError(try JSONDecoder().decode(Inventory.self, from: Data(text.utf8)), text)
            XCTAssertThrowsError(try Inventory.decode(snapshot: Data(text.utf8), file: "bad.json"), text)
        }
    }

    /// What JSONDecoder takes but might read otherwise than the fast path
    /// would (duplicates, integers written as `1.0` or `1e2`, deep nesting,
    /// escaped keys): the fast path declines, and `Inventory.decode` answers
    /// with JSONDecoder's value. A lone surrogate is refused, as text that is
    /// not JSON is (`JSONSyntaxErrorTests`).
    func testItDeclinesWhatJSONDecoderMustJudgeAndDecodeGivesJSONDecodersValue() throws {
        let service = #""arn": "a", "name": "n", "clusterArn": "c""#
        let cases: [String] = [
            #"{"snapshotVersion": 1, "services": [{\#(service), "arn": "b"}]}"#,                      // duplicate known key
            #"{"snapshotVersion": 1, "services": [{\#(service), "x": 1, "x": 2}]}"#,                  // duplicate unknown key
            #"{"snapshotVersion": 1, "services": [{\#(service), "x": {"y": 1, "y": 2}}]}"#,           // duplicate inside an unknown value
            #"{"snapshotVersion": 1, "services": [{\#(service), "tags": {"k": "1", "k": "2"}}]}"#,    // duplicate tag
            #"{"snapshotVersion": 1, "services": [{\#(service), "desiredCount": 1.0}]}"#,             // an integer with a fraction
            #"{"snapshotVersion": 1, "services": [{\#(service), "desiredCount": 1e2}]}"#,             // an integer with an exponent
            #"{"snapshotVersion": 1, "services": [{"\u0061rn": "a", "name": "n", "clusterArn": "c"}]}"#, // a key with an escape
            #"{"snapshotVersion": 1, "services": [{\#(service), "x": "#
                + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}]}",      // nesting deeper than 512
        ]
        for text in cases {
            let data = Data(text.utf8)
            XCTAssertThrowsError(try Inventory.readSnapshot(data), text)
            let reference = try? JSONDecoder().decode(Inventory.self, from: data)
            let decoded = try? Inventory.decode(snapshot: data, file: "odd.json")
            XCTAssertEqual(decoded, reference, text)
        }
        let escaped = try Inventory.decode(snapshot: Data(cases[6].utf8), file: "escaped.json")
        XCTAssertEqual(escaped.services.first?.arn, "a")
        // A lone surrogate, which JSONDecoder takes where it decodes nothing, is refused with its place.
        let lone = Data(#"{"snapshotVersion": 1, "services": [{\#(service), "x": "\ud800"}]}"#.utf8)
        XCTAssertThrowsError(try Inventory.decode(snapshot: lone, file: "lone.json")) { error in
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            XCTAssertTrue(message.hasPrefix("lone.json:1:"), message)
            XCTAssertTrue(message.contains("half of a UTF-16 pair"), message)
        }
    }

    func testTrailingCommasNullListsAndAByteOrderMarkReadAsJSONDecoderReadsThem() throws {
        let service = #""arn": "a", "name": "n", "clusterArn": "c""#
        let cases = [
            #"{"snapshotVersion": 1, "services": [{\#(service), "tags": {"a": "b",}, "loadBalancers": [{},],},],}"#,
            #"{"snapshotVersion": 1, "services": [{\#(service), "tags": null, "loadBalancers": null, "networkConfiguration": null}]}"#,
            #"{"snapshotVersion": 1, "services": null, "taskDefinitions": null, "clusters": null, "scope": null}"#,
            #"{"snapshotVersion": 1, "services": [], "taskDefinitions": [{"arn": "a", "family": "f", "revision": -0, "containers": []}]}"#,
            "\u{FEFF}" + #"{"snapshotVersion": 1, "region": "eu-west-1"}"#,
        ]
        for text in cases {
            XCTAssertTrue(assertDecodesAsJSONDecoder(text), text)
        }
    }
}
