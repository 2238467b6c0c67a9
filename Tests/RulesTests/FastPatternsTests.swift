import Foundation
import XCTest
@testable import Rules
import TestSupport

/// Every hand-written matcher of `FastPatterns` against the regular
/// expression it stands for (`RegexCache.regexMatches`, NSRegularExpression),
/// on printable-ASCII text built to sit on either side of each pattern;
/// and `RegexCache.matches` asking the regex for any other text.
final class FastPatternsTests: XCTestCase {
    /// Single characters, biased to the ones the patterns test.
    static let characters = SeededRandom.pieces("aZk09_.:/?#@<>{}$()~-+=,% ") + ["a", "B", "x", "7", ".", "/", "-", ":", "}"]

    /// Fragments and whole values on or near the patterns' edges.
    static let fragments = [
        "a.b:80/x", "a.b", ".c", ":80", ":8a", ":", "/x", "?q=1", "#f", "$(x)", "$(", ")", "{{x}}", "{{", "}}", "${A:-b}}",
        "${A:-b}", "${A}", "$A", "${a_1?}", ":=", ":?", "../x", "./", "~/", "..", "<a>", "<", ">", "<a.b>", "<x>:443",
        "http://", "s3+x.y-z://", "1.5", "+7", "-0.25", "1.", ".5", "dead-beef", "AbC=", "a/b+c_d-e=", "@", "%2F", ",",
        "db.internal", "my_db-1.svc", "a..b", "-.-", "x.y.", "0x1F", "{{ .Env }}", "$((1+2))", "<<a>>", "}", "{",
    ]

    /// Values each pattern accepts (so mutations start on the accepting side).
    static let seeds = [
        "123", "-1.5", "+0.25", "$HOME", "${A}", "${A:-b}", "$A=x", "${X?msg}", "{{x}}", "{{}}", "<a>", "<db host>", "$(x)",
        "$()", "/", "~/x", "./a", "../a/b", "/a@b%c+d=e,f~g-h", "AbC+/=_-", "dead-BEEF", "a://", "s3+x.y-z://h",
        "a.b", "a-b.c-d:80", "a.b/x?y#z", "a.b?", "<a>:1", "<x.y>", "a<b>.c_d", "a.b:0", "0", "-007", "12.50",
        "$_", "${A_B}", "${A=}", "${A:?}}", "$a-", "{{ a }}", "{{{}}}", "<{}>", "<a b:c>", "$( a )", "$(()", "~", "~/",
        "..//", "/~a", "A", "z9", "----", "0aF", "ab", "h+t.t-p://", "x://", "a.b.c.d", "1.2.3.4:5432", "a-.-b#",
        "<x>:99", "<a>.<b>", "_._", "a-_<.>b:1",
    ]

    /// A printable-ASCII string of length 0–40: random pieces, or a seed with a few edits.
    static func sample(_ rng: inout SeededRandom, near accepted: [String] = []) -> String {
        var text: String
        switch rng.below(3) {
        case 0:
            text = rng.string(rng.int(in: 0...40), from: characters)
        case 1:
            text = ""
            let target = rng.int(in: 0...40)
            while text.count < target { text += rng.chance(40) ? rng.pick(fragments) : rng.pick(characters) }
        default:
            var chars = Array(!accepted.isEmpty && rng.chance(70) ? rng.pick(accepted) : rng.pick(seeds + fragments))
            for _ in 0..<rng.int(in: 0...3) {
                let position = rng.below(chars.count + 1)
                let char = Character(rng.pick(characters))
                switch rng.below(3) {
                case 0: chars.insert(char, at: position)
                case 1: if position < chars.count { chars.remove(at: position) }
                default: if position < chars.count { chars[position] = char }
                }
            }
            text = String(chars)
        }
        return String(text.prefix(40))
    }

    func testEveryMatcherAgreesWithItsRegex() {
        XCTAssertEqual(FastPatterns.matchers.count, 11, "a new matcher: add seeds for it above")
        for (index, pattern) in FastPatterns.matchers.keys.sorted().enumerated() {
            guard let matcher = FastPatterns.matchers[pattern] else { continue }
            var rng = SeededRandom(seed: 0xFA57 + UInt64(index))
            var matched = 0, failures = 0
            let count = 10_000
            let accepted = (Self.seeds + Self.fragments).filter { RegexCache.regexMatches($0, pattern) }
            XCTAssertGreaterThanOrEqual(accepted.count, 3, "\(pattern): add seeds it accepts")
            for _ in 0..<count {
                var text = Self.sample(&rng, near: accepted)
                XCTAssertTrue(FastText.isPrintableASCII(text))
                let expected = RegexCache.regexMatches(text, pattern)
                let fast = text.withUTF8 { matcher($0) }
                let cached = RegexCache.matches(text, pattern)
                if fast != expected || cached != expected, failures < 5 {
                    failures += 1
                    XCTFail("\(pattern) on \(text.debugDescription): matcher \(fast), matches \(cached), regex \(expected)")
                }
                if expected { matched += 1 }
            }
            // Both answers must be well represented, or the comparison proves little.
            XCTAssertGreaterThan(matched, count / 50, "\(pattern): too few matching samples (\(matched))")
            XCTAssertLessThan(matched, count - count / 50, "\(pattern): too few non-matching samples")
        }
    }

    /// Short strings exhaustively over the characters that matter: every
    /// string of length 0–3 over a 16-character alphabet.
    func testEveryShortStringAgrees() {
        let alphabet = Array("a0.:/<>{}$()~-_ ".utf8)
        var texts: [[UInt8]] = [[]]
        var layer: [[UInt8]] = [[]]
        for _ in 1...3 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + [$0] } }
            texts += layer
        }
        for (pattern, matcher) in FastPatterns.matchers {
            for bytes in texts {
                let text = String(decoding: bytes, as: UTF8.self)
                let fast = bytes.withUnsafeBufferPointer { matcher($0) }
                if fast != RegexCache.regexMatches(text, pattern) {
                    XCTFail("\(pattern) on \(text.debugDescription): matcher \(fast)")
                }
            }
        }
    }

    /// Outside printable ASCII, `^`, `$` and `.` do not mean plain start, end
    /// and any byte (ICU's `$` matches before a final line terminator; `.`
    /// does not match one), so `matches` must ask the regex.
    func testOtherTextFallsBackToTheRegex() throws {
        let number = #"^[+-]?[0-9]+(\.[0-9]+)?$"#
        let braces = #"^\{\{.*\}\}$"#
        let numberMatcher = try XCTUnwrap(FastPatterns.matchers[number])
        var withNewline = "123\n"
        XCTAssertFalse(withNewline.withUTF8 { numberMatcher($0) }, "the matcher alone says no")
        XCTAssertTrue(RegexCache.regexMatches(withNewline, number), "ICU's $ matches before a final newline")
        XCTAssertTrue(RegexCache.matches(withNewline, number))
        XCTAssertTrue(RegexCache.matches("123\r\n", number))
        XCTAssertTrue(RegexCache.matches("{{x}}\n", braces))
        XCTAssertFalse(RegexCache.matches("{{a\nb}}", braces), "`.` does not match a newline")
        XCTAssertFalse(RegexCache.matches("1\n2", number))

        let extras = ["\n", "\r\n", "\r", "\t", "\u{85}", "\u{2028}", "é", "٣", "😀", "\u{7F}", "\0"]
        var rng = SeededRandom(seed: 0xFA11)
        for (pattern, matcher) in FastPatterns.matchers {
            for _ in 0..<300 {
                var chars = Array(Self.sample(&rng))
                for _ in 0..<rng.int(in: 1...2) {
                    chars.insert(Character(rng.pick(extras)), at: rng.chance(50) ? chars.count : rng.below(chars.count + 1))
                }
                var text = String(chars)
                XCTAssertFalse(FastText.isPrintableASCII(text))
                let expected = RegexCache.regexMatches(text, pattern)
                XCTAssertEqual(RegexCache.matches(text, pattern), expected, "\(pattern) on \(text.debugDescription)")
                _ = text.withUTF8 { matcher($0) }  // never traps, whatever the bytes
            }
        }
    }
}
