import Foundation
import XCTest
@testable import HydrousAudit

/// The line-keeping JSON parser: values, lines, escapes, limits, errors.
final class FilesLocatedJSONTests: XCTestCase {
    func testValuesAndLines() throws {
        let text = """
        {
          "a": "x",
          "b": [1, -2.5e3,
                true],
          "c": {"d": null},
          "e": "\\u00e9\\n\\ud83d\\ude00"
        }
        """
        let json = try LocatedJSON.parse(text, file: "t.json", firstLine: 10)
        XCTAssertEqual(json.line, 10)
        XCTAssertEqual(json["a"]?.string, "x")
        XCTAssertEqual(json["a"]?.line, 11)
        XCTAssertEqual(json["b"]?.array?.map(\.line), [12, 12, 13])
        XCTAssertEqual(json["b"]?.array?.first?.int, 1)
        XCTAssertEqual(json["b"]?.array?[1].string, "-2.5e3")
        XCTAssertEqual(json["b"]?.array?[2].bool, true)
        XCTAssertEqual(json["c"]?["d"]?.value, .null)
        XCTAssertEqual(json["e"]?.string, "é\n😀")
        XCTAssertEqual(json["A"]?.string, "x", "lookup falls back to a case-insensitive key")
        XCTAssertEqual(json.members?.map(\.key), ["a", "b", "c", "e"], "member order is kept")
        XCTAssertEqual(try LocatedJSON.parse(json.compactText, file: "t").compactText, json.compactText)
    }

    private func assertMalformed(_ text: String, line expected: Int, contains fragment: String,
                                 file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try LocatedJSON.parse(text, file: "x.json"), file: file, line: lineNumber) { error in
            guard case let FileSourceError.malformedJSON(name, line, reason)? = error as? FileSourceError else {
                return XCTFail("unexpected \(error)", file: file, line: lineNumber)
            }
            XCTAssertEqual(name, "x.json", file: file, line: lineNumber)
            XCTAssertEqual(line, expected, file: file, line: lineNumber)
            XCTAssertTrue(reason.contains(fragment), "\(reason)", file: file, line: lineNumber)
            XCTAssertTrue(error.localizedDescription.hasPrefix("x.json:\(expected):"), file: file, line: lineNumber)
        }
    }

    func testErrorsNameTheLine() {
        assertMalformed("{\n  \"a\": 1,\n  \"b\": \n", line: 4, contains: "ends too early")
        assertMalformed("{\n  \"a\": [1, 2\n", line: 3, contains: "never closed")
        assertMalformed("{\n  \"a\": \"open\n}", line: 2, contains: "unterminated")
        assertMalformed("{\n \"a\" 1}", line: 2, contains: "expected ':'")
        assertMalformed("{\"a\": tru}", line: 1, contains: "unexpected")
        assertMalformed("{}\n}", line: 2, contains: "after the end")
        assertMalformed("", line: 1, contains: "empty")
        assertMalformed("[1,]", line: 1, contains: "unexpected ']'")
        assertMalformed("{\"a\": \"\\q\"}", line: 1, contains: "unknown escape")
        assertMalformed("{\"a\": -}", line: 1, contains: "digits")
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        assertMalformed(text, line: 1, contains: "deeper than \(LocatedJSON.defaultMaxDepth)")
        let objects = String(repeating: "{\"a\":\n", count: depth) + "1" + String(repeating: "}", count: depth)
        assertMalformed(objects, line: LocatedJSON.defaultMaxDepth + 2, contains: "deeper")
        XCTAssertNoThrow(try LocatedJSON.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100), file: "ok"))
    }

    func testDeeplyNestedJSONFileIsAnErrorWithFileAndLine() throws {
        let directory = try FilesFixtures.temporaryDirectory(self)
        let path = directory.appendingPathComponent("deep.json").path
        try (String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FileSource().read(paths: [path])) { error in
            XCTAssertTrue(error.localizedDescription.hasPrefix("\(path):1: JSON not understood"), error.localizedDescription)
        }
    }

    func testHugeFileIsRefused() throws {
        let directory = try FilesFixtures.temporaryDirectory(self)
        let path = directory.appendingPathComponent("big.json").path
        try String(repeating: " ", count: 2_000).write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FileSource(maxBytes: 1_000).read(paths: [path])) { error in
            XCTAssertEqual(error as? FileSourceError, .tooLarge(file: path, bytes: 2_000, limit: 1_000))
        }
    }
}
