import Foundation

/// A JSON document that fuzz inputs edit value by value, so most inputs stay
/// valid JSON and the fuzzer works on what readers make of values, not on
/// syntax they decline at once.
///
/// An input's bytes 0-1 pick a value of the document, byte 2 says what to do,
/// the rest is JSON text. Even byte 2: the text replaces that value (`13`,
/// `1e2`, `"a\u0041"`, `null`, `[]`, ...). Odd: it goes in as the first
/// members of the object that value is (`"desiredCount":2,`: a duplicate key,
/// an unknown one, a field the document lacks).
public struct JSONEdits: Sendable {
    /// The document every input edits.
    public let base: [UInt8]
    /// Where each value of `base` starts and ends, and whether it is an object.
    public let slots: [Slot]

    /// One value of the document.
    public struct Slot: Sendable {
        public let start: Int
        public let end: Int
        public let isObject: Bool
    }

    /// The document at `path`, relative to the repository that holds this
    /// package (found from `file`, a `#filePath` inside Fuzz/Sources/<target>/).
    public init(repositoryFile path: String, from file: String = #filePath) {
        let root = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        guard let data = try? Data(contentsOf: root.appendingPathComponent(path)) else {
            FileHandle.standardError.write(Data("fuzz: cannot read \(path) beside the Fuzz package\n".utf8))
            exit(2)
        }
        self.init(base: Array(data))
    }

    /// `base`, which must be valid JSON.
    public init(base: [UInt8]) {
        self.base = base
        slots = Self.values(of: base)
    }

    /// The document `input` makes, or nil when the input is too short or adds members to a non-object.
    public func edited(_ input: ArraySlice<UInt8>) -> [UInt8]? {
        guard input.count >= 3 else { return nil }
        let first = input.startIndex
        let slot = slots[(Int(input[first]) << 8 | Int(input[first + 1])) % slots.count]
        let text = input[(first + 3)...]
        if input[first + 2] & 1 == 0 {
            return Array(base[..<slot.start]) + text + Array(base[slot.end...])
        }
        guard slot.isObject else { return nil }
        return Array(base[...slot.start]) + text + Array(base[(slot.start + 1)...])
    }

    private static func values(of base: [UInt8]) -> [Slot] {
        var found: [Slot] = []
        var index = 0
        func skipSpace() { while index < base.count, [0x20, 0x0A, 0x0D, 0x09].contains(base[index]) { index += 1 } }
        func string() {
            index += 1
            while base[index] != UInt8(ascii: "\"") { index += base[index] == UInt8(ascii: "\\") ? 2 : 1 }
            index += 1
        }
        func value() {
            skipSpace()
            let start = index
            let first = base[index]
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                let close = first == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipSpace()
                while base[index] != close {
                    if first == UInt8(ascii: "{") { string(); skipSpace(); index += 1 }  // key and ':'
                    value()
                    skipSpace()
                    if base[index] == UInt8(ascii: ",") { index += 1; skipSpace() }
                }
                index += 1
            } else if first == UInt8(ascii: "\"") {
                string()
            } else {
                while index < base.count, !",]} \n\r\t".utf8.contains(base[index]) { index += 1 }
            }
            found.append(Slot(start: start, end: index, isObject: first == UInt8(ascii: "{")))
        }
        value()
        return found
    }
}
