import Foundation

/// What every inventoried resource offers: a reference for findings, its
/// tags, and (when it was read from a file) where its facts are written.
public protocol AuditedResource: Codable, Sendable, Equatable {
    /// How findings and cost lines name this resource.
    var ref: ResourceRef { get }
    /// The resource's tags.
    var tags: Tags { get }
    /// Where facts were read from, keyed by field path (`resource` for the
    /// declaration itself, `environment.NAME`, `assignPublicIp`, ...).
    var locations: [String: SourceLocation] { get }
}

extension AuditedResource {
    /// The location of `field`, else of the resource's declaration; `nil`
    /// for resources read from AWS or a snapshot.
    public func location(of field: String? = nil) -> SourceLocation? {
        if let field, let exact = locations[field] { return exact }
        return locations[LocationKey.resource]
    }

    /// True when the resource carries tag `key` with `value`.
    public func hasTag(_ key: String, _ value: String) -> Bool {
        tags[key] == value
    }
}

/// Well-known keys of `AuditedResource.locations`.
public enum LocationKey {
    /// The line that declares the resource (the CLI command or JSON object).
    public static let resource = "resource"

    /// The line of a container environment variable's value.
    public static func environment(_ container: String, _ name: String) -> String {
        "containers.\(container).environment.\(name)"
    }

    /// The line of a container secret reference's `valueFrom`.
    public static func secret(_ container: String, _ name: String) -> String {
        "containers.\(container).secrets.\(name)"
    }

    /// The line of a container field (`image`, `readonlyRootFilesystem`).
    public static func container(_ container: String, _ field: String) -> String {
        "containers.\(container).\(field)"
    }
}

/// The last path component of an ARN or `/`-separated id.
public func arnSuffix(_ arn: String) -> String {
    if let suffix = textAfterLast(UInt8(ascii: "/"), orLast: UInt8(ascii: ":"), inASCII: arn) { return suffix }
    if let slash = arn.lastIndex(of: "/") {
        return String(arn[arn.index(after: slash)...])
    }
    if let colon = arn.lastIndex(of: ":") {
        return String(arn[arn.index(after: colon)...])
    }
    return arn
}

/// The text after the last `byte` of ASCII `text` (else after its last
/// `fallback`, else `text`), worked out on its bytes; `nil` when `text` is not
/// ASCII. In ASCII a character is a byte (CR LF, the one pair that joins,
/// holds neither), so this is what searching the characters finds: 60-byte
/// ARNs walked backwards a `Character` at a time cost ~6,000 instructions each.
func textAfterLast(_ byte: UInt8, orLast fallback: UInt8? = nil, inASCII text: String) -> String? {
    let found = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
        var last = -1
        var lastFallback = -1
        for index in bytes.indices {
            let current = bytes[index]
            if current >= 0x80 { return nil }
            if current == byte { last = index } else if current == fallback { lastFallback = index }
        }
        let cut = last >= 0 ? last : lastFallback
        return cut < 0 ? text : String(decoding: UnsafeBufferPointer(rebasing: bytes[(cut + 1)...]), as: UTF8.self)
    }
    return found ?? nil
}
