import Foundation
import XCTest
@testable import Inventory
import TestSupport

/// The word-at-a-time scans of the snapshot parser must stop exactly where
/// the byte loops they replaced stopped.
final class SnapshotJSONScanTests: XCTestCase {
    private static func isStop(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    /// Every byte value at every position of a word of plain bytes (ASCII
    /// and not), alone and beside another stop.
    func testEveryByteInEveryPositionOfAWord() {
        var random = SeededRandom(seed: 0x5CA7)
        let plain: [UInt8] = (0...255).map(UInt8.init).filter { !Self.isStop($0) }
        for _ in 0..<40 {
            let filler = (0..<8).map { _ in random.pick(plain) }
            for position in 0..<8 {
                for value in 0...255 {
                    var bytes = filler
                    bytes[position] = UInt8(value)
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    XCTAssertEqual(ByteWords.holdsJSONStringStop(UInt64(littleEndian: word)), Self.isStop(UInt8(value)),
                                   "byte \(value) at \(position) in \(filler)")
                }
            }
        }
    }

    /// `plainRunEnd` and `whitespaceEnd` from every start of random texts
    /// (stops, spaces and multi-byte characters mixed in, every length up to 70).
    func testRunsEndWhereTheByteLoopsEnded() {
        var random = SeededRandom(seed: 0x5CA8)
        let pieces: [[UInt8]] = [[0x20], [0x20], [0x20], [0x61], [0x7A], [0x22], [0x5C], [0x0A], [0x09], [0x0D], [0x00], [0x1F],
                                 Array("é".utf8), Array("€".utf8), [0xFF], [0x80], Array("        ".utf8)]
        for _ in 0..<600 {
            var text: [UInt8] = []
            let target = random.below(71)
            while text.count < target { text += random.pick(pieces) }
            text.withUnsafeBufferPointer { buffer in
                let parser = SnapshotJSONParser(bytes: buffer)
                for start in 0...buffer.count {
                    var plain = start
                    while plain < buffer.count, !Self.isStop(buffer[plain]) { plain += 1 }
                    XCTAssertEqual(parser.plainRunEnd(from: start), plain, "\(text) from \(start)")
                    var white = start
                    while white < buffer.count, [0x20, 0x0A, 0x0D, 0x09].contains(buffer[white]) { white += 1 }
                    XCTAssertEqual(parser.whitespaceEnd(from: start), white, "\(text) from \(start)")
                }
            }
        }
    }

    /// Strings and indentation of every length around the word size parse
    /// to the same values as `JSONSerialization` reads them.
    func testDocumentsAroundTheWordSize() throws {
        for length in 0..<20 {
            for indent in 0..<20 {
                let text = String(repeating: "x", count: length)
                let pad = String(repeating: " ", count: indent)
                let json = "{\n\(pad)\"k\(text)\": \"\(text)\",\n\(pad)\"e\": \"a\\\"\(text)\\\\\",\n\(pad)\"n\": [\(pad)1,\(pad)\"\(text)\"\(pad)]\(pad)}"
                let parsed = try SnapshotJSONParser.parse(Data(json.utf8))
                let expected = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary
                XCTAssertEqual(Self.foundation(parsed) as? NSDictionary, expected, json)
            }
        }
    }

    private static func foundation(_ value: SnapshotJSON) -> Any {
        switch value {
        case .null: return NSNull()
        case let .bool(flag): return flag
        case let .number(text):
            if let integer = Int(text) { return integer }
            return Double(text) ?? 0
        case let .string(text): return text
        case let .array(items): return items.map(foundation)
        case let .object(members):
            return Dictionary(uniqueKeysWithValues: members.map { ($0.key, foundation($0.value)) })
        }
    }
}
