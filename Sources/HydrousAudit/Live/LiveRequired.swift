import AWSClient
import Foundation
import Inventory

/// An answer item lacks a field the audit needs to identify the resource (or
/// to link it to what it uses): the item cannot be read.
struct LiveMissingField: Error, Sendable {
    /// The member's path inside the item (`serviceName`, `containerDefinitions[2].name`).
    let field: String
}

extension JSONValue {
    /// The non-empty string member `key`; throws naming `key` when it is absent or empty.
    func liveRequired(_ key: String) throws(LiveMissingField) -> String {
        guard let value = liveString(key), !value.isEmpty else { throw LiveMissingField(field: key) }
        return value
    }

    /// The integer member `key`; throws naming `key` when it is absent.
    func liveRequiredInt(_ key: String) throws(LiveMissingField) -> Int {
        guard let value = liveInt(key) else { throw LiveMissingField(field: key) }
        return value
    }
}

extension AWSXMLNode {
    /// The non-empty text of child `name`; throws naming `name` when it is absent or empty.
    func liveRequired(_ name: String) throws(LiveMissingField) -> String {
        guard let value = liveString(name) else { throw LiveMissingField(field: name) }
        return value
    }

    /// Every item of list `name`, parsed; an item's missing field is named
    /// with its path from here (`ipPermissions[0].ipRanges[1].cidrIp`).
    func liveRequiredItems<Value>(
        _ name: String, _ parse: (AWSXMLNode) throws(LiveMissingField) -> Value
    ) throws(LiveMissingField) -> [Value] {
        var values: [Value] = []
        for (index, item) in liveItems(name).enumerated() {
            do {
                values.append(try parse(item))
            } catch {
                throw LiveMissingField(field: "\(name)[\(index)].\(error.field)")
            }
        }
        return values
    }
}

extension LiveCalls {
    /// Parses each item of one answer's list `list` (e.g. `services`); an item
    /// missing a required field is left out and recorded in coverage as not
    /// read, naming its position (`services[3]`, counted from 0 in that answer).
    func items<Item, Value>(
        _ items: [Item], of service: AWSService, _ operation: String, list: String, kind: String,
        _ parse: (Item) throws(LiveMissingField) -> Value
    ) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                values.append(try parse(item))
            } catch {
                unreadable(service, operation, at: "\(list)[\(index)]", field: error.field, lost: "that \(kind)")
            }
        }
        return values
    }

    /// Records that `operation` answered `at` (an item's position or what was
    /// asked) without `field`, so `lost` is missing from the audit.
    func unreadable(_ service: AWSService, _ operation: String, at: String, field: String, lost: String) {
        let subject = at.isEmpty ? "" : " \(at)"
        coverage.unreadable(
            service, operation,
            detail: "\(operation) answered\(subject) without \(field): \(lost) was left out of the audit; rerun it, "
                + "and if this persists check that nothing between hydrous-audit and AWS (--endpoint-url, a proxy) "
                + "alters the answers")
    }
}
