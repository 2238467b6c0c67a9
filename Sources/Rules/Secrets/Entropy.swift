import Foundation

/// Decides whether a long value under an innocent name looks random.
///
/// Plain Shannon entropy does not separate keys from long identifiers (a
/// random 32-character base64 key scores 3.9–4.9 bits per character,
/// `hydrous-backend-service-production-east1` 4.1), so the test combines:
/// only token alphabets (`A–Z a–z 0–9 + / = _ -`, so no host names, URLs,
/// ARNs, image references or sentences); never pure hex or UUIDs (git SHAs,
/// digests, ids); not word-like (many vowels and few case/digit changes,
/// as in `MyApplicationName-Production-v1`); then a bits-per-character
/// threshold that depends on how many of lower/upper/digit appear.
enum Entropy {
    static let tokenAlphabet = RegexCache.Pattern(#"^[A-Za-z0-9+/=_-]+$"#)
    static let hexOrUUID = RegexCache.Pattern(#"^[0-9a-fA-F-]+$"#)

    /// True when `value` looks like a random key under `settings`.
    static func looksRandom(_ value: String, _ settings: EntropySettings) -> Bool {
        // The token alphabet is ASCII, so past the first test bytes are characters.
        guard tokenAlphabet.matches(value),
              value.utf8.count >= settings.minLength,
              !hexOrUUID.matches(value) else { return false }
        let bytes = Array(value.utf8)
        guard !isWordLike(bytes, settings) else { return false }
        let classes = [
            bytes.contains { asciiClass($0) == 0 }, bytes.contains { asciiClass($0) == 1 }, bytes.contains { asciiClass($0) == 2 },
        ].filter { $0 }.count
        let bits = bitsPerCharacter(bytes)
        switch classes {
        case 3: return bits >= settings.minBitsThreeClasses
        case 2: return bits >= settings.minBitsTwoClasses
        default: return false
        }
    }

    /// Shannon entropy of ASCII `bytes` in bits per byte.
    static func bitsPerCharacter(_ bytes: [UInt8]) -> Double {
        var counts = [Int](repeating: 0, count: 128)
        for byte in bytes { counts[Int(byte & 0x7F)] += 1 }
        let total = Double(bytes.count)
        // Summed in byte order, so the result is the same on every run.
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    /// Many vowels among the letters and few changes of character class: words, not noise (ASCII bytes).
    /// Counted in one pass, vowels by a bit mask: filtering the letters and
    /// searching "aeiouAEIOU" for each cost ~7,000 instructions a value.
    static func isWordLike(_ bytes: [UInt8], _ settings: EntropySettings) -> Bool {
        var letters = 0, vowels = 0
        for byte in bytes where asciiClass(byte) <= 1 {
            letters += 1
            // Bits 1, 5, 9, 15 and 21: a, e, i, o, u (upper case folded by | 0x20).
            if (UInt32(1) << UInt32((byte | 0x20) & 0x1F)) & 0x0020_8222 != 0 { vowels += 1 }
        }
        guard letters > 0 else { return false }
        var changes = 0
        for index in 1..<bytes.count where asciiClass(bytes[index]) != asciiClass(bytes[index - 1]) {
            changes += 1
        }
        let vowelRatio = Double(vowels) / Double(letters)
        let transitionRate = Double(changes) / Double(max(1, bytes.count - 1))
        return vowelRatio >= settings.wordVowelRatio && transitionRate <= settings.wordTransitionRate
    }

    /// 0 lower-case letter, 1 upper-case letter, 2 digit, 3 anything else (ASCII).
    static func asciiClass(_ byte: UInt8) -> Int {
        if byte >= 0x61 && byte <= 0x7A { return 0 }
        if byte >= 0x41 && byte <= 0x5A { return 1 }
        if byte >= 0x30 && byte <= 0x39 { return 2 }
        return 3
    }
}
