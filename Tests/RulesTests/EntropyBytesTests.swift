import Foundation
import XCTest
@testable import Rules
import TestSupport

/// `Entropy.looksRandom` (bytes) against the Character-based implementation
/// it replaced (copied below from `git show 1c5676f~1:Sources/Rules/Secrets/Entropy.swift`,
/// with `RegexCache.matches`, then regex-only, as `regexMatches`).
final class EntropyBytesTests: XCTestCase {
    enum Previous {
        static func bitsPerCharacter(_ value: String) -> Double {
            var counts: [Character: Int] = [:]
            for char in value { counts[char, default: 0] += 1 }
            let total = Double(value.count)
            return counts.values.reduce(0.0) { sum, count in
                let p = Double(count) / total
                return sum - p * log2(p)
            }
        }

        static func looksRandom(_ value: String, _ settings: EntropySettings) -> Bool {
            guard value.count >= settings.minLength,
                  RegexCache.regexMatches(value, #"^[A-Za-z0-9+/=_-]+$"#),
                  !RegexCache.regexMatches(value, #"^[0-9a-fA-F-]+$"#),
                  !isWordLike(value, settings) else { return false }
            let classes = [
                value.contains(where: { $0.isLowercase }), value.contains(where: { $0.isUppercase }),
                value.contains(where: { $0.isNumber }),
            ].filter { $0 }.count
            let bits = bitsPerCharacter(value)
            switch classes {
            case 3: return bits >= settings.minBitsThreeClasses
            case 2: return bits >= settings.minBitsTwoClasses
            default: return false
            }
        }

        static func isWordLike(_ value: String, _ settings: EntropySettings) -> Bool {
            let letters = value.filter { $0.isLetter }
            guard !letters.isEmpty else { return false }
            let vowels = letters.filter { "aeiouAEIOU".contains($0) }.count
            let chars = Array(value)
            var changes = 0
            for index in 1..<chars.count where characterClass(chars[index]) != characterClass(chars[index - 1]) {
                changes += 1
            }
            let vowelRatio = Double(vowels) / Double(letters.count)
            let transitionRate = Double(changes) / Double(max(1, chars.count - 1))
            return vowelRatio >= settings.wordVowelRatio && transitionRate <= settings.wordTransitionRate
        }

        static func characterClass(_ char: Character) -> Int {
            if char.isLowercase { return 0 }
            if char.isUppercase { return 1 }
            if char.isNumber { return 2 }
            return 3
        }
    }

    /// Alphabets that land on both sides of each test: all classes, two
    /// classes, hex, vowel-heavy words, a few symbols.
    static let alphabets = [
        SeededRandom.pieces("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
        SeededRandom.pieces("abcdefghijklmnopqrstuvwxyz0123456789"),
        SeededRandom.pieces("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        SeededRandom.pieces("0123456789abcdef-"),
        ["Pro", "duct", "ion", "Ser", "vice", "East", "1", "-", "_", "v2", "Aa", "eu", "io"],
        SeededRandom.pieces("aB3=_-+/"),
        SeededRandom.pieces("AB12ab"),
    ]

    func testBytesAgreeWithCharacters() {
        var rng = SeededRandom(seed: 0xE47)
        let settings = EntropySettings()
        var fired = 0
        let count = 5_000
        for _ in 0..<count {
            let alphabet = rng.pick(Self.alphabets)
            var value = ""
            let length = rng.int(in: 15...60)
            while value.count < length { value += rng.pick(alphabet) }
            value = String(value.prefix(length))
            let fast = Entropy.looksRandom(value, settings)
            XCTAssertEqual(fast, Previous.looksRandom(value, settings), value)
            if fast { fired += 1 }
            let bits = Entropy.bitsPerCharacter(Array(value.utf8)), previous = Previous.bitsPerCharacter(value)
            XCTAssertEqual(bits, previous, accuracy: 1e-12, value)
            for threshold in [settings.minBitsThreeClasses, settings.minBitsTwoClasses] {
                XCTAssertEqual(bits >= threshold, previous >= threshold, "\(value): \(bits) vs \(previous) at \(threshold)")
            }
            XCTAssertEqual(Entropy.isWordLike(Array(value.utf8), settings), Previous.isWordLike(value, settings), value)
        }
        XCTAssertGreaterThan(fired, count / 10, "too few random-looking samples")
        XCTAssertLessThan(fired, count - count / 10, "too few non-random samples")
        // Summation order differs (the previous one followed the dictionary's,
        // which changes per run): sums differ in the last place for about
        // 40% of samples, never across a threshold here.
    }

    /// An entropy exactly on the three-class threshold (3.5 bits: 8 symbols
    /// twice, 4 symbols four times in 32): sums of exact powers of two, so
    /// both implementations reach exactly 3.5 and fire (`>=`).
    func testExactlyOnTheThresholdFiresInBoth() {
        let value = "aabbAABB1122ccCCzzzz9999QQQQ0000"
        XCTAssertEqual(Entropy.bitsPerCharacter(Array(value.utf8)), 3.5)
        XCTAssertEqual(Previous.bitsPerCharacter(value), 3.5)
        let settings = EntropySettings()
        XCTAssertTrue(Entropy.looksRandom(value, settings))
        XCTAssertTrue(Previous.looksRandom(value, settings))
    }

    /// Values the token regex lets through with a final `\n` or `\r` (ICU's `$`
    /// matches before it) agree too. A final `\r\n` does not: one Character
    /// but two bytes, so length and entropy differ (`"C+BAptvBFlk/MYEioXPd\r\n"`
    /// with `minLength` 21: bytes fire, Characters do not). `classify` trims
    /// line breaks first, so the detector never asks about such a value.
    func testFinalLineBreaks() {
        var rng = SeededRandom(seed: 0xE48)
        var settings = EntropySettings()
        settings.minLength = 21
        for _ in 0..<2_000 {
            let value = rng.string(20, from: Self.alphabets[0]) + rng.pick(["\n", "\r"])
            XCTAssertEqual(Entropy.looksRandom(value, settings), Previous.looksRandom(value, settings), value.debugDescription)
        }
        let detector = SecretDetector()
        for value in ["C+BAptvBFlk/MYEioXPd", "C+BAptvBFlk/MYEioXPd\r\n", "\tC+BAptvBFlk/MYEioXPd\n"] {
            XCTAssertEqual(detector.classify(name: "X", value: value), detector.classify(name: "X", value: "C+BAptvBFlk/MYEioXPd"))
        }
    }
}
