import Foundation
import Inventory

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

    /// Takes the text in chunks as it is written; `nil` keeps it all in `bytes`.
    private let sink: ((ArraySlice<UInt8>) -> Void)?
    /// The chunk size handed to `sink`.
    private static let chunkSize = 1 << 16

    /// Creates a writer; `capacity` reserves room for the expected size.
    init(pretty: Bool, capacity: Int = 0) {
        self.pretty = pretty
        self.sink = nil
        bytes.reserveCapacity(capacity)
    }

    /// Creates a writer that hands its text to `sink` in chunks of about
    /// 64 KiB (a large report is never held whole); call `finish()` at the end.
    init(pretty: Bool, sink: @escaping (ArraySlice<UInt8>) -> Void) {
        self.pretty = pretty
        self.sink = sink
        bytes.reserveCapacity(Self.chunkSize + 4_096)
    }

    /// A writer for items of an array open at nesting `depth` (1 for an array
    /// that is a top-level object's member) that already holds `itemsBefore`
    /// items: its text continues that array, to be joined with `append(items:)`.
    init(pretty: Bool, continuingArrayAt depth: Int, itemsBefore: Int) {
        self.pretty = pretty
        self.sink = nil
        counts = Array(repeating: 1, count: max(0, depth - 1)) + [itemsBefore]
        #if DEBUG
        lastKeys = Array(repeating: nil, count: depth)
        #endif
    }

    /// Appends `text` (written by a `continuingArrayAt:` writer) as `items` more items of the open array.
    mutating func append(items: Int, bytes text: [UInt8]) {
        bytes.append(contentsOf: text)
        counts[counts.count - 1] += items
        flushIfFull()
    }

    /// The nesting depth of the container being written.
    var depth: Int { counts.count }

    /// Hands what is left to the sink.
    mutating func finish() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes[...])
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() {
        guard let sink, bytes.count >= Self.chunkSize else { return }
        sink(bytes[...])
        bytes.removeAll(keepingCapacity: true)
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
        flushIfFull()
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
    mutating func number(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes already escaped and quoted (a `JSONEscapeMemo` copy), as they are.
    mutating func append(raw text: [UInt8]) { bytes.append(contentsOf: text) }

    /// How many bytes the writer holds (not yet handed to a sink).
    var count: Int { bytes.count }

    /// The bytes written since `count` was `start` (no chunk is handed to the
    /// sink within one scalar, so they are all still held).
    func written(from start: Int) -> [UInt8] { Array(bytes[start...]) }

    /// A raw newline (the final one of a document).
    mutating func finalNewline() { bytes.append(UInt8(ascii: "\n")) }

    /// A quoted, escaped string: `"`, `\` and control characters escaped,
    /// U+2028 and U+2029 written as `\u2028` / `\u2029` (JavaScript-safe).
    /// Copies runs of bytes that need no escape whole.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                index = Self.plainRunEnd(utf8, from: index)
                guard index < utf8.count else { break }
                let byte = utf8[index]
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0xE2 {
                    index += 1
                    continue
                }
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9; other E2 sequences pass.
                let separator = byte == 0xE2 && index + 2 < utf8.count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9)
                if byte == 0xE2, !separator {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                if separator {
                    bytes.append(contentsOf: (utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 3
                } else {
                    escape(byte)
                    index += 1
                }
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The first position from `start`, in steps of 8 bytes, whose 8 bytes
    /// may hold one `string` must look at (a control character, `"`, `\`,
    /// or any byte from 0x80, which covers U+2028/U+2029's 0xE2): the
    /// byte-by-byte loop takes over from there. Word tests may fire for
    /// nothing (the loop then checks those bytes one by one) but never miss.
    static func plainRunEnd(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = utf8.baseAddress else { return start }
        var index = start
        while index + 8 <= utf8.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & ByteWords.highs != 0 || ByteWords.holdsJSONStringStop(word) { return index }
            index += 8
        }
        return index
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes.append(contentsOf: "\\\"".utf8)
        case 0x5C: bytes.append(contentsOf: "\\\\".utf8)
        case 0x0A: bytes.append(contentsOf: "\\n".utf8)
        case 0x0D: bytes.append(contentsOf: "\\r".utf8)
        case 0x09: bytes.append(contentsOf: "\\t".utf8)
        case 0x08: bytes.append(contentsOf: "\\b".utf8)
        case 0x0C: bytes.append(contentsOf: "\\f".utf8)
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
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

extension JSONTextWriter {
    /// Items `0..<count` of the array open in this writer, written over the
    /// cores (`ParallelText`): each range by its own writer, with its own
    /// `State` (e.g. a memo of escaped texts), joined in order. `item` writes
    /// one item's value.
    mutating func appendItems<State>(
        count: Int, state: @Sendable () -> State, item: @Sendable (Int, inout JSONTextWriter, inout State) -> Void
    ) {
        let depth = depth
        let pretty = pretty
        ParallelText.parts(count: count, part: { range -> (Int, [UInt8]) in
            var writer = JSONTextWriter(pretty: pretty, continuingArrayAt: depth, itemsBefore: range.lowerBound)
            var local = state()
            for index in range {
                writer.item()
                item(index, &writer, &local)
            }
            return (range.count, writer.bytes)
        }, take: { items, part in
            append(items: items, bytes: part)
        })
    }
}
