import XCTest
@testable import Rules
import TestSupport

/// `NameWords.splitASCII` (bytes) against `splitCharacters`, the Character
/// path every name took before, on seeded random ASCII names.
final class NameWordsTests: XCTestCase {
    static let pieces = SeededRandom.pieces("abcxyzABCXYZ0189_-./:[] ") + ["JWT", "Secret", "KEY", "url", "V2", "ID", "\t", "\r\n", "~"]

    func testASCIIPathIsTheCharacterPath() {
        let fixed = ["", "_", "JWT_SECRET_KEY", "jwtSecretKey", "--master-user-password", "JWTSecret", "a1B2c3", "ABCdef",
                     "aB", "Ab", "AB", "abC", "ABc", "x[0].y:z/w", "A\r\nB", "a\r\nb", "  ", "9A", "A9b", "a-B_c.D e"]
        var rng = SeededRandom(seed: 0x3A3E)
        var names = fixed
        for _ in 0..<20_000 { names.append(rng.string(rng.int(in: 0...16), from: Self.pieces)) }
        for name in names {
            XCTAssertEqual(NameWords.splitASCII(name), NameWords.splitCharacters(name), name.debugDescription)
        }
        XCTAssertEqual(NameWords.split("JWTSecretKey"), ["JWT", "SECRET", "KEY"])
    }

    /// Names with other characters keep the Character path.
    func testOtherNamesTakeTheCharacterPath() {
        for name in ["clé_API", "ÉtéSecret", "naïveKey", "ΑΒΓδε", "x\u{301}Y"] {
            XCTAssertEqual(NameWords.split(name), NameWords.splitCharacters(name), name)
        }
        XCTAssertEqual(NameWords.split("cléAPI"), ["CLÉ", "API"])
    }
}
