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
    /// Shannon entropy of `value` in bits per character.
    static func bitsPerCharacter(_ value: String) -> Double {
        var counts: [Character: Int] = [:]
        for char in value { counts[char, default: 0] += 1 }
        let total = Double(value.count)
        return counts.values.reduce(0.0) { sum, count in
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    /// True when `value` looks like a random key under `settings`.
    static func looksRandom(_ value: String, _ settings: EntropySettings) -> Bool {
        guard value.count >= settings.minLength,
              RegexCache.matches(value, #"^[A-Za-z0-9+/=_-]+$"#),
              !RegexCache.matches(value, #"^[0-9a-fA-F-]+$"#),
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

    /// Many vowels among the letters and few changes of character class: words, not noise.
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
