import Foundation
import XCTest
@testable import Inventory
import TestSupport

/// Objects of the snapshot fast path are arrays of members searched
/// linearly (they were dictionaries): member lookup, duplicate refusal and
/// the decoded inventory must be what the dictionaries and `JSONDecoder` give.
final class SnapshotJSONMembersTests: XCTestCase {
    func testRandomObjectsLookUpAndRefuseDuplicatesAsADictionaryDoes() throws {
        var random = SeededRandom(seed: 0x5EED_0B1E)
        var refused = 0
        var large = 0
        for _ in 0..<20_000 {
            // Few distinct keys make duplicates likely; up to 80 members cross the linear limit.
            let pool = (0..<random.int(in: 1...120)).map { "k\($0)" }
            var keys = (0..<random.int(in: 0...80)).map { _ in random.pick(pool) }
            if random.chance(50) {  // distinct keys, so large objects without duplicates occur too
                var shuffled = pool
                for index in shuffled.indices.reversed() where index > 0 { shuffled.swapAt(index, random.below(index + 1)) }
                keys = Array(shuffled.prefix(keys.count))
            }
            let values = keys.map { _ in "v\(random.below(1_000))" }
            let text = "{" + zip(keys, values).map { "\"\($0)\": \"\($1)\"" }.joined(separator: ", ") + "}"
            var reference: [String: String] = [:]
            var duplicate = false
            for (key, value) in zip(keys, values) where reference.updateValue(value, forKey: key) != nil { duplicate = true }
            let parsed = try? SnapshotJSONParser.parse(Data(text.utf8))
            guard !duplicate else {
                XCTAssertNil(parsed, text)
                refused += 1
                continue
            }
            guard case let .object(members) = parsed else { return XCTFail(text) }
            if members.count >= SnapshotJSONParser.linearLimit { large += 1 }
            XCTAssertEqual(members.map(\.key), keys)
            for key in pool {
                let found: String?
                if case let .string(value) = members.value(forKey: key) { found = value } else { found = nil }
                XCTAssertEqual(found, reference[key], key)
            }
        }
        XCTAssertGreaterThan(refused, 1_000)
        XCTAssertGreaterThan(large, 100)
    }

    func testShuffledGuideSnapshotsDecodeAsJSONDecoderDecodesThem() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try SnapshotJSONParser.parse(Data(contentsOf: root.appendingPathComponent("examples/guide/snapshot.json")))
        var random = SeededRandom(seed: 0xD1C7_0001)
        var declined = 0
        for _ in 0..<300 {
            let duplicate = random.chance(20)
            var text = ""
            Self.write(guide, shuffledBy: &random, duplicating: duplicate, into: &text)
            let data = Data(text.utf8)
            let reference = try? JSONDecoder().decode(Inventory.self, from: data)
            if let fast = try? SnapshotDecoder.decode(Inventory.self, from: data) {
                XCTAssertFalse(duplicate)
                XCTAssertEqual(fast, reference)
                XCTAssertNotNil(reference)
            } else {
                XCTAssertTrue(duplicate)
                declined += 1
            }
        }
        XCTAssertGreaterThan(declined, 20)
    }

    /// `node` as JSON text with every object's members in a random order;
    /// with `duplicating`, the top object's first member is written twice.
    private static func write(_ node: SnapshotJSON, shuffledBy random: inout SeededRandom, duplicating: Bool, into text: inout String) {
        switch node {
        case .null: text += "null"
        case let .bool(flag): text += flag ? "true" : "false"
        case let .number(digits): text += digits
        case let .string(value): text += "\"\(escaped(value))\""
        case let .array(items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                write(item, shuffledBy: &random, duplicating: false, into: &text)
            }
            text += "]"
        case let .object(members):
            var order = Array(members.indices)
            for index in order.indices.reversed() where index > 0 { order.swapAt(index, random.below(index + 1)) }
            if duplicating, let first = order.first { order.append(first) }
            text += "{"
            for (position, index) in order.enumerated() {
                if position > 0 { text += ", " }
                text += "\"\(escaped(members[index].key))\": "
                write(members[index].value, shuffledBy: &random, duplicating: false, into: &text)
            }
            text += "}"
        }
    }

    private static func escaped(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
