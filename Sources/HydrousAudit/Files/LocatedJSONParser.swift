import Foundation

/// A small recursive-descent JSON parser over UTF-8 bytes that records the
/// line of every value. Depth is bounded (no stack overflow on hostile input)
/// and every error carries the file and line.
struct LocatedJSONParser {
    private let bytes: [UInt8]
    private let file: String
    private let maxDepth: Int
    private var index = 0
    private var line: Int

    init(bytes: [UInt8], file: String, firstLine: Int, maxDepth: Int) {
        self.bytes = bytes
        self.file = file
        self.line = firstLine
        self.maxDepth = maxDepth
    }

    /// One whole document: a value and nothing but whitespace after it.
    mutating func parseDocument() throws -> LocatedJSON {
        skipWhitespace()
        guard index < bytes.count else { throw failure("the JSON is empty") }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index < bytes.count {
            throw failure("unexpected \(describe(bytes[index])) after the end of the JSON value")
        }
        return value
    }

    private func failure(_ reason: String) -> FileSourceError {
        .malformedJSON(file: file, line: line, reason: reason)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: line += 1
            case 0x20, 0x09, 0x0D: break
            default: return
            }
            index += 1
        }
    }

    private mutating func parseValue(depth: Int) throws -> LocatedJSON {
        guard depth <= maxDepth else {
            throw failure("objects and arrays nest deeper than \(maxDepth) levels")
        }
        guard index < bytes.count else { throw failure("the JSON ends too early (truncated?)") }
        let start = line
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return LocatedJSON(.string(try parseString()), line: start)
        case UInt8(ascii: "t"): try expectLiteral("true"); return LocatedJSON(.bool(true), line: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); return LocatedJSON(.bool(false), line: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); return LocatedJSON(.null, line: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return LocatedJSON(.number(try parseNumber()), line: start)
        default:
            throw failure("unexpected \(describe(bytes[index])) where a value should start")
        }
    }

    private mutating func parseObject(depth: Int) throws -> LocatedJSON {
        let start = line
        index += 1
        var members: [LocatedJSON.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return LocatedJSON(.object(members), line: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw failure("the object opened on line \(start) is never closed (truncated?)") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a quoted key, found \(describe(bytes[index]))")
            }
            let keyLine = line
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw failure("expected ':' after the key \"\(key)\"")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            members.append(LocatedJSON.Member(key: key, keyLine: keyLine, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw failure("the object opened on line \(start) is never closed (truncated?)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw failure("expected ',' or '}' in the object opened on line \(start), found \(describe(bytes[index]))")
        }
        return LocatedJSON(.object(members), line: start)
    }

    private mutating func parseArray(depth: Int) throws -> LocatedJSON {
        let start = line
        index += 1
        var elements: [LocatedJSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return LocatedJSON(.array(elements), line: start)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("the array opened on line \(start) is never closed (truncated?)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw failure("expected ',' or ']' in the array opened on line \(start), found \(describe(bytes[index]))")
        }
        return LocatedJSON(.array(elements), line: start)
    }

    private mutating func expectLiteral(_ word: String) throws {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw failure("unexpected \(describe(bytes[index])) where a value should start")
        }
        index += expected.count
    }

    private mutating func parseNumber() throws -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > digitsStart else { throw failure("a number needs digits after '-'") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fraction else { throw failure("a number needs digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponent else { throw failure("a number needs digits in its exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A string starting at the opening quote; handles every JSON escape.
    private mutating func parseString() throws -> String {
        let start = line
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                try appendEscape(into: &out)
            case 0x00..<0x20:
                throw failure("the string opened on line \(start) has a raw line break or control character (unterminated string?)")
            default:
                out.append(byte)
                index += 1
            }
        }
        throw failure("the string opened on line \(start) is never closed (truncated?)")
    }

    private mutating func appendEscape(into out: inout [UInt8]) throws {
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
               bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid UTF-16 surrogate pair in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(character).utf8))
        default:
            throw failure("unknown escape \\\(Character(UnicodeScalar(escape)))")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw failure("\\u must be followed by four hex digits")
        }
        index += 4
        return value
    }
}
