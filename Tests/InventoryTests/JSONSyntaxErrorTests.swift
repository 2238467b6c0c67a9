import Foundation
@testable import Inventory
import XCTest

/// Foundation's JSON parsers on Linux say only "The given data was not valid
/// JSON."; the snapshot parser says where (line, column) and why.
final class JSONSyntaxErrorTests: XCTestCase {
    struct Case {
        let text: String
        let line: Int
        let column: Int
        let says: String
    }

    static let cases: [Case] = [
        Case(text: "", line: 1, column: 1, says: "ends where a value should be"),
        Case(text: "{\"a\": tru}", line: 1, column: 7, says: "not a JSON value"),
        Case(text: "{\"a\": True}", line: 1, column: 7, says: "not a JSON value"),
        Case(text: "{\n  \"a\": 1\n  \"b\": 2\n}", line: 3, column: 3, says: "expected ',' or '}', found '\"'"),
        Case(text: "{\"a\": 1,,}", line: 1, column: 9, says: "expected a quoted key, found ','"),
        Case(text: "{,}", line: 1, column: 2, says: "expected a quoted key, found ','"),
        Case(text: "[1,,2]", line: 1, column: 4, says: "expected a value, found ','"),
        Case(text: "[1, 2", line: 1, column: 6, says: "the text ends where ',' or ']' should be"),
        Case(text: "[1 2]", line: 1, column: 4, says: "expected ',' or ']', found '2'"),
        Case(text: "{\"a\" 1}", line: 1, column: 6, says: "expected ':' after the key, found '1'"),
        Case(text: "{\"a\": 01}", line: 1, column: 7, says: "may not start with 0"),
        Case(text: "{\"a\": 1.}", line: 1, column: 9, says: "a digit after '.'"),
        Case(text: "{\"a\": 1e}", line: 1, column: 9, says: "a digit in the exponent"),
        Case(text: "{\"a\": -}", line: 1, column: 8, says: "expected a digit"),
        Case(text: "{\"a\": x}", line: 1, column: 7, says: "strings need double quotes"),
        Case(text: "{\"a\":\n  \"never closed}", line: 2, column: 3, says: "never closed"),
        Case(text: "{\"a\": \"x\\qy\"}", line: 1, column: 9, says: "\\q is not a JSON escape"),
        Case(text: "{\"a\": \"\\ud800\"}", line: 1, column: 8, says: "\\ud800 is half of a UTF-16 pair"),
        Case(text: "{\"a\": \"\\udc00\"}", line: 1, column: 8, says: "\\udc00 is half of a UTF-16 pair"),
        Case(text: "{\"a\": \"\\ud800\\u0041\"}", line: 1, column: 8, says: "half of a UTF-16 pair"),
        Case(text: "{\"a\": \"\\u12\"}", line: 1, column: 12, says: "4 hex digits after \\u"),
        Case(text: "{\"a\": \"tab\there\"}", line: 1, column: 11, says: "control character"),
        Case(text: "{\"é\": 1} x", line: 1, column: 10, says: "more text after the end"),
        Case(text: "\u{FEFF}{} x", line: 1, column: 5, says: "more text after the end"),
        Case(text: "\u{1}", line: 1, column: 1, says: "expected a value, found byte 0x1"),
    ]

    func testEachErrorHasItsPlaceAndReason() throws {
        for item in Self.cases {
            let data = Data(item.text.utf8)
            let error = try XCTUnwrap(JSONSyntaxError.first(in: data), "no error found in \(item.text.debugDescription)")
            let (line, column) = error.position(in: data)
            XCTAssertEqual("\(line):\(column)", "\(item.line):\(item.column)", "\(item.text.debugDescription): \(error.reason)")
            XCTAssertTrue(error.reason.contains(item.says), "\(item.text.debugDescription): \(error.reason)")
        }
    }

    func testWhatFoundationTakesIsNoSyntaxError() {
        // Valid JSON, and what Foundation's parser takes beyond RFC 8259 (a
        // byte order mark, one trailing comma, invalid UTF-8 in a string): a
        // position is only given for text JSONDecoder rejects too.
        let texts = [
            "{}", "[]", " {\"a\": [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\"]} ", "{\"a\": 1, \"a\": 2}",
            "\u{FEFF}{\"a\": 1}", "{\"a\": [1, 2,],}",
        ]
        for text in texts {
            XCTAssertNil(JSONSyntaxError.first(in: Data(text.utf8)), text)
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)), text)
        }
        XCTAssertNil(JSONSyntaxError.first(in: Data([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D])))  // ["\xC3("]
    }

    func testUTF16AndUTF32AreLeftToFoundation() throws {
        // Found by FuzzJSON: Foundation takes "\0 2a" as UTF-16; the locator read it as UTF-8 and placed an error.
        let texts = [
            Data([0x00, 0x32, 0x61]),
            try XCTUnwrap("{\"a\": [1, 2]}".data(using: .utf16)),  // with a byte order mark
            try XCTUnwrap("{\"a\": 1}".data(using: .utf16LittleEndian)),
            try XCTUnwrap("[true]".data(using: .utf32BigEndian)),
        ]
        for data in texts {
            XCTAssertNil(JSONSyntaxError.first(in: data), "\(Array(data))")
        }
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: texts[1]))
    }

    func testWhatFoundationRejectsIsLocated() {
        for item in Self.cases where !item.text.isEmpty {
            XCTAssertThrowsError(try JSONSerialization.jsonObject(with: Data(item.text.utf8), options: .fragmentsAllowed), item.text)
        }
    }

    func testDeepNestingIsNotCalledASyntaxError() {
        // Valid JSON the fast path declines (JSONDecoder then answers): no position is invented.
        XCTAssertNil(JSONSyntaxError.first(in: Data((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)))
    }

    func testColumnsCountCharactersNotBytes() throws {
        let data = Data("{\"ñandú\": x}".utf8)
        let error = try XCTUnwrap(JSONSyntaxError.first(in: data))
        XCTAssertEqual(error.position(in: data).column, 11)
    }

    func testSnapshotErrorNamesFileLineAndColumn() {
        let data = Data("{\n  \"snapshotVersion\": 1,\n  \"clusters\": [\n}".utf8)
        XCTAssertThrowsError(try Inventory.decode(snapshot: data, file: "snap.json")) { error in
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            XCTAssertTrue(message.hasPrefix("snap.json:4:1: not a valid snapshot: expected a value, found '}'. Fix"), message)
        }
    }

    /// JSONDecoder reads `{"later": 01}` without a word when nothing decodes
    /// `later` (a key of no format version): a snapshot holding text that is
    /// not JSON is refused wherever the text is, with its place.
    func testSyntaxErrorsUnderUnknownKeysAreRefused() throws {
        let base = "{\n  \"snapshotVersion\": 1,\n  \"later\": VALUE\n}"
        let invalid = ["01", "-01", "[1 2]", "{\"a\" 1}", "\"tab\there\""]
        for value in invalid {
            let data = Data(base.replacingOccurrences(of: "VALUE", with: value).utf8)
            XCTAssertThrowsError(try Inventory.decode(snapshot: data, file: "snap.json"), value) { error in
                let message = (error as? LocalizedError)?.errorDescription ?? ""
                XCTAssertTrue(message.hasPrefix("snap.json:3:"), "\(value): \(message)")
            }
        }
        // Valid JSON under an unknown key, and what Foundation accepts beyond RFC 8259, still read.
        for value in ["1", "[1, 2]", "{\"a\": null}", "[1, 2,]"] {
            let data = Data(base.replacingOccurrences(of: "VALUE", with: value).utf8)
            XCTAssertNoThrow(try Inventory.decode(snapshot: data, file: "snap.json"), value)
        }
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(base.replacingOccurrences(of: "VALUE", with: "2").utf8)
        XCTAssertNoThrow(try Inventory.decode(snapshot: bom, file: "snap.json"))
    }
}
