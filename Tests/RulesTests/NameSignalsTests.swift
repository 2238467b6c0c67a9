import XCTest
@testable import Rules
import TestSupport

/// The detector upper-cases its name signals once (it did for every value):
/// on random signal lists (mixed case, `ß`, duplicates) and random names,
/// `nameSignals` must give what the per-value upper-casing gave, in order.
final class NameSignalsTests: XCTestCase {
    func testNameSignalsAreThoseOfThePerValueUpperCasing() throws {
        var random = SeededRandom(seed: 0x51_6A15)
        let vocabulary = ["password", "Secret", "TOKEN", "key", "straße", "STRASSE", "pass", "db", "url", "Api", "é"]
        for _ in 0..<200 {
            let signals = (0..<random.int(in: 0...6)).map { _ in random.pick(vocabulary) }
            let base = SecretPatterns.default
            let patterns = SecretPatterns(
                nameSignals: signals, nameSignalPairs: base.nameSignalPairs, notSecretSuffixes: base.notSecretSuffixes,
                notSecretPrefixes: base.notSecretPrefixes, notSecretContains: base.notSecretContains, valueShapes: []
            )
            let detector = try SecretDetector(patterns: patterns)
            for _ in 0..<100 {
                let words = (0..<random.int(in: 0...4)).map { _ in random.pick(vocabulary).uppercased() }
                var old: [String] = []
                for signal in signals where words.contains(signal.uppercased()) {
                    old.append(SecretSignal.namePrefix + signal.uppercased())
                }
                for pair in detector.signalPairs where NameWords.contains(words, pair) {
                    old.append(SecretSignal.namePrefix + pair.joined(separator: "_"))
                }
                XCTAssertEqual(detector.nameSignals(words), old, "\(signals) \(words)")
            }
        }
    }
}
