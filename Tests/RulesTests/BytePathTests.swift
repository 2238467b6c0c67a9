import Foundation
@testable import Inventory
import XCTest
@testable import Rules
import TestSupport

/// `ECSMutableImageTagRule.untaggedOrLatest` reads printable-ASCII image
/// names on bytes; on every text it must answer as `tag(of:)` (split at
/// `/`, the last non-empty part, the text after its last `:`) does.
final class ImageTagBytesTests: XCTestCase {
    private static let pieces = ["a", "nginx", "/", ":", "latest", "5000", "@", "sha256", ".", "-", "é", "e\u{301}", "\r\n", " ", "\u{1F}"]

    func testBytesAnswerAsTheCharacterParse() {
        let fixed = ["", "/", "///", ":", "a/", "a:latest/", "a:latest//", "registry.local:5000/team/app", "x:latest", "x:", ":latest",
                     "latest", "a//b:latest//", "nginx", "é:latest", "a/é:latest", "a:latest\r\n", "a:v1/b"]
        var random = SeededRandom(seed: 0x1A6E)
        for image in fixed + (0..<20_000).map({ _ in random.string(random.int(in: 0...8), from: Self.pieces) }) {
            let tag = ECSMutableImageTagRule.tag(of: image)
            let expected: Bool? = tag == nil ? true : tag == "latest" ? false : nil
            XCTAssertEqual(ECSMutableImageTagRule.untaggedOrLatest(image), expected, image.debugDescription)
        }
    }
}

/// `arnSuffix` and the task definition index read ASCII references on
/// bytes; on every text they must answer as the `Character` search does.
final class ARNSuffixBytesTests: XCTestCase {
    private static let pieces = ["a", "arn", ":", "/", "task-definition", "1", "é", "/\u{301}", ":\u{301}", "\r\n", " "]

    func testBytesAnswerAsTheCharacterSearch() {
        var random = SeededRandom(seed: 0xA7_5F)
        for text in ["", "/", ":", "a/b:c", "a:b", "a/", "arn:aws:ecs:us-east-1:1:task-definition/app:3"]
            + (0..<20_000).map({ _ in random.string(random.int(in: 0...8), from: Self.pieces) }) {
            let expected: String
            if let slash = text.lastIndex(of: "/") {
                expected = String(text[text.index(after: slash)...])
            } else if let colon = text.lastIndex(of: ":") {
                expected = String(text[text.index(after: colon)...])
            } else {
                expected = text
            }
            XCTAssertEqual(Array(arnSuffix(text).utf8), Array(expected.utf8), text.debugDescription)
            // The index's lookup: after the last `/` only.
            let afterSlash = text.lastIndex(of: "/").map { String(text[text.index(after: $0)...]) } ?? text
            if let onBytes = textAfterLast(UInt8(ascii: "/"), inASCII: text) {
                XCTAssertEqual(Array(onBytes.utf8), Array(afterSlash.utf8), text.debugDescription)
            } else {
                XCTAssertFalse(text.utf8.allSatisfy { $0 < 0x80 }, text.debugDescription)
            }
        }
    }
}
