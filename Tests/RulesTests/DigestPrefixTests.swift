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

    /// FIPS 180-2's examples: the hash is computed by SHA256_Init/Update/Final, not the one-shot EVP call.
    func testSHA256KnownAnswers() {
        XCTAssertEqual(Digest.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(Digest.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            Digest.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            Digest.sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        XCTAssertEqual(Digest.sha256Hex("abc", digits: 16), "ba7816bf8f01cfea")
    }

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
