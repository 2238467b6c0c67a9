import Foundation

/// A JSON value that remembers the 1-based line it starts on, so that facts read
/// from a file can point at the line of the value itself (Foundation's
/// `JSONSerialization` forgets positions). Object members keep their order.
public struct LocatedJSON: Sendable, Equatable {
    /// The value itself.
    public enum Value: Sendable, Equatable {
        case object([Member])
        case array([LocatedJSON])
        case string(String)
        /// A number, as written.
        case number(String)
        case bool(Bool)
        case null
    }

    /// One `"key": value` member of an object.
    public struct Member: Sendable, Equatable {
        /// The key.
        public var key: String
        /// The line of the key.
        public var keyLine: Int
        /// The value (with its own line).
        public var value: LocatedJSON

        /// Creates a member.
        public init(key: String, keyLine: Int, value: LocatedJSON) {
            self.key = key
            self.keyLine = keyLine
            self.value = value
        }
    }

    /// How deep objects and arrays may nest before parsing stops with an error.
    public static let defaultMaxDepth = 200

    /// The value.
    public var value: Value
    /// The 1-based line where the value starts.
    public var line: Int

    /// Creates a located value.
    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// Parses `text`; its first line is numbered `firstLine`. Errors name `file`
    /// and the line; nesting deeper than `maxDepth` is an error, not a crash.
    public static func parse(_ text: String, file: String, firstLine: Int = 1, maxDepth: Int = LocatedJSON.defaultMaxDepth) throws -> LocatedJSON {
        var parser = LocatedJSONParser(bytes: Array(text.utf8), file: file, firstLine: firstLine, maxDepth: maxDepth)
        return try parser.parseDocument()
    }

    // MARK: Access

    /// The members of an object, `nil` otherwise.
    public var members: [Member]? {
        if case let .object(members) = value { return members }
        return nil
    }

    /// The elements of an array, `nil` otherwise.
    public var array: [LocatedJSON]? {
        if case let .array(elements) = value { return elements }
        return nil
    }

    /// The member `key` of an object: an exact match first, else one that
    /// differs only in case (the AWS CLI shorthand accepts `key=` and `Key=`).
    public subscript(key: String) -> LocatedJSON? {
        guard let members else { return nil }
        if let exact = members.last(where: { $0.key == key }) { return exact.value }
        let lower = key.lowercased()
        return members.last { $0.key.lowercased() == lower }?.value
    }

    /// A string, or a number or boolean as text; `nil` for objects, arrays and null.
    public var string: String? {
        switch value {
        case let .string(text), let .number(text): return text
        case let .bool(flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// An integer from a number or a numeric string.
    public var int: Int? {
        guard let text = string else { return nil }
        if let exact = Int(text) { return exact }
        if let real = Double(text), real.rounded() == real, abs(real) < 1e15 { return Int(real) }
        return nil
    }

    /// A boolean from `true`/`false` or the strings `"true"`/`"false"`.
    public var bool: Bool? {
        switch value {
        case let .bool(flag): return flag
        case let .string(text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Strings of an array (or a lone string as a one-element list).
    public var strings: [String] {
        if let array { return array.compactMap(\.string) }
        return string.map { [$0] } ?? []
    }

    /// The value as compact JSON text with keys in their written order.
    public var compactText: String {
        switch value {
        case let .object(members):
            return "{" + members.map { Self.quote($0.key) + ":" + $0.value.compactText }.joined(separator: ",") + "}"
        case let .array(elements):
            return "[" + elements.map(\.compactText).joined(separator: ",") + "]"
        case let .string(text): return Self.quote(text)
        case let .number(text): return text
        case let .bool(flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
