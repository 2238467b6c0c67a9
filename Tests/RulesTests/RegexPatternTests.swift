@testable import Rules
import TestSupport
import XCTest

/// The detector's and the ECS rules' patterns are looked up once
/// (`RegexCache.Pattern`): each must still find its hand-written matcher
/// (a typo in the copied pattern text would silently fall back to the slow
/// regex) and answer as the regular expression does.
final class RegexPatternTests: XCTestCase {
    static let patterns: [RegexCache.Pattern] = [
        ValueFacts.number, ValueFacts.shellVariable, ValueFacts.template, ValueFacts.angleBracketed,
        ValueFacts.commandSubstitution, ValueFacts.path, Entropy.tokenAlphabet, Entropy.hexOrUUID,
        URLCredentials.urlScheme, ECSFacts.hostOrPlaceholder,
    ]

    func testEveryPatternHasItsFastMatcherAndAnswersAsTheRegex() {
        var random = SeededRandom(seed: 0x9A77_E2)
        let pieces = ["a", "Z", "0", "9", ".", "-", "_", "/", ":", "//", "{", "}", "$", "(", ")", "<", ">", "~", "+", "=", " ", "\u{E9}",
                      "redis", "://", "@", "x.y", "{{", "}}", "${A}", "../"]
        for pattern in Self.patterns {
            XCTAssertTrue(pattern.hasFastMatcher, pattern.pattern)
            for _ in 0..<1_500 {
                let text = (0..<random.int(in: 0...6)).map { _ in random.pick(pieces) }.joined()
                XCTAssertEqual(pattern.matches(text), RegexCache.regexMatches(text, pattern.pattern), "\(pattern.pattern) on \(text)")
                XCTAssertEqual(pattern.matches(text), RegexCache.matches(text, pattern.pattern))
            }
        }
    }
}
