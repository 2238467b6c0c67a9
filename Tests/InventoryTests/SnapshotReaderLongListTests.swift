import Foundation
import XCTest
@_spi(Fuzzing) @testable import Inventory
import TestSupport

/// Long service and task definition lists (they were decoded on every core
/// before the hand-written readers; one core now reads them faster): odd
/// spacing, trailing commas, strings full of brackets, and one bad element
/// or separator anywhere must give JSONDecoder's value or a decline.
final class SnapshotReaderLongListTests: XCTestCase {
    /// Snapshots of 64 to 300 services and task definitions, with odd spacing,
    /// trailing commas, strings full of brackets and quotes, and now and then
    /// one bad element or a broken separator anywhere: both paths agree.
    func testLongListsReadAsJSONDecoderDecodesThem() throws {
        let guide = try SnapshotFixtures.rich()
        guard let service = (guide["services"] as? [Any])?.first, let definition = (guide["taskDefinitions"] as? [Any])?.first else {
            return XCTFail("rich snapshot")
        }
        var random = SeededRandom(seed: 0x9A7A_11E2)
        var declined = 0
        for round in 0..<15 {
            let count = random.int(in: 64...300)
            let spaces = ["", " ", "\n  ", "\t", " \r\n "]
            let spoil = round % 3 == 1
            // Where a spoiled round breaks: a separator, a value's type, or a bracket.
            let kind = spoil ? random.below(4) : -1
            let target = random.below(count)
            let spoilServices = random.chance(50)
            func list(_ element: Any, _ key: String, spoiled: Bool) -> String {
                let items = (0..<count).map { index -> String in
                    var clone = element as? [String: Any] ?? [:]
                    clone[key] = "\(key)-\(index)-]}[{\"\\,"
                    if spoiled, index == target, kind == 1 { clone[key] = 7 }
                    if spoiled, index == target, kind == 2 { clone[key] = NSNull() }
                    return SnapshotFixtures.write(clone, shuffling: &random)
                }
                var text = "["
                for (index, item) in items.enumerated() {
                    let separator = spoiled && kind == 0 && index == min(target, count - 2) ? random.pick([" ", ",,", ";", ":"]) : ","
                    text += random.pick(spaces) + item + random.pick(spaces) + (index < items.count - 1 ? separator : "")
                    if spoiled, kind == 3, index == target { text += "]" }
                }
                return text + (random.chance(30) ? ",\n" : "") + random.pick(spaces) + "]"
            }
            let services = list(service, "name", spoiled: spoil && spoilServices)
            let definitions = list(definition, "family", spoiled: spoil && !spoilServices)
            let text = #"{"snapshotVersion": 1, "services": \#(services), "region": "r", "taskDefinitions": \#(definitions)}"#
            let data = Data(text.utf8)
            let reference = try? JSONDecoder().decode(Inventory.self, from: data)
            let fast = try? Inventory.readSnapshot(data)
            XCTAssertEqual(fast, reference)
            if let fast {
                XCTAssertEqual(fast.services.count, count)
                XCTAssertEqual(fast.taskDefinitions.map(\.family), (0..<count).map { "family-\($0)-]}[{\"\\," })
            } else {
                declined += 1
            }
        }
        XCTAssertEqual(declined, 5, "every spoiled round declines, no other")
    }

    /// Single-byte edits anywhere in long lists (a quote, a backslash, a
    /// bracket or a comma inserted, a byte deleted) give JSONDecoder's value
    /// or a decline.
    func testByteEditsInLongListsReadAsJSONDecoderDecodesThem() throws {
        let guide = try SnapshotFixtures.rich()
        guard let service = (guide["services"] as? [Any])?.first, let definition = (guide["taskDefinitions"] as? [Any])?.first else {
            return XCTFail("rich snapshot")
        }
        var random = SeededRandom(seed: 0xB17E_5EED)
        func list(_ element: Any, _ key: String) -> String {
            "[" + (0..<80).map { index -> String in
                var clone = element as? [String: Any] ?? [:]
                clone[key] = "\(key)-\(index)-\\\"]}"
                return SnapshotFixtures.write(clone, shuffling: &random)
            }.joined(separator: ",") + "]"
        }
        let text = #"{"snapshotVersion": 1, "services": \#(list(service, "name")), "taskDefinitions": \#(list(definition, "family"))}"#
        let bytes = Array(text.utf8)
        let listsStart = bytes.firstIndex(of: UInt8(ascii: "[")) ?? 0
        var taken = 0
        for _ in 0..<400 {
            var edited = bytes
            let position = random.int(in: listsStart...(edited.count - 2))
            if random.chance(30) {
                edited.remove(at: position)
            } else {
                edited.insert(random.pick(Array(#""\{}[],: x"#.utf8)), at: position)
            }
            let data = Data(edited)
            let fast = try? Inventory.readSnapshot(data)
            if let fast {
                XCTAssertEqual(fast, try? JSONDecoder().decode(Inventory.self, from: data), "edit at \(position)")
                taken += 1
            }
        }
        XCTAssertGreaterThan(taken, 0, "some edits (inside strings, spaces) leave valid JSON that the fast path reads")
    }
}
