import Digests
import Inventory
import XCTest
@testable import Rules
import TestSupport

/// Fingerprints, evidence hashes and masks are now built on bytes (they went
/// through joined strings, a 64-digit hex string and an array of characters):
/// on random text, ASCII or not, they must equal the old formulas, kept here.
final class DigestPrefixTests: XCTestCase {
    private static let pieces = ["a", "Z", "0", "_", "-", ":", "/", " ", "\u{1F}", "\r\n", "\n", "é", "e\u{301}", "😀", "€", "«", "»", "\u{0}"]

    func testFingerprintsEvidenceAndMasksMatchTheOldFormulas() {
        var random = SeededRandom(seed: 0xD16E_57)
        for _ in 0..<20_000 {
            var parts = (0..<5).map { _ in random.string(random.int(in: 0...12), from: Self.pieces) }
            if random.chance(50) { parts = parts.map { $0.filter { $0.isASCII && !$0.isNewline && $0 != "\u{0}" && $0 != "\u{1F}" } } }
            let resource = ResourceRef(type: parts[1], id: parts[2])
            XCTAssertEqual(
                Finding.fingerprint(ruleId: parts[0], resource: resource, detail: parts[3]),
                String(Digest.sha256Hex([parts[0], parts[1], parts[2], parts[3]].joined(separator: "\u{1F}")).prefix(16)))
            let evidence = SecretEvidence(variable: parts[0], value: parts[4])
            XCTAssertEqual(evidence.sha256, String(Digest.sha256Hex(parts[4]).prefix(8)))
            let chars = Array(parts[4])
            let oldMask = chars.count >= 8 ? String(chars.prefix(2)) + "…" + String(chars.suffix(2)) : "…"
            XCTAssertEqual(evidence.preview, oldMask, parts[4])
            let digits = random.int(in: 0...64)
            XCTAssertEqual(Digest.sha256Hex(parts[4], digits: digits), String(Digest.sha256Hex(parts[4]).prefix(digits)))
        }
    }
}
