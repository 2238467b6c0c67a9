import Foundation

/// A syntax error at a 1-based line and column.
struct ReportJSONSyntaxError: Error, Equatable {
    var line: Int
    var column: Int
    var reason: String
}

/// A small JSON parser that can remember the line of every value, so that a
/// report that does not decode can be blamed on `file:line`. Recording lines
/// builds a path string for each of a large report's ~400,000 values, so a
/// reader parses without and parses again with lines only to name a line.
struct ReportJSONParser {
    /// The parsed document and (when recorded) the line of each value, keyed
    /// by path (`""` for the root, `findings[2].severity`).
    struct Result {
        var value: ReportJSONValue
        var lines: [String: Int]
    }

    /// Deepest nesting accepted.
    static let maxDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var lines: [String: Int] = [:]
    private let recording: Bool

    /// Parses `data` as one JSON document; `lines` records each value's line.
    static func parse(_ data: Data, lines: Bool = true) throws(ReportJSONSyntaxError) -> Result {
        var parser = ReportJSONParser(bytes: Array(data), recording: lines)
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }
        let value = try parser.parseValue(path: "", depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the document") }
        return Result(value: value, lines: parser.lines)
    }

    private init(bytes: [UInt8], recording: Bool) {
        self.bytes = bytes
        self.recording = recording
    }

    private func error(_ reason: String) -> ReportJSONSyntaxError {
        ReportJSONSyntaxError(line: line, column: index - lineStart + 1, reason: reason)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case 0x0A: index += 1; line += 1; lineStart = index
            case 0x20, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(path: String, depth: Int) throws(ReportJSONSyntaxError) -> ReportJSONValue {
        skipWhitespace()
        guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        guard let byte = current else { throw error("the document ends where a value was expected") }
        if recording { lines[path] = line }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth)
        case UInt8(ascii: "["): return try parseArray(path: path, depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func literal(_ word: String) throws(ReportJSONSyntaxError) {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw error("expected '\(word)'")
        }
        index += expected.count
    }

    private mutating func parseObject(path: String, depth: Int) throws(ReportJSONSyntaxError) -> ReportJSONValue {
        index += 1
        var members: [String: ReportJSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try parseString()
            guard members[key] == nil else { throw error("duplicate key \"\(key)\"") }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
            index += 1
            members[key] = try parseValue(path: recording ? (path.isEmpty ? key : path + "." + key) : "", depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(path: String, depth: Int) throws(ReportJSONSyntaxError) -> ReportJSONValue {
        index += 1
        var items: [ReportJSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            items.append(try parseValue(path: recording ? "\(path)[\(items.count)]" : "", depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(items)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseNumber() throws(ReportJSONSyntaxError) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = try digits()
        guard integerDigits > 0 else { throw error("a number needs digits") }
        // JSON writes no leading zero (`07`), and JSONDecoder refuses one.
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            throw error("a number may not start with 0")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard try digits() > 0 else { throw error("a number needs digits after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard try digits() > 0 else { throw error("a number needs digits in its exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func digits() throws(ReportJSONSyntaxError) -> Int {
        var count = 0
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            index += 1
            count += 1
        }
        return count
    }

    private mutating func parseString() throws(ReportJSONSyntaxError) -> String {
        index += 1
        // Most strings hold no escape: one run of bytes, decoded at once.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end + 1
            return text
        }
        // Runs of plain bytes and escaped scalars, decoded at the end (runs
        // end at `"` or `\`, never inside a scalar, so repairs of bad UTF-8
        // are those of decoding each run on its own). The bytes up to `end`
        // are plain: the loop takes over at the first one that is not.
        var text: [UInt8] = []
        var runStart = index
        index = end
        while true {
            guard let byte = current else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                text.append(contentsOf: bytes[runStart..<index])
                index += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                text.append(contentsOf: bytes[runStart..<index])
                index += 1
                UTF8.encode(try parseEscape()) { text.append($0) }
                runStart = index
            case 0x00..<0x20:
                throw error("control character in a string (write it as an escape)")
            default:
                index += 1
            }
        }
    }

    private mutating func parseEscape() throws(ReportJSONSyntaxError) -> Unicode.Scalar {
        guard let byte = current else { throw error("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate in \\u escape")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in \\u escape") }
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else { throw error("invalid \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("invalid \\u escape") }
            return scalar
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func hex4() throws(ReportJSONSyntaxError) -> UInt32 {
        guard bytes.count - index >= 4,
              let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw error("a \\u escape needs 4 hex digits") }
        index += 4
        return value
    }
}
