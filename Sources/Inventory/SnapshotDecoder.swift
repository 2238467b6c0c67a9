import Foundation

/// A `Decoder` over `SnapshotJSON` for valid snapshots: the same values
/// `JSONDecoder` (default strategies) gives. The snapshot fast path
/// (`Inventory.readSnapshot`) uses it for the small lists it does not read
/// by hand. Whatever it is not sure to decode the same way —
/// a missing key, a null where a value is due, a wrong type, an integer
/// written with a fraction, `Float`, `Date`, `Data`, `URL`, `Decimal` — makes
/// it decline, and the caller decodes with `JSONDecoder`, whose errors
/// (with path and line) are the ones users see.
struct SnapshotDecoder: Decoder {
    let node: SnapshotJSON
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes `type` from `data`, or declines.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try SnapshotDecoder(node: SnapshotJSONParser.parse(data)).decodeValue(type)
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // The common leaves first, by metatype identity (no runtime conformance lookups).
        switch node {
        case let .string(text) where type == String.self:
            if let value = text as? T { return value }
        case let .number(text) where type == Int.self:
            guard let integer = Self.integer(text, Int.self), let value = integer as? T else { throw SnapshotFastPathDeclined() }
            return value
        case let .bool(flag) where type == Bool.self:
            if let value = flag as? T { return value }
        default:
            break
        }
        if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self || type == Float.self {
            throw SnapshotFastPathDeclined()
        }
        if let value = try Self.scalar(type, node) { return value }
        // Primitives the node does not hold come back through the containers'
        // primitive requirements (`primitive`), which decline: no recursion.
        return try T(from: self)
    }

    /// `String`, `Bool`, `Double` and fixed-width integers straight from the node; `nil` for other types.
    static func scalar<T>(_ type: T.Type, _ node: SnapshotJSON) throws -> T? {
        switch node {
        case let .string(text):
            guard type == String.self else { return nil }
            return text as? T
        case let .bool(flag):
            guard type == Bool.self else { return nil }
            return flag as? T
        case let .number(text):
            if type == Double.self {
                guard let value = Double(text), value.isFinite else { throw SnapshotFastPathDeclined() }
                return value as? T
            }
            guard let integerType = type as? any FixedWidthInteger.Type else { return nil }
            guard let value = integer(text, integerType) else { throw SnapshotFastPathDeclined() }
            return value as? T
        default:
            return nil
        }
    }

    /// A primitive requirement (`decode(String.self)` and kin): the node's value, or decline.
    static func primitive<T>(_ type: T.Type, _ node: SnapshotJSON) throws -> T {
        guard let value = try scalar(type, node) else { throw SnapshotFastPathDeclined() }
        return value
    }

    /// `text` as `type` when it is a plain integer in range; otherwise `nil`.
    static func integer<I: FixedWidthInteger>(_ text: String, _ type: I.Type) -> I? {
        guard !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return nil }
        return I(text)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(members) = node else { throw SnapshotFastPathDeclined() }
        return KeyedDecodingContainer(Keyed<Key>(members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(items) = node else { throw SnapshotFastPathDeclined() }
        return Unkeyed(items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(node: node)
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [SnapshotMember]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

        func contains(_ key: Key) -> Bool { members.value(forKey: key.stringValue) != nil }

        func node(_ key: Key) throws -> SnapshotJSON {
            guard let node = members.value(forKey: key.stringValue) else { throw SnapshotFastPathDeclined() }
            return node
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try node(key) { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try value(type, forKey: key)
        }

        // The primitive requirements, all through one generic path.
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try SnapshotDecoder.primitive(type, node(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try SnapshotDecoder.primitive(type, node(key)) }

        private func value<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let found = try node(key)
            if case .null = found { throw SnapshotFastPathDeclined() }
            return try SnapshotDecoder(node: found).decodeValue(type)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = members.value(forKey: key.stringValue) else { return nil }
            if case .null = value { return nil }
            return try SnapshotDecoder(node: value).decodeValue(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try SnapshotDecoder(node: node(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try SnapshotDecoder(node: node(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { throw SnapshotFastPathDeclined() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw SnapshotFastPathDeclined() }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [SnapshotJSON]
        var codingPath: [any CodingKey] { [] }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }
        private(set) var currentIndex = 0

        init(items: [SnapshotJSON]) {
            self.items = items
        }

        mutating func next() throws -> SnapshotJSON {
            guard currentIndex < items.count else { throw SnapshotFastPathDeclined() }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < items.count else { throw SnapshotFastPathDeclined() }
            if case .null = items[currentIndex] {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try value(type)
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: String.Type) throws -> String { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: Double.Type) throws -> Double { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: Float.Type) throws -> Float { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: Int.Type) throws -> Int { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try SnapshotDecoder.primitive(type, next()) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try SnapshotDecoder.primitive(type, next()) }

        private mutating func value<T: Decodable>(_ type: T.Type) throws -> T {
            let found = try next()
            if case .null = found { throw SnapshotFastPathDeclined() }
            return try SnapshotDecoder(node: found).decodeValue(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try SnapshotDecoder(node: next()).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try SnapshotDecoder(node: next()).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { throw SnapshotFastPathDeclined() }
    }

    struct Single: SingleValueDecodingContainer {
        let node: SnapshotJSON
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool {
            if case .null = node { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try value(type)
        }

        func decode(_ type: Bool.Type) throws -> Bool { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: String.Type) throws -> String { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: Double.Type) throws -> Double { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: Float.Type) throws -> Float { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: Int.Type) throws -> Int { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: Int8.Type) throws -> Int8 { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: Int16.Type) throws -> Int16 { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: Int32.Type) throws -> Int32 { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: Int64.Type) throws -> Int64 { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: UInt.Type) throws -> UInt { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try SnapshotDecoder.primitive(type, node) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try SnapshotDecoder.primitive(type, node) }

        private func value<T: Decodable>(_ type: T.Type) throws -> T {
            if case .null = node { throw SnapshotFastPathDeclined() }
            return try SnapshotDecoder(node: node).decodeValue(type)
        }
    }
}
