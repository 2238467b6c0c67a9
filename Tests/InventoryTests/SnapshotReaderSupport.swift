import Foundation
import XCTest
@_spi(Fuzzing) @testable import Inventory
import TestSupport

/// Snapshots for the hand-written fast path's tests: the guide's, one with
/// every field of the hand-read types, and JSON written with keys in any order.
enum SnapshotFixtures {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func guide() throws -> Data {
        try Data(contentsOf: root.appendingPathComponent("examples/guide/snapshot.json"))
    }

    static func guideObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: try guide()) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    /// The guide's snapshot with every field of a service, a task definition
    /// and their parts filled in (the guide leaves tags, locations, secrets... out).
    static func rich() throws -> [String: Any] {
        var object = try guideObject()
        guard var service = (object["services"] as? [[String: Any]])?.first,
              var definition = (object["taskDefinitions"] as? [[String: Any]])?.first,
              var container = (definition["containers"] as? [[String: Any]])?.first else { throw CocoaError(.coderReadCorrupt) }
        let locations: [String: Any] = ["resource": ["file": "a.json", "line": 3], "image": ["file": "b é.json", "line": 9]]
        service["tags"] = ["team": "payments", "env": "prod", "": ""]
        service["locations"] = locations
        service["loadBalancers"] = [["targetGroupArn": "arn:tg", "loadBalancerName": "lb", "containerName": "c", "containerPort": 80], [:]]
        container["secrets"] = [["name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:1:secret:db"]]
        container["readonlyRootFilesystem"] = false
        container["environment"] = (container["environment"] as? [Any] ?? []) + [["name": "EMPTY"], ["name": "Ünïcode \"q\"", "value": "\u{1F600}\\/"]]
        definition["containers"] = [container, ["name": "sidecar", "image": "busybox", "essential": false]]
        definition["runtimePlatform"] = ["cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"]
        definition["ephemeralStorageGiB"] = 21
        definition["tags"] = ["k": "v"]
        definition["locations"] = locations
        object["services"] = [service, ["arn": "arn:s2", "name": "s2", "clusterArn": "arn:c"]]
        object["taskDefinitions"] = [definition, ["arn": "arn:t2", "family": "t2", "revision": -3]]
        object["scope"] = ["tags": ["env=prod"]]
        object["coverage"] = [["service": "ecs", "operation": "DescribeServices", "status": "ok"]]
        return object
    }

    /// `value` as JSON text with each object's keys in an order `random` picks.
    static func write(_ value: Any, shuffling random: inout SeededRandom) -> String {
        switch value {
        case let object as [String: Any]:
            var keys = object.keys.sorted()
            for index in keys.indices.reversed() where index > 0 { keys.swapAt(index, random.below(index + 1)) }
            return "{" + keys.map { quoted($0) + ": " + write(object[$0] as Any, shuffling: &random) }.joined(separator: ", ") + "}"
        case let array as [Any]:
            return "[" + array.map { write($0, shuffling: &random) }.joined(separator: ", ") + "]"
        default:
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) else { return "null" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    private static func quoted(_ key: String) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: key, options: [.fragmentsAllowed]) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Members whose objects are dictionaries (any key), not types with fields.
    static let mapKeys: Set<String> = ["tags", "locations", "options", "attributes", "inlinePolicies"]

    /// Every path to an object member in `value` (`["services", 0, "arn"]`).
    static func memberPaths(_ value: Any, under path: [Any] = []) -> [[Any]] {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { [path + [$0]] + memberPaths(object[$0] as Any, under: path + [$0]) }
        case let array as [Any]:
            return array.indices.flatMap { memberPaths(array[$0], under: path + [$0]) }
        default:
            return []
        }
    }

    /// `value` with the member at `path` replaced by `change(old)` (nil removes it).
    static func changing(_ value: Any, at path: [Any], _ change: (Any) -> Any?) -> Any {
        guard let step = path.first else { return value }
        let rest = Array(path.dropFirst())
        if var object = value as? [String: Any], let key = step as? String {
            if rest.isEmpty {
                object[key] = object[key].flatMap(change)
            } else if let inner = object[key] {
                object[key] = changing(inner, at: rest, change)
            }
            return object
        }
        if var array = value as? [Any], let position = step as? Int {
            array[position] = changing(array[position], at: rest, change)
            return array
        }
        return value
    }
}

/// Decodes `text` both ways; the fast path must give exactly JSONDecoder's
/// value, or decline where JSONDecoder fails. Returns whether the fast path took it.
@discardableResult
func assertDecodesAsJSONDecoder(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let data = Data(text.utf8)
    let reference = try? JSONDecoder().decode(Inventory.self, from: data)
    let fast = try? Inventory.readSnapshot(data)
    XCTAssertEqual(fast, reference, String(text.prefix(300)), file: file, line: line)
    return fast != nil
}
