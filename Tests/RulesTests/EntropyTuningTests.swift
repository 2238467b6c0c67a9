import XCTest
@testable import Rules

/// Measures the entropy tuning on deterministic pseudo-random samples
/// (SplitMix64 with a fixed seed: same numbers on every machine).
final class EntropyTuningTests: XCTestCase {
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func string(_ length: Int, from alphabet: [Character]) -> String {
            String((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
        }
    }

    static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    static let hex = Array("0123456789abcdef")
    let detector = SecretDetector()

    func rate(_ count: Int, _ make: (inout SplitMix64) -> String, name: String) -> Double {
        var rng = SplitMix64(state: 20_260_101)
        let fired = (0..<count).filter { _ in detector.classify(name: name, value: make(&rng)).isSecret }.count
        return Double(fired) / Double(count)
    }

    func testRandomBase64KeysAreCaught() {
        let caught = rate(2000, { $0.string(32, from: Self.base64) }, name: "INNOCENT")
        XCTAssertGreaterThanOrEqual(caught, 0.98, "random 32-char base64 caught \(caught)")
        let caught40 = rate(2000, { $0.string(40, from: Self.base64) }, name: "INNOCENT")
        XCTAssertGreaterThanOrEqual(caught40, 0.99, "random 40-char base64 caught \(caught40)")
    }

    func testGitSHAsAndUUIDsNeverFire() {
        XCTAssertEqual(rate(2000, { $0.string(40, from: Self.hex) }, name: "GIT_SHA"), 0)
        XCTAssertEqual(rate(2000, { $0.string(40, from: Self.hex) }, name: "COMMIT"), 0)
        XCTAssertEqual(rate(500, { rng in
            [8, 4, 4, 4, 12].map { rng.string($0, from: Self.hex) }.joined(separator: "-")
        }, name: "REQUEST"), 0)
    }
}
