import Foundation

/// Writes JSON text as UTF-8 bytes, one token at a time: the layout of
/// `ReportJSONWriter` (2-space indentation when `pretty`, `"key": value`,
/// empty containers as `{}` / `[]`), without building a tree first. A
/// 1,000-service report holds 13,000 findings; writing them through a
/// dictionary per finding and `String` appends took most of a second.
///
/// Keys must be written in ascending order within an object (the report's
/// sorted-keys rule); debug builds check it.
struct JSONTextWriter {
    /// The text so far.
    private(set) var bytes: [UInt8] = []
    /// Two-space indentation and newlines.
    let pretty: Bool
    /// Items written in each open container, innermost last.
    private var counts: [Int] = []
    #if DEBUG
    private var lastKeys: [String?] = []
    #endif

    /// Creates a writer; `capacity` reserves room for the expected size.
    init(pretty: Bool, capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    // MARK: containers

    /// `{`: members follow as `key(_:)` then a value.
    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        counts.append(0)
        #if DEBUG
        lastKeys.append(nil)
        #endif
    }

    /// `}`.
    mutating func endObject() {
        #if DEBUG
        lastKeys.removeLast()
        #endif
        close(UInt8(ascii: "}"))
    }

    /// `[`: items follow, each after `item()`.
    mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        counts.append(0)
        #if DEBUG
        lastKeys.append(nil)
        #endif
    }

    /// `]`.
    mutating func endArray() {
        #if DEBUG
        lastKeys.removeLast()
        #endif
        close(UInt8(ascii: "]"))
    }

    /// Starts the next array item.
    mutating func item() {
        separate()
    }

    /// Starts member `key` of the open object.
    mutating func key(_ key: String) {
        #if DEBUG
        if let previous = lastKeys[lastKeys.count - 1] {
            assert(previous < key, "JSON keys out of order: \(previous) before \(key)")
        }
        lastKeys[lastKeys.count - 1] = key
        #endif
        separate()
        string(key)
        if pretty {
            bytes.append(UInt8(ascii: ":"))
            bytes.append(UInt8(ascii: " "))
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
    }

    private mutating func separate() {
        let index = counts.count - 1
        if counts[index] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[index] += 1
        newline(depth: counts.count)
    }

    private mutating func close(_ byte: UInt8) {
        let written = counts.removeLast()
        if written > 0 { newline(depth: counts.count) }
        bytes.append(byte)
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(depth * 2) { bytes.append(UInt8(ascii: " ")) }
    }

    // MARK: scalars

    /// `null`.
    mutating func null() { bytes.append(contentsOf: "null".utf8) }

    /// `true` / `false`.
    mutating func bool(_ flag: Bool) { bytes.append(contentsOf: (flag ? "true" : "false").utf8) }

    /// A number's literal text, as given.
    mutating func number(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A raw newline (the final one of a document).
    mutating func finalNewline() { bytes.append(UInt8(ascii: "\n")) }

    /// A quoted, escaped string: `"`, `\` and control characters escaped,
    /// U+2028 and U+2029 written as `\u2028` / `\u2029` (JavaScript-safe).
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        let needsEscape = utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
        if !needsEscape {
            bytes.append(contentsOf: utf8)
        } else {
            for scalar in text.unicodeScalars { escape(scalar) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ scalar: Unicode.Scalar) {
        switch scalar {
        case "\"": bytes.append(contentsOf: "\\\"".utf8)
        case "\\": bytes.append(contentsOf: "\\\\".utf8)
        case "\n": bytes.append(contentsOf: "\\n".utf8)
        case "\r": bytes.append(contentsOf: "\\r".utf8)
        case "\t": bytes.append(contentsOf: "\\t".utf8)
        case "\u{08}": bytes.append(contentsOf: "\\b".utf8)
        case "\u{0C}": bytes.append(contentsOf: "\\f".utf8)
        default:
            if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u".utf8)
                for shift in [12, 8, 4, 0] { bytes.append(hex[Int((scalar.value >> UInt32(shift)) & 0xF)]) }
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    // MARK: trees

    /// `value`, objects with their keys sorted.
    mutating func value(_ value: ReportJSONValue) {
        switch value {
        case .null: null()
        case let .bool(flag): bool(flag)
        case let .number(text): number(text)
        case let .string(text): string(text)
        case let .array(items):
            beginArray()
            for element in items {
                item()
                self.value(element)
            }
            endArray()
        case let .object(members):
            beginObject()
            for name in members.keys.sorted() {
                key(name)
                self.value(members[name] ?? .null)
            }
            endObject()
        }
    }

    /// The text as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
