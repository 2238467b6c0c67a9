import Foundation

/// The snapshot's hand-written fast path: the parser reads the inventory's
/// hot types (services, task definitions and what they hold) straight from
/// the bytes into their values, with no `SnapshotJSON` tree and no `Codable`
/// in between. Each `read…` takes one value of the JSON type the field's
/// `Codable` conformance expects, or declines (`SnapshotFastPathDeclined`)
/// as `SnapshotDecoder` does: a null where a value is due, a wrong type, an
/// integer with a fraction, a missing required key, a duplicate key, a key
/// written with escapes. Syntax is checked as `parse` checks it (same
/// trailing-comma and depth rules); unknown members are parsed by `value()`,
/// so they are validated exactly as the tree parser validates them.
extension SnapshotJSONParser {
    /// The next byte after whitespace; declines at the end of the text.
    mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw SnapshotFastPathDeclined() }
        return bytes[index]
    }

    /// Consumes a `null` here and says so (an optional or `@Defaulted` field's null).
    mutating func readNull() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try expect("null")
        return true
    }

    /// A JSON string.
    mutating func readString() throws -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw SnapshotFastPathDeclined() }
        return try string()
    }

    /// A JSON string or null.
    mutating func readOptionalString() throws -> String? {
        try readNull() ? nil : readString()
    }

    /// A plain integer in range of `type` (no fraction, no exponent), as `SnapshotDecoder.integer` takes it.
    mutating func readInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let byte = try peek()
        guard byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) else { throw SnapshotFastPathDeclined() }
        guard let value = SnapshotDecoder.integer(try number(), type) else { throw SnapshotFastPathDeclined() }
        return value
    }

    /// An `Int` or null.
    mutating func readOptionalInt() throws -> Int? {
        try readNull() ? nil : readInteger(Int.self)
    }

    /// `true` or `false`.
    mutating func readBool() throws -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try expect("true")
            return true
        case UInt8(ascii: "f"):
            try expect("false")
            return false
        default:
            throw SnapshotFastPathDeclined()
        }
    }

    /// A `Bool` or null.
    mutating func readOptionalBool() throws -> Bool? {
        try readNull() ? nil : readBool()
    }

    /// A JSON array, each element read by `element` (which declines on null, as `Array.init(from:)` does).
    mutating func readArray<T>(_ element: (inout SnapshotJSONParser) throws -> T) throws -> [T] {
        guard try peek() == UInt8(ascii: "[") else { throw SnapshotFastPathDeclined() }
        depth += 1
        guard depth <= 512 else { throw SnapshotFastPathDeclined() }
        index += 1
        var items: [T] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            return closeArray(items)
        }
        while true {
            skipWhitespace()
            if !items.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                return closeArray(items)  // a trailing comma, as Foundation allows
            }
            items.append(try element(&self))
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { throw SnapshotFastPathDeclined() }
            return closeArray(items)
        }
    }

    private mutating func closeArray<T>(_ items: [T]) -> [T] {
        index += 1
        depth -= 1
        return items
    }

    /// A `@Defaulted` list: null is empty (a missing key is the caller's default).
    mutating func readList<T>(_ element: (inout SnapshotJSONParser) throws -> T) throws -> [T] {
        try readNull() ? [] : readArray(element)
    }

    /// A `@Defaulted` list of strings.
    mutating func readStrings() throws -> [String] {
        try readList { try $0.readString() }
    }

    /// A `@Defaulted` dictionary with string keys: null is empty; a duplicate key declines.
    mutating func readMap<V>(_ element: (inout SnapshotJSONParser) throws -> V) throws -> [String: V] {
        if try readNull() { return [:] }
        var state = try beginObject()
        var map: [String: V] = [:]
        while try nextMember(&state) {
            let key = try string()
            try colon()
            guard map.updateValue(try element(&self), forKey: key) == nil else { throw SnapshotFastPathDeclined() }
        }
        return map
    }

    /// `Tags` and other `[String: String]` maps.
    mutating func readStringMap() throws -> [String: String] {
        try readMap { try $0.readString() }
    }

    /// `locations`: field path to `SourceLocation`.
    mutating func readLocations() throws -> [String: SourceLocation] {
        try readMap { try SourceLocation(reading: &$0) }
    }

    /// Any other `Decodable` value, or nil for null: parsed into a tree and
    /// decoded by `SnapshotDecoder` (for the small lists, where speed does not matter).
    mutating func readThroughTree<T: Decodable>(_ type: T.Type) throws -> T? {
        skipWhitespace()
        let node = try value()
        if case .null = node { return nil }
        return try SnapshotDecoder(node: node).decodeValue(type)
    }

    // MARK: Objects

    /// Opens the object here.
    mutating func beginObject() throws -> SnapshotObjectState {
        guard try peek() == UInt8(ascii: "{") else { throw SnapshotFastPathDeclined() }
        depth += 1
        guard depth <= 512 else { throw SnapshotFastPathDeclined() }
        index += 1
        return SnapshotObjectState()
    }

    /// Moves to the next member's key (its opening quote) and says true, or
    /// passes the closing brace and says false.
    mutating func nextMember(_ state: inout SnapshotObjectState) throws -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw SnapshotFastPathDeclined() }
        if state.members > 0 {
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                guard index < bytes.count else { throw SnapshotFastPathDeclined() }
                if bytes[index] == UInt8(ascii: "}") { return closeObject() }  // a trailing comma, as Foundation allows
            } else if bytes[index] == UInt8(ascii: "}") {
                return closeObject()
            } else {
                throw SnapshotFastPathDeclined()
            }
        } else if bytes[index] == UInt8(ascii: "}") {
            return closeObject()
        }
        guard bytes[index] == UInt8(ascii: "\"") else { throw SnapshotFastPathDeclined() }
        state.members += 1
        return true
    }

    private mutating func closeObject() -> Bool {
        index += 1
        depth -= 1
        return false
    }

    /// The `:` after a key.
    mutating func colon() throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw SnapshotFastPathDeclined() }
        index += 1
    }

    /// The next known field of the object (cursor on its value), skipping
    /// unknown members; nil past the closing brace. Declines a key seen twice
    /// and a key written with escapes.
    mutating func nextField<Field>(_ table: SnapshotFields<Field>, _ state: inout SnapshotObjectState) throws -> Field? {
        while try nextMember(&state) {
            index += 1  // the opening quote
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                guard bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 else { throw SnapshotFastPathDeclined() }
                index += 1
            }
            guard index < bytes.count else { throw SnapshotFastPathDeclined() }
            let key = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            try colon()
            if let position = table.position(of: key) {
                let bit: UInt64 = 1 << UInt64(position)
                guard state.seen & bit == 0 else { throw SnapshotFastPathDeclined() }
                state.seen |= bit
                return table.fields[position]
            }
            // An unknown member: its key must be valid and new, its value valid JSON.
            guard let name = String(validating: key, as: UTF8.self), !state.unknown.contains(name) else {
                throw SnapshotFastPathDeclined()
            }
            state.unknown.append(name)
            skipWhitespace()
            _ = try value()
        }
        return nil
    }
}

/// What `nextField` knows of the object it reads: members so far, known fields
/// seen (one bit each), unknown keys seen (rare; for the duplicate check).
struct SnapshotObjectState {
    var members = 0
    var seen: UInt64 = 0
    var unknown: [String] = []
}

/// The keys of a type's fields, for `nextField`. The keys are ASCII without
/// `K`, `;` or `` ` `` (the only ASCII characters another character is
/// canonically equivalent to), so comparing bytes finds exactly the members
/// `JSONDecoder` finds by `String` equality.
struct SnapshotFields<Field: RawRepresentable & CaseIterable & Sendable>: Sendable where Field.RawValue == String {
    let fields: [Field]
    private let keys: [[UInt8]]

    init() {
        fields = Array(Field.allCases)
        keys = fields.map { Array($0.rawValue.utf8) }
        precondition(fields.count <= 64 && keys.allSatisfy { $0.allSatisfy { $0 < 0x80 && $0 != 0x4B && $0 != 0x3B && $0 != 0x60 } })
    }

    /// The position of the field named `key`, or nil.
    func position(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        for position in keys.indices where keys[position].count == key.count {
            let equal = keys[position].withUnsafeBufferPointer { candidate in
                guard let expected = candidate.baseAddress, let found = key.baseAddress else { return key.isEmpty }
                return memcmp(expected, found, key.count) == 0
            }
            if equal { return position }
        }
        return nil
    }
}
