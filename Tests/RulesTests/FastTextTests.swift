import Foundation
import XCTest
@testable import Rules
import TestSupport

/// `FastText`'s byte-level helpers against the Foundation calls they replace,
/// on seeded random text mixing ASCII with Unicode spaces, line breaks,
/// combining marks and multi-byte characters.
final class FastTextTests: XCTestCase {
    /// Spaces and line breaks Foundation trims, and characters it does not.
    static let spaces = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}",
                         "\u{2028}", "\u{2029}", "\u{200B}", "\u{FEFF}", "\u{1680}", "\u{202F}"]
    static let others = SeededRandom.pieces("aAbBzZ09:/@._-") + ["é", "e\u{301}", "\u{301}", "ß", "İ", "\u{212A}", "😀", "ﬃ", "\0"]

    static func text(_ rng: inout SeededRandom, maxLength: Int = 12) -> String {
        var text = ""
        for _ in 0..<rng.int(in: 0...maxLength) { text += rng.chance(40) ? rng.pick(spaces) : rng.pick(others) }
        return text
    }

    /// UTF-8 offsets of a range (indices of different views compare by offset).
    static func offsets(_ range: Range<String.Index>?, in text: String) -> Range<Int>? {
        range.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound) }
    }

    func testTrimmedIsTrimmingCharacters() {
        let fixed = ["", " ", "\t", "\n", "\u{A0}", "\u{2003}x\u{3000}", "\u{A0}a b\u{A0}", "a", "ab", " a", "a ", "\ta\n",
                     "\u{85}x\u{2028}", "\u{200B}x\u{FEFF}", " \u{301}x", "x\u{301} ", "\r\n", "é", "a\u{3000}"]
        var rng = SeededRandom(seed: 0x7E1)
        for text in fixed + (0..<20_000).map({ _ in Self.text(&rng) }) {
            XCTAssertEqual(FastText.trimmed(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
            XCTAssertEqual(FastText.trimmed(text, newlines: true), text.trimmingCharacters(in: .whitespacesAndNewlines),
                           text.debugDescription)
        }
    }

    func testIsPrintableASCII() {
        XCTAssertTrue(FastText.isPrintableASCII(""))
        XCTAssertTrue(FastText.isPrintableASCII(" ~azAZ09"))
        for text in ["\t", "a\n", "\u{7F}", "é", "\0", "\u{1F}"] { XCTAssertFalse(FastText.isPrintableASCII(text), text.debugDescription) }
    }

    /// Foundation refuses a match that a combining mark follows; the byte
    /// search found one (found by `testRangeOfIsStringRangeOf`).
    func testRangeOfRefusesAMatchACombiningMarkFollows() {
        XCTAssertNil("a://\u{301}x".range(of: "://"))
        XCTAssertNil(FastText.range(of: "://", in: "a://\u{301}x"))
        XCTAssertNil(URLParts("redis://\u{301}:pw@cache.internal:6379"), "as before: not parsed as a URL")
        XCTAssertEqual(Self.offsets(FastText.range(of: "://", in: "redis://h"), in: "redis://h"), 5..<8)
    }

    func testRangeOfIsStringRangeOf() {
        let needles = ["://", ":", "a", "ab", "Ab", "/@", "\r", "\n", "\r\n", "e", "é", "\u{301}", " "]
        var rng = SeededRandom(seed: 0x5EA)
        for _ in 0..<20_000 {
            let needle = rng.pick(needles)
            var text = Self.text(&rng)
            if rng.chance(40) { text = text.unicodeScalars.filter(\.isASCII).map(String.init).joined() }
            if rng.chance(50) { text.insert(contentsOf: needle, at: text.index(text.startIndex, offsetBy: rng.below(text.count + 1))) }
            let fast = Self.offsets(FastText.range(of: needle, in: text), in: text)
            let foundation = Self.offsets(text.range(of: needle), in: text)
            XCTAssertEqual(fast, foundation, "\(needle.debugDescription) in \(text.debugDescription)")
        }
    }

    func testRangeIgnoringCaseIsCaseInsensitiveRangeOf() {
        let needles = ["a", "AB", "b:", "z0", "Zz", "@.", "\r", "\n", "\r\n", "é", "ß", "ss", "k", "i"]
        var rng = SeededRandom(seed: 0xCA5E)
        for _ in 0..<20_000 {
            let needle = rng.pick(needles)
            var text = Self.text(&rng)
            if rng.chance(30) { text = text.unicodeScalars.filter(\.isASCII).map(String.init).joined() }
            if rng.chance(50) {
                let cased = rng.chance(50) ? needle.uppercased() : needle.lowercased()
                text.insert(contentsOf: cased, at: text.index(text.startIndex, offsetBy: rng.below(text.count + 1)))
            }
            let start = text.index(text.startIndex, offsetBy: rng.below(text.count + 1))
            let fast = Self.offsets(FastText.rangeIgnoringCase(of: needle, in: text, from: start), in: text)
            let foundation = Self.offsets(text.range(of: needle, options: .caseInsensitive, range: start..<text.endIndex), in: text)
            XCTAssertEqual(fast, foundation, "\(needle.debugDescription) in \(text.debugDescription) from \(start.utf16Offset(in: text))")
        }
    }

    func testContainsIgnoringASCIICase() {
        func reference(_ text: String, _ keyword: [UInt8]) -> Bool {
            func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
            let bytes = text.utf8.map(lower)
            guard !keyword.isEmpty else { return true }
            guard bytes.count >= keyword.count else { return false }
            return (0...(bytes.count - keyword.count)).contains { Array(bytes[$0..<($0 + keyword.count)]) == keyword }
        }
        let keywords = ["akia", "eyj", "private key-----", "ghp_", "xox", "k_live_", "a", "", "é", "z0"].map { Array($0.utf8) }
        var rng = SeededRandom(seed: 0xC0DE)
        for _ in 0..<20_000 {
            let keyword = rng.pick(keywords)
            var text = Self.text(&rng)
            if rng.chance(50) {
                let cased = String(decoding: keyword, as: UTF8.self)
                text += rng.chance(50) ? cased.uppercased() : cased
                if rng.chance(30), !text.isEmpty { text.removeLast() }
            }
            XCTAssertEqual(FastText.containsIgnoringASCIICase(text, keyword), reference(text, keyword),
                           "\(String(decoding: keyword, as: UTF8.self)) in \(text.debugDescription)")
        }
        XCTAssertTrue(FastText.containsIgnoringASCIICase("xxAkIaYY", Array("akia".utf8)))
        XCTAssertFalse(FastText.containsIgnoringASCIICase("\u{212A}EY", Array("key".utf8)), "only ASCII letters fold")
    }

    func testContainsByteIsUTF8Contains() {
        let samples = ["", "@", "user@host", "postgresql://app:pw@db:5432/x", "no at sign", "caf\u{E9}@x", "\u{FF20}", "@\u{301}",
                       String(repeating: "a", count: 40) + "@", "a\0@"]
        for text in samples {
            for byte: UInt8 in [0x40, 0x61, 0x00, 0xC3, 0xEF] {
                XCTAssertEqual(FastText.containsByte(text, byte), text.utf8.contains(byte), "\(text) \(byte)")
            }
        }
        // A bridged (non-native) string takes the fallback path.
        let bridged = NSString(string: "x@y") as String
        XCTAssertTrue(FastText.containsByte(bridged, 0x40))
    }

    /// Credentials sit before an `@`: a value without one has none (the
    /// shortcut `URLCredentials.find` takes), fullwidth `＠` included.
    func testURLCredentialsNeedAnAtSign() {
        XCTAssertNil(URLCredentials.find(in: "postgresql://app:pw\u{FF20}db.internal:5432/x"))
        XCTAssertNil(URLCredentials.find(in: "redis://cache.internal:6379/0"))
        XCTAssertEqual(URLCredentials.find(in: "redis://:r3d1s-Pass-991@cache.internal:6379/0")?.password, "r3d1s-Pass-991")
        XCTAssertEqual(URLCredentials.find(in: "postgresql://app:p\u{E9}ss@db.internal/x")?.password, "p\u{E9}ss")
    }

    /// The byte set never rules out a keyword the text holds, and does rule out some.
    func testFoldedBytesNeverRuleOutAKeywordTheTextHolds() {
        var rng = SeededRandom(seed: 0xB17E5)
        let pieces = ["a", "K", "I", "A", "x", "o", "_", "e", "y", "J", "-", "é", "\u{212A}", "0", " ", "live", "AKIA", "eyJ"]
        let keywords = ["akia", "asia", "eyj", "ghp_", "xox", "k_live_", "private key-----"].map { Array($0.utf8) }
        var ruledOut = 0, held = 0
        for _ in 0..<5_000 {
            let text = rng.string(rng.int(in: 0...12), from: pieces)
            let bytes = FastText.FoldedBytes(text)
            for keyword in keywords {
                let contains = FastText.containsIgnoringASCIICase(text, keyword)
                if contains { held += 1 }
                if !bytes.mayContain(keyword) {
                    ruledOut += 1
                    XCTAssertFalse(contains, "\(text.debugDescription) holds \(String(decoding: keyword, as: UTF8.self))")
                }
            }
        }
        XCTAssertGreaterThan(held, 100, "the samples hold keywords")
        XCTAssertGreaterThan(ruledOut, 10_000, "and the set rules most out")
    }
}
