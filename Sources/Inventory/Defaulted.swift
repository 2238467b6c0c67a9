import Foundation

/// A collection that has an empty value: what a missing key decodes to.
public protocol EmptyInitializable {
    /// The empty value.
    init()
}

extension Array: EmptyInitializable {}
extension Dictionary: EmptyInitializable {}

/// Wraps a collection property so that a snapshot written by hand (or an AWS
/// answer) may leave the key out: it decodes as empty instead of failing.
@propertyWrapper
public struct Defaulted<Value: Codable & Sendable & Equatable & EmptyInitializable>: Codable, Sendable, Equatable {
    /// The collection.
    public var wrappedValue: Value

    /// Wraps `wrappedValue`.
    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    /// Decodes the collection itself (not a wrapper object).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? Value() : try container.decode(Value.self)
    }

    /// Encodes the collection itself.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as the empty collection.
    public func decode<Value>(_ type: Defaulted<Value>.Type, forKey key: Key) throws -> Defaulted<Value> {
        try decodeIfPresent(type, forKey: key) ?? Defaulted(wrappedValue: Value())
    }
}

extension KeyedEncodingContainer {
    /// An empty collection is left out, so snapshots only carry what is known.
    public mutating func encode<Value>(_ value: Defaulted<Value>, forKey key: Key) throws {
        if let collection = value.wrappedValue as? any Collection, collection.isEmpty { return }
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
