import Foundation
import XCTest
@testable import Inventory
import TestSupport

/// Services and task definitions are decoded on every core once a list has
/// 64 or more: snapshots of 60 to 300 cloned services must decode as
/// `JSONDecoder` decodes them, and one bad element anywhere must still
/// make the fast path decline.
final class SnapshotParallelDecodeTests: XCTestCase {
    func testLargeSnapshotsDecodeAsJSONDecoderDecodesThem() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try Data(contentsOf: root.appendingPathComponent("examples/guide/snapshot.json"))
        guard let object = try JSONSerialization.jsonObject(with: guide) as? [String: Any],
              let service = (object["services"] as? [[String: Any]])?.first,
              let definition = (object["taskDefinitions"] as? [[String: Any]])?.first else { return XCTFail("guide snapshot") }
        var random = SeededRandom(seed: 0x9A7A_11E1)
        var declined = 0
        for round in 0..<24 {
            var snapshot = object
            let count = random.int(in: 60...300)
            var services: [Any] = (0..<count).map { index in
                var clone = service
                clone["serviceName"] = "svc-\(index)-\(random.below(1_000))"
                clone["desiredCount"] = random.int(in: 0...9)
                return clone
            }
            var definitions: [Any] = (0..<count).map { index in
                var clone = definition
                clone["family"] = "family-\(index)-é\u{301}\"\\"
                clone["revision"] = random.int(in: 1...500)
                return clone
            }
            let bad = round % 3 == 1
            if bad {
                let spoiled: Any = random.chance(50) ? NSNull() : ["serviceName": 5]
                if random.chance(50) { services[random.below(count)] = spoiled } else { definitions[random.below(count)] = spoiled }
            }
            snapshot["services"] = services
            snapshot["taskDefinitions"] = definitions
            let data = try JSONSerialization.data(withJSONObject: snapshot)
            let reference = try? JSONDecoder().decode(Inventory.self, from: data)
            if let fast = try? SnapshotDecoder.decode(Inventory.self, from: data) {
                XCTAssertFalse(bad)
                XCTAssertEqual(fast, reference)
                XCTAssertEqual(fast.services.count, count)
            } else {
                XCTAssertTrue(bad)
                XCTAssertNil(reference)
                declined += 1
            }
        }
        XCTAssertEqual(declined, 8)
    }
}
