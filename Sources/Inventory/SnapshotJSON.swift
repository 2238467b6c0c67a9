import Foundation

/// A parsed JSON value for the snapshot fast path (`SnapshotDecoder`).
/// Numbers keep their text; objects refuse duplicate keys and keep their
/// members in document order: a snapshot's objects have a few keys each, so
/// a linear search beats hashing, and an array of pairs takes a fraction of
/// a dictionary's memory (60,000 objects in a 1,000-service snapshot).
enum SnapshotJSON: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([SnapshotJSON])
    case object([SnapshotMember])
}

/// One member of a JSON object.
struct SnapshotMember: Sendable {
    let key: String
    let value: SnapshotJSON
}

extension [SnapshotMember] {
    /// The value of member `key`, or `nil` (keys are unique: the parser declines duplicates).
    func value(forKey key: String) -> SnapshotJSON? {
        for member in self where member.key == key { return member.value }
        return nil
    }
}

/// An RFC 8259 parser over UTF-8 bytes that takes what Foundation's parser
/// also takes beyond the RFC (a leading byte order mark, one trailing comma
/// in a non-empty object or array). It declines (throws) on anything unusual
/// rather than guess: invalid or lone-surrogate escapes, control characters
/// in strings, invalid UTF-8, duplicate keys, nesting deeper than 512.
struct SnapshotJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0

    /// Parses one JSON document filling all of `data` (surrounding whitespace allowed).
    static func parse(_ data: Data) throws -> SnapshotJSON {
        try data.withUnsafeBytes { raw in
            var parser = SnapshotJSONParser(bytes: raw.bindMemory(to: UInt8.self))
            if raw.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
            parser.skipWhitespace()
            let value = try parser.value()
            parser.skipWhitespace()
            guard parser.index == parser.bytes.count else { throw parser.syntax("more text after the end of the JSON value") }
            return value
        }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A decline for text that is not JSON, at `offset` (default: here).
    private func syntax(_ reason: String, at offset: Int? = nil) -> SnapshotFastPathDeclined {
        SnapshotFastPathDeclined(syntax: JSONSyntaxError(offset: offset ?? index, reason: reason))
    }

    /// The decline for a missing `what` here: the text ended, or something else stands there.
    private func missing(_ what: String) -> SnapshotFastPathDeclined {
        guard index < bytes.count else { return syntax("the text ends where \(what) should be") }
        return syntax("expected \(what), found \(Self.describe(bytes[index]))")
    }

    /// A byte as a user would name it.
    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "a space" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    @inline(__always) mutating func skipWhitespace() {
        // Most calls meet no white space, or the one space after a colon:
        // both are settled here (every JSON white-space byte is <= 0x20).
        guard index < bytes.count, bytes[index] <= 0x20 else { return }
        if bytes[index] == 0x20, index + 1 < bytes.count, bytes[index + 1] > 0x20 {
            index += 1
            return
        }
        index = whitespaceEnd(from: index)
    }

    mutating func expect(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        for offset in 0..<count where index + offset >= bytes.count || bytes[index + offset] != literal.utf8Start[offset] {
            throw syntax(Self.notAValue)
        }
        index += count
    }

    mutating func value() throws -> SnapshotJSON {
        guard index < bytes.count else { throw missing("a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        case let byte where (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"):
            throw syntax(Self.notAValue)
        default: return .number(try number())
        }
    }

    private static let notAValue = "not a JSON value (strings need double quotes; true, false and null are lowercase)"

    private mutating func object() throws -> SnapshotJSON {
        depth += 1
        guard depth <= 512 else { throw SnapshotFastPathDeclined() }
        defer { depth -= 1 }
        index += 1
        var members: [SnapshotMember] = []
        var seen: Set<String> = []  // only for objects too large to search linearly
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            if !members.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1  // a trailing comma, as Foundation allows
                return .object(members)
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw missing("a quoted key") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw missing("':' after the key") }
            index += 1
            skipWhitespace()
            guard Self.isNew(key, in: members, seen: &seen) else { throw SnapshotFastPathDeclined() }
            members.append(SnapshotMember(key: key, value: try value()))
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { throw missing("',' or '}'") }
            index += 1
            return .object(members)
        }
    }

    /// True when `key` is not yet among `members`: a linear search for small
    /// objects, a set (filled on first need) beyond `linearLimit` members.
    static func isNew(_ key: String, in members: [SnapshotMember], seen: inout Set<String>) -> Bool {
        if members.count < linearLimit {
            return !members.contains { $0.key == key }
        }
        if seen.isEmpty { seen = Set(members.map(\.key)) }
        return seen.insert(key).inserted
    }

    /// Objects up to this many members are searched for duplicates linearly.
    static let linearLimit = 32

    private mutating func array() throws -> SnapshotJSON {
        depth += 1
        guard depth <= 512 else { throw SnapshotFastPathDeclined() }
        defer { depth -= 1 }
        index += 1
        var items: [SnapshotJSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            if !items.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1  // a trailing comma, as Foundation allows
                return .array(items)
            }
            items.append(try value())
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { throw missing("',' or ']'") }
            index += 1
            return .array(items)
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as text.
    mutating func number() throws -> String {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integer = digits()
        guard integer > 0 else { throw index == start ? missing("a value") : missing("a digit") }
        guard !(integer > 1 && bytes[index - integer] == 0x30) else {
            throw syntax("a number may not start with 0", at: index - integer)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw missing("a digit after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw missing("a digit in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// A string after its opening quote, escapes decoded; declines invalid UTF-8.
    mutating func string() throws -> String {
        let opening = index
        index += 1
        let start = index
        index = plainRunEnd(from: index)
        guard index < bytes.count else { throw syntax("a string that starts here is never closed", at: opening) }
        if bytes[index] == UInt8(ascii: "\"") {
            let text = try Self.validated(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            index += 1
            return text
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return try scratch.withUnsafeBufferPointer { try Self.validated($0) }
            }
            guard byte >= 0x20 else { throw syntax("a control character inside a string (write it as an escape such as \\n)") }
            if byte != UInt8(ascii: "\\") {
                scratch.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { break }
            let escape = bytes[index + 1]
            let escapeStart = index
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    let unpaired = syntax("\\u\(String(scalar, radix: 16)) is half of a UTF-16 pair without its other half", at: escapeStart)
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw unpaired
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw unpaired }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else {
                    throw syntax("\\u\(String(scalar, radix: 16)) is half of a UTF-16 pair without its other half", at: escapeStart)
                }
                scratch.append(contentsOf: String(Character(unicode)).utf8)
            default: throw syntax("\\\(Character(Unicode.Scalar(escape))) is not a JSON escape (use \\\\ for a backslash)", at: escapeStart)
            }
        }
        throw syntax("a string that starts here is never closed", at: opening)
    }

    private mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw missing("4 hex digits after \\u") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw missing("4 hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// The bytes as a `String`; declines invalid UTF-8, which Foundation
    /// takes (so it is not called a syntax error): `JSONDecoder` decides.
    /// ASCII (nearly every snapshot string) skips the generic validator,
    /// whose unspecialized calls cost more than the rest of the parse.
    private static func validated(_ buffer: UnsafeBufferPointer<UInt8>) throws -> String {
        var bits: UInt8 = 0
        for byte in buffer { bits |= byte }
        if bits < 0x80 { return String(decoding: buffer, as: UTF8.self) }
        guard let text = String(validating: buffer, as: UTF8.self) else { throw SnapshotFastPathDeclined() }
        return text
    }
}
