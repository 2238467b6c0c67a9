@testable import Rules
import TestSupport
import XCTest

/// `ServiceDependencies.mentions` has a byte path for ASCII text
/// (`asciiMentions`); on random text and words it must answer as the
/// character path does, and leave other text (non-ASCII, carriage returns) to it.
final class MentionsBytesTests: XCTestCase {
    func testBytePathAnswersAsTheCharacterPath() {
        var random = SeededRandom(seed: 0x3E_471_0)
        let pieces = ["hydrous-db", "HYDROUS-DB", "db", "-", "_", ".", ":", "/", " ", "x", "1", "@", "\n", "hydrous", "Db"]
        let words = ["hydrous-db", "db", "Hydrous", "d", "-", "x1", "hydrous-db.x"]
        var checked = 0
        for _ in 0..<4_000 {
            let text = (0..<random.int(in: 0...8)).map { _ in random.pick(pieces) }.joined()
            let word = random.pick(words)
            guard let fast = ServiceDependencies.asciiMentions(text, word: word) else {
                XCTFail("ASCII text without a carriage return must take the byte path: \(text.debugDescription)")
                continue
            }
            XCTAssertEqual(fast, ServiceDependencies.characterMentions(text, word: word), "\(text.debugDescription) / \(word)")
            checked += fast ? 1 : 0
        }
        XCTAssertGreaterThan(checked, 200, "the random texts must mention the words often")
    }

    func testOtherTextTakesTheCharacterPath() {
        XCTAssertNil(ServiceDependencies.asciiMentions("caf\u{E9} hydrous-db", word: "hydrous-db"))
        XCTAssertNil(ServiceDependencies.asciiMentions("a\r\nhydrous-db", word: "hydrous-db"))
        XCTAssertTrue(ServiceDependencies.mentions("caf\u{E9} hydrous-db", word: "hydrous-db"))
        XCTAssertFalse(ServiceDependencies.mentions("\u{E9}hydrous-db", word: "hydrous-db"), "é is a letter: glued to the word")
        XCTAssertTrue(ServiceDependencies.mentions("postgres://u@HYDROUS-DB.x:5432", word: "hydrous-db"))
        XCTAssertFalse(ServiceDependencies.mentions("hydrous-db2.x", word: "hydrous-db"))
    }
}
