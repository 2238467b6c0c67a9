import AWSClient
import Foundation
import Inventory

/// Small readers for the values AWS answers (query XML text, JSON members).
extension AWSXMLNode {
    /// The children of list element `name`, whatever the item element is
    /// called (`member`, `item`, RDS `DBInstance`, ElastiCache `CacheCluster`).
    func liveItems(_ name: String) -> [AWSXMLNode] { child(name)?.children ?? [] }

    /// The integer text of child `name`.
    func liveInt(_ name: String) -> Int? { text(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// The 64-bit integer text of child `name`.
    func liveInt64(_ name: String) -> Int64? { text(name).flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } }

    /// The boolean text (`true`/`false`) of child `name`.
    func liveBool(_ name: String) -> Bool? {
        switch text(name)?.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The non-empty text of child `name`.
    func liveString(_ name: String) -> String? {
        guard let value = text(name), !value.isEmpty else { return nil }
        return value
    }

    /// A `Key`/`Value` tag list whose items may have any element name.
    func liveTags(_ name: String) -> Tags {
        var tags: Tags = [:]
        for item in liveItems(name) {
            guard let key = item.text("Key") ?? item.text("key") else { continue }
            tags[key] = item.text("Value") ?? item.text("value") ?? ""
        }
        return tags
    }
}

extension JSONValue {
    /// The string member `key`.
    func liveString(_ key: String) -> String? { self[key]?.string }

    /// The integer member `key` (also accepts a numeric string).
    func liveInt(_ key: String) -> Int? { self[key]?.int ?? self[key]?.string.flatMap { Int($0) } }

    /// The boolean member `key`.
    func liveBool(_ key: String) -> Bool? { self[key]?.bool }

    /// The array member `key` (empty when absent).
    func liveArray(_ key: String) -> [JSONValue] { self[key]?.array ?? [] }

    /// The strings of array member `key`.
    func liveStrings(_ key: String) -> [String] { liveArray(key).compactMap(\.string) }

    /// ECS `[{key, value}]` / ECR `[{Key, Value}]` tags of member `key`.
    func liveTags(_ key: String = "tags") -> Tags {
        var tags: Tags = [:]
        for item in liveArray(key) {
            guard let name = item.liveString("key") ?? item.liveString("Key") else { continue }
            tags[name] = item.liveString("value") ?? item.liveString("Value") ?? ""
        }
        return tags
    }

    /// `[{name, value}]` pairs of member `key`.
    func liveNameValues(_ key: String) -> [NameValue] {
        liveArray(key).compactMap { item in
            item.liveString("name").map { NameValue(name: $0, value: item.liveString("value")) }
        }
    }
}
