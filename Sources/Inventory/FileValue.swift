import Foundation

/// A value written in a file under review (`hydrous-audit check`) that may be
/// a secret on its own, whatever resource it configures: a CLI flag's argument
/// (`--master-user-password`), a JSON string value, a `password: …` line of
/// prose, a connection string. Held in memory only; never written to a snapshot.
public struct FileValue: AuditedResource {
    /// What kind of place holds the value.
    public enum Kind: String, Codable, Sendable {
        case cliArgument = "cli-argument"
        case jsonValue = "json-value"
        case prose
        case shellAssignment = "shell-assignment"
    }

    /// The file as the user named it.
    public var file: String
    /// 1-based line of the value itself.
    public var line: Int
    /// The flag (`--master-user-password`), JSON key, prose key or variable name.
    public var key: String
    /// The value as written.
    public var value: String
    public var kind: Kind
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a file value; its location is its own line.
    public init(file: String, line: Int, key: String, value: String, kind: Kind) {
        self.file = file
        self.line = line
        self.key = key
        self.value = value
        self.kind = kind
        self.locations = [LocationKey.resource: SourceLocation(file: file, line: line)]
    }

    /// Named by file and key (not line, so fingerprints survive line moves).
    public var ref: ResourceRef { ResourceRef(type: "file:value", id: "\(file):\(key)", name: key) }
}
