import Foundation

/// Resource tags, key to value.
public typealias Tags = [String: String]

/// A `name`/`value` pair (container environment variables, cluster settings).
public struct NameValue: Codable, Sendable, Equatable, Hashable {
    /// The name.
    public var name: String
    /// The value; `nil` when absent.
    public var value: String?

    /// Creates a pair.
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// Where a fact came from when the inventory was read out of a file
/// (`hydrous-audit check`): the file and the 1-based line of the value itself.
public struct SourceLocation: Codable, Sendable, Equatable, Hashable {
    /// The file path as the user named it.
    public var file: String
    /// 1-based line number.
    public var line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

/// A reference to one resource, as it appears in findings and cost lines.
public struct ResourceRef: Codable, Sendable, Equatable, Hashable {
    /// The resource type, `service:kind` (e.g. `ecs:task-definition`).
    public var type: String
    /// A short identifier a person recognises (name, id or `family:revision`).
    public var id: String
    /// The ARN where the resource has one.
    public var arn: String?
    /// A display name.
    public var name: String?

    /// Creates a reference.
    public init(type: String, id: String, arn: String? = nil, name: String? = nil) {
        self.type = type
        self.id = id
        self.arn = arn
        self.name = name
    }
}

/// The outcome of one API operation the audit needed.
public struct CoverageEntry: Codable, Sendable, Equatable, Hashable {
    /// The outcome of a call.
    public enum Status: String, Codable, Sendable, Comparable {
        case ok, denied, failed

        public static func < (lhs: Status, rhs: Status) -> Bool {
            lhs.rawValue < rhs.rawValue
        }
    }

    /// Service name as in the endpoint table (`ecs`, `ec2`, `rds`, ...).
    public var service: String
    /// The operation (`DescribeServices`).
    public var operation: String
    /// What happened.
    public var status: Status
    /// Why it failed (AWS error code and message), or how many calls succeeded.
    public var detail: String?

    /// Creates an entry.
    public init(service: String, operation: String, status: Status, detail: String? = nil) {
        self.service = service
        self.operation = operation
        self.status = status
        self.detail = detail
    }
}

/// The audit's scope as the user gave it: tags `KEY=VALUE` and cluster names.
public struct Scope: Codable, Sendable, Equatable {
    /// Tag filters, `KEY=VALUE` each.
    public var tags: [String]
    /// Cluster names or ARNs.
    public var clusters: [String]

    /// Creates a scope. Empty means everything in the region.
    public init(tags: [String] = [], clusters: [String] = []) {
        self.tags = tags
        self.clusters = clusters
    }

    enum CodingKeys: String, CodingKey {
        case tags, clusters
    }

    /// Decodes a scope; missing lists are empty.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        clusters = try container.decodeIfPresent([String].self, forKey: .clusters) ?? []
    }

    /// True when neither tags nor clusters narrow the audit.
    public var isEverything: Bool { tags.isEmpty && clusters.isEmpty }
}
