import Foundation
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
